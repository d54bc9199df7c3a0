// atomic_file.h — write a whole file so that readers see the old or the new
// content, never a half-written one.
//
// Ownership: free functions. Thread affinity: none.
// Failure modes: throws gs::Error naming the path and the system's reason (for
// example "No space left on device"); the temporary file is removed and the
// destination is left as it was.
//
// Test seam: set_atomic_write_fault installs a hook that runs on the writing
// thread after the temporary file is complete and before it replaces the
// destination; a hook that throws makes the write fail there (as a full disk
// would), so tests can check the failure path without relying on permissions,
// which root ignores. Not for product code; install and clear it from one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace gs {

void write_file_atomically(const std::string& path, const std::vector<uint8_t>& bytes);

// For writers that need a path (e.g. LibTorch archives): calls write(tmp_path),
// then fsyncs and renames tmp_path onto path.
void write_via_temp_file(const std::string& path,
                         const std::function<void(const std::string& tmp_path)>& write);

// Installs (or, with an empty function, removes) the fault hook described above.
void set_atomic_write_fault(std::function<void(const std::string& tmp_path)> hook);

}  // namespace gs
