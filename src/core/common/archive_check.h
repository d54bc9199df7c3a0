// archive_check.h — the record sizes a LibTorch archive (a zip file: a
// checkpoint, a snapshot or a TorchScript module) claims in its central
// directory, checked before LibTorch reads it. LibTorch allocates a record's
// claimed uncompressed size before reading it, so a damaged 5 KB file whose
// directory claims a 1.6 GB record would otherwise take 1.6 GB of memory.
// LibTorch stores records uncompressed; a stored record larger than the whole
// file, or a compressed one beyond zlib's largest ratio, is refused. The same
// for the pickles inside (data.pkl, constants.pkl): LibTorch's unpickler
// reserves a string's claimed length before reading it, so a length beyond
// the record's end is refused first.
//
// archive_code tells what program code an archive carries: LibTorch compiles
// an archive's code/ records while reading it, and its 1.13 compiler crashes
// on some damaged source (fuzz/unfixed). GenStudio's checkpoints and snapshots
// hold one class of attributes that LibTorch writes in a fixed form; their
// readers refuse anything else before LibTorch sees it.
//
// Ownership: free functions; nothing kept. Thread affinity: none.
// Failure modes: throws gs::Error naming `name` for a record that claims more
// than the file can hold. Anything it cannot parse (no zip directory, a
// truncated one) is left for LibTorch to refuse, so it never refuses a file
// LibTorch could read.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace gs {

void check_archive_records(const std::vector<uint8_t>& bytes, const std::string& name);

enum class ArchiveCode {
  TensorsOnly,  // no code, or only the attribute class LibTorch writes for saved tensors
  Module,       // defines forward(): a TorchScript module
  Foreign,      // any other code (damaged, or written by something else)
};
ArchiveCode archive_code(const std::vector<uint8_t>& bytes);
ArchiveCode archive_file_code(const std::string& path);
// The same for a file (reads its last 64 KB and its directory only).
void check_archive_file_records(const std::string& path);

}  // namespace gs
