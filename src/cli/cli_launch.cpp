// cli_launch.cpp — `genstudio-cli train … --processes N`: the one-machine
// launcher. Picks a free loopback port, re-runs this executable N times with
// --world-size N --rank R --master 127.0.0.1:PORT (and --threads cores / N
// unless --threads was given), forwards each rank's output line by line with a
// "[rank R] " prefix, passes Ctrl-C on to the ranks and returns the worst
// rank's exit code (a rank killed by a signal counts as 128 + the signal).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "cli_commands.h"
#include "core/common/error.h"

namespace gs::cli {
namespace {

std::vector<pid_t> g_children;

extern "C" void forward_signal(int sig) {
  for (pid_t pid : g_children) kill(pid, sig);
}

int free_loopback_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw Error("Could not open a socket to find a free port for the local ranks.");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  const bool ok = bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
  close(fd);
  if (!ok) throw Error("Could not find a free port on 127.0.0.1 for the local ranks.");
  return ntohs(addr.sin_port);
}

// The command line without --processes (either "--processes N" or "--processes=N").
std::vector<std::string> without_processes(const std::vector<std::string>& argv) {
  std::vector<std::string> out;
  for (size_t i = 1; i < argv.size(); ++i) {
    if (argv[i] == "--processes") {
      ++i;
      continue;
    }
    if (argv[i].rfind("--processes=", 0) == 0) continue;
    out.push_back(argv[i]);
  }
  return out;
}

struct Rank {
  pid_t pid = -1;
  int out = -1, err = -1;
  std::string out_buf, err_buf;
};

void forward_lines(std::string& buf, const char* data, ssize_t n, int rank, FILE* to, bool flush_all) {
  buf.append(data, static_cast<size_t>(n));
  size_t start = 0;
  for (size_t i = 0; i < buf.size(); ++i) {
    if (buf[i] == '\n' || buf[i] == '\r') {
      if (i > start) std::fprintf(to, "[rank %d] %.*s\n", rank, static_cast<int>(i - start), buf.data() + start);
      start = i + 1;
    }
  }
  buf.erase(0, start);
  if (flush_all && !buf.empty()) {
    std::fprintf(to, "[rank %d] %s\n", rank, buf.c_str());
    buf.clear();
  }
  std::fflush(to);
}

}  // namespace

int launch_local_ranks(const TrainOptions& o) {
  const int n = o.processes;
  if (n < 1 || n > 64) throw Error("--processes must be between 1 and 64 local ranks.");
  if (o.world_size != 1 || o.rank != 0) {
    throw Error("--processes starts its own ranks; leave out --world-size and --rank (they are for one rank of a run across machines).");
  }
  if (o.out.empty()) throw Error("--out DIR is required.");
  const int port = free_loopback_port();
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const int threads = o.threads > 0 ? o.threads : static_cast<int>(std::max(1u, cores / static_cast<unsigned>(n)));
  const std::vector<std::string> base = without_processes(o.argv);
  if (!o.quiet) {
    std::fprintf(stderr, "starting %d ranks on 127.0.0.1:%d, %d thread%s each\n", n, port, threads, threads == 1 ? "" : "s");
  }

  std::vector<Rank> ranks(n);
  for (int r = 0; r < n; ++r) {
    std::vector<std::string> args{"/proc/self/exe"};
    args.insert(args.end(), base.begin(), base.end());
    args.insert(args.end(), {"--world-size", std::to_string(n), "--rank", std::to_string(r), "--master",
                             "127.0.0.1:" + std::to_string(port)});
    if (o.threads <= 0) args.insert(args.end(), {"--threads", std::to_string(threads)});
    int out_pipe[2], err_pipe[2];
    if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) throw Error("Could not create pipes for the local ranks.");
    std::fflush(nullptr);
    const pid_t pid = fork();
    if (pid < 0) throw Error("Could not start local rank " + std::to_string(r) + ": " + std::strerror(errno) + ".");
    if (pid == 0) {
      dup2(out_pipe[1], STDOUT_FILENO);
      dup2(err_pipe[1], STDERR_FILENO);
      close(out_pipe[0]);
      close(err_pipe[0]);
      close(out_pipe[1]);
      close(err_pipe[1]);
      std::vector<char*> cargs;
      for (auto& a : args) cargs.push_back(a.data());
      cargs.push_back(nullptr);
      execv("/proc/self/exe", cargs.data());
      std::fprintf(stderr, "could not start: %s\n", std::strerror(errno));
      _exit(127);
    }
    close(out_pipe[1]);
    close(err_pipe[1]);
    ranks[r].pid = pid;
    ranks[r].out = out_pipe[0];
    ranks[r].err = err_pipe[0];
    g_children.push_back(pid);
  }
  std::signal(SIGINT, forward_signal);
  std::signal(SIGTERM, forward_signal);

  // Forward output until every pipe has closed.
  char chunk[4096];
  for (;;) {
    std::vector<pollfd> fds;
    std::vector<std::pair<int, bool>> who;  // rank, stderr?
    for (int r = 0; r < n; ++r) {
      if (ranks[r].out >= 0) fds.push_back({ranks[r].out, POLLIN, 0}), who.push_back({r, false});
      if (ranks[r].err >= 0) fds.push_back({ranks[r].err, POLLIN, 0}), who.push_back({r, true});
    }
    if (fds.empty()) break;
    if (poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (size_t i = 0; i < fds.size(); ++i) {
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      Rank& rk = ranks[who[i].first];
      const bool is_err = who[i].second;
      const ssize_t got = read(fds[i].fd, chunk, sizeof chunk);
      if (got < 0 && errno == EINTR) continue;
      std::string& buf = is_err ? rk.err_buf : rk.out_buf;
      FILE* to = is_err ? stderr : stdout;
      if (got <= 0) {
        forward_lines(buf, chunk, 0, who[i].first, to, true);
        close(fds[i].fd);
        (is_err ? rk.err : rk.out) = -1;
      } else {
        forward_lines(buf, chunk, got, who[i].first, to, false);
      }
    }
  }

  int worst = 0;
  for (int r = 0; r < n; ++r) {
    int status = 0;
    while (waitpid(ranks[r].pid, &status, 0) < 0 && errno == EINTR) {
    }
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    if (code != 0) std::fprintf(stderr, "genstudio-cli: rank %d exited with code %d\n", r, code);
    worst = std::max(worst, code);
  }
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  g_children.clear();
  return worst;
}

}  // namespace gs::cli
