#include "core/common/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>

#include "core/common/error.h"

namespace gs {
namespace {

std::function<void(const std::string&)>& fault_hook() {
  static std::function<void(const std::string&)> hook;
  return hook;
}

// Runs the test seam's hook, if any, on the finished temporary file.
void run_fault_hook(const std::string& tmp) {
  if (fault_hook()) fault_hook()(tmp);
}

std::string temp_name_for(const std::string& path) {
  std::random_device rd;
  return path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(rd() % 1000000);
}

// A sentence for the errors people meet (full disk, size limit, read-only or
// forbidden folder); the system's own text otherwise.
std::string reason(int err) {
  switch (err) {
    case ENOSPC:
    case EDQUOT:
      return "the disk is full (" + std::string(std::strerror(err)) + "). Free some space and save again";
    case EFBIG:
      return "the file would exceed the size limit of this system or disk (" + std::string(std::strerror(err)) +
             "). Free some space or choose another disk";
    case EROFS:
    case EACCES:
    case EPERM:
      return "the folder cannot be written to (" + std::string(std::strerror(err)) +
             "). Choose a folder you may write to";
    default:
      return std::strerror(err);
  }
}

[[noreturn]] void fail(const std::string& what, const std::string& path, int err) {
  throw Error("Could not " + what + " '" + path + "': " + reason(err) + ". Any earlier file of that name is unchanged.");
}

void fsync_path(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// The folder holding `path`, so the rename itself reaches the disk.
void fsync_parent(const std::string& path) {
  const auto slash = path.find_last_of('/');
  const std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

void commit(const std::string& tmp, const std::string& path) {
  fsync_path(tmp);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    std::remove(tmp.c_str());
    fail("replace", path, err);
  }
  fsync_parent(path);
}

}  // namespace

void write_file_atomically(const std::string& path, const std::vector<uint8_t>& bytes) {
  const std::string tmp = temp_name_for(path);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail("write", path, errno);
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      std::remove(tmp.c_str());
      fail("write", path, err);
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    int err = errno;
    std::remove(tmp.c_str());
    fail("write", path, err);
  }
  try {
    run_fault_hook(tmp);
  } catch (...) {
    std::remove(tmp.c_str());
    throw;
  }
  commit(tmp, path);
}

void set_atomic_write_fault(std::function<void(const std::string&)> hook) { fault_hook() = std::move(hook); }

void write_via_temp_file(const std::string& path,
                         const std::function<void(const std::string&)>& write) {
  const std::string tmp = temp_name_for(path);
  try {
    write(tmp);
    run_fault_hook(tmp);
  } catch (const Error&) {
    std::remove(tmp.c_str());
    throw;
  } catch (const std::exception& e) {
    std::remove(tmp.c_str());
    // LibTorch reports a full disk or a missing directory as a long c10::Error;
    // keep its first line, which names the cause.
    std::string msg = e.what();
    msg = msg.substr(0, msg.find('\n'));
    throw Error("Could not write '" + path + "': " + msg);
  }
  ::chmod(tmp.c_str(), 0644);  // some writers create private files (giflib: 0600)
  commit(tmp, path);
}

}  // namespace gs
