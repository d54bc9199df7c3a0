#include "core/data/idx_reader.h"

#include <sys/stat.h>
#include <zlib.h>

#include "core/common/error.h"

namespace gs {
namespace {

std::vector<uint8_t> read_gzip_or_plain(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw Error("The file '" + path + "' does not exist.");
  gzFile file = gzopen(path.c_str(), "rb");
  if (!file) throw Error("Could not open '" + path + "' for reading.");
  gzbuffer(file, 1 << 17);
  std::vector<uint8_t> out;
  std::vector<uint8_t> chunk(1 << 20);
  for (;;) {
    const int n = gzread(file, chunk.data(), static_cast<unsigned>(chunk.size()));
    if (n < 0) {
      int code = 0;
      const std::string reason = gzerror(file, &code);
      gzclose(file);
      throw Error("The file '" + path + "' is damaged (" + reason + ").");
    }
    if (n == 0) break;
    out.insert(out.end(), chunk.begin(), chunk.begin() + n);
  }
  int code = Z_OK;
  const std::string reason = gzerror(file, &code);
  gzclose(file);
  if (code != Z_OK && code != Z_STREAM_END) {
    throw Error("The file '" + path + "' is damaged or truncated (" + reason + ").");
  }
  return out;
}

uint32_t big_endian(const uint8_t* p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}

}  // namespace

IdxArray parse_idx(const std::vector<uint8_t>& bytes, int expected_dims, const std::string& name) {
  if (bytes.size() < 4) throw Error("The file '" + name + "' is too short to be an IDX file.");
  if (bytes[0] != 0 || bytes[1] != 0) {
    throw Error("The file '" + name + "' is not an IDX file (bad magic number).");
  }
  if (bytes[2] != 0x08) {
    throw Error("The file '" + name + "' does not hold unsigned bytes (IDX type 0x" +
                std::to_string(bytes[2]) + "); expected 0x08.");
  }
  const int dims = bytes[3];
  if (dims != expected_dims) {
    throw Error("The file '" + name + "' has " + std::to_string(dims) + " dimensions; expected " +
                std::to_string(expected_dims) + ".");
  }
  const size_t header = 4 + 4 * static_cast<size_t>(dims);
  if (bytes.size() < header) throw Error("The file '" + name + "' is truncated (header).");
  IdxArray out;
  uint64_t count = 1;
  for (int i = 0; i < dims; ++i) {
    const uint32_t d = big_endian(bytes.data() + 4 + 4 * i);
    if (d == 0 || d > (1u << 28)) {
      throw Error("The file '" + name + "' declares an impossible size (" + std::to_string(d) + ").");
    }
    out.dims.push_back(d);
    count *= d;
  }
  if (bytes.size() - header < count) {
    throw Error("The file '" + name + "' is truncated: it declares " + std::to_string(count) +
                " values but holds " + std::to_string(bytes.size() - header) + ".");
  }
  if (bytes.size() - header > count) {
    throw Error("The file '" + name + "' has " + std::to_string(bytes.size() - header - count) +
                " unexpected bytes after its data.");
  }
  out.data.assign(bytes.begin() + static_cast<long>(header), bytes.end());
  return out;
}

IdxArray read_idx_file(const std::string& path, int expected_dims) {
  return parse_idx(read_gzip_or_plain(path), expected_dims, path);
}

}  // namespace gs
