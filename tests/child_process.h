// child_process.h — runs a function in a forked child process (for tests that
// kill a writer or limit its file sizes without touching the test itself).
//
// Ownership: free functions. Thread affinity: call from the test's main thread
// while no other thread of the test does work (fork copies only the caller).
// Failure modes: run_in_child returns the child's report and exit status; a
// child that throws reports "FAIL: <what()>" and exits with 1.
#pragma once

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <functional>
#include <string>

struct ChildResult {
  int status = -1;  // waitpid status
  std::string report;
  bool ok() const { return WIFEXITED(status) && WEXITSTATUS(status) == 0; }
};

// Forks; the child runs `body` and hands its returned text back through a pipe.
inline ChildResult run_in_child(const std::function<std::string()>& body) {
  int fds[2];
  if (::pipe(fds) != 0) return {};
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    std::string report;
    int code = 0;
    try {
      report = body();
    } catch (const std::exception& e) {
      report = std::string("FAIL: ") + e.what();
      code = 1;
    }
    size_t done = 0;
    while (done < report.size()) {
      const ssize_t n = ::write(fds[1], report.data() + done, report.size() - done);
      if (n <= 0) break;
      done += size_t(n);
    }
    ::_exit(code);
  }
  ::close(fds[1]);
  ChildResult result;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fds[0], buf, sizeof buf)) > 0) result.report.append(buf, size_t(n));
  ::close(fds[0]);
  ::waitpid(pid, &result.status, 0);
  return result;
}
