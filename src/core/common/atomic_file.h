// atomic_file.h — write a whole file so that readers see the old or the new
// content, never a half-written one.
//
// Ownership: free functions. Thread affinity: none.
// Failure modes: throws gs::Error naming the path and the system's reason (for
// example "No space left on device"); the temporary file is removed and the
// destination is left as it was.
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

}  // namespace gs
