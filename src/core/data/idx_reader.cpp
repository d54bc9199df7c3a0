#include "core/data/idx_reader.h"

#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <memory>

#include "core/common/error.h"

namespace gs {
namespace {

uint32_t big_endian(const uint8_t* p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}

std::string with_commas(uint64_t v) {
  std::string s = std::to_string(v);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

// Checks the first four bytes; returns the number of dimensions.
int check_magic(const uint8_t* b, size_t n, int expected_dims, const std::string& name) {
  if (n < 4) throw Error("The file '" + name + "' is too short to be an IDX file.");
  if (b[0] != 0 || b[1] != 0) throw Error("The file '" + name + "' is not an IDX file (bad magic number).");
  if (b[2] != 0x08) {
    throw Error("The file '" + name + "' does not hold unsigned bytes (IDX type 0x" + std::to_string(b[2]) +
                "); expected 0x08.");
  }
  const int dims = b[3];
  if (dims != expected_dims) {
    throw Error("The file '" + name + "' has " + std::to_string(dims) + " dimensions; expected " +
                std::to_string(expected_dims) + ".");
  }
  return dims;
}

// Reads the dimensions (after the magic); returns the number of values they declare.
uint64_t read_dims(const uint8_t* b, int dims, const std::string& name, std::vector<int64_t>* out) {
  uint64_t count = 1;
  for (int i = 0; i < dims; ++i) {
    const uint32_t d = big_endian(b + 4 * i);
    if (d == 0 || d > (1u << 28)) {
      throw Error("The file '" + name + "' declares an impossible size (" + std::to_string(d) + ").");
    }
    out->push_back(d);
    count *= d;  // ≤ 2^(28·3) for three dimensions: no overflow
  }
  return count;
}

std::string dims_text(const std::vector<int64_t>& dims) {
  std::string s;
  for (size_t i = 0; i < dims.size(); ++i) s += (i ? " × " : "") + with_commas(static_cast<uint64_t>(dims[i]));
  return s;
}

struct GzCloser {
  void operator()(gzFile_s* f) const { gzclose(f); }
};

}  // namespace

IdxArray parse_idx(const std::vector<uint8_t>& bytes, int expected_dims, const std::string& name) {
  const int dims = check_magic(bytes.data(), bytes.size(), expected_dims, name);
  const size_t header = 4 + 4 * static_cast<size_t>(dims);
  if (bytes.size() < header) throw Error("The file '" + name + "' is truncated (header).");
  IdxArray out;
  const uint64_t count = read_dims(bytes.data() + 4, dims, name, &out.dims);
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

// Streams the file: the header first, so the sizes it declares are checked
// against what the file can hold (its size, or its size times gzip's largest
// ratio) and a sane cap before the data buffer is allocated.
IdxArray read_idx_file(const std::string& path, int expected_dims) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw Error("The file '" + path + "' does not exist.");
  std::unique_ptr<gzFile_s, GzCloser> file(gzopen(path.c_str(), "rb"));
  if (!file) throw Error("Could not open '" + path + "' for reading.");
  gzbuffer(file.get(), 1 << 17);
  auto read = [&](uint8_t* dst, uint64_t n) -> uint64_t {
    uint64_t got = 0;
    while (got < n) {
      const unsigned want = static_cast<unsigned>(std::min<uint64_t>(n - got, 1u << 30));
      const int r = gzread(file.get(), dst + got, want);
      if (r < 0) {
        int code = 0;
        throw Error("The file '" + path + "' is damaged (" + std::string(gzerror(file.get(), &code)) + ").");
      }
      if (r == 0) break;
      got += static_cast<uint64_t>(r);
    }
    return got;
  };
  uint8_t head[4 + 4 * 255];
  const int dims = check_magic(head, read(head, 4), expected_dims, path);
  const uint64_t header = 4 + 4 * static_cast<uint64_t>(dims);
  if (read(head + 4, header - 4) != header - 4) throw Error("The file '" + path + "' is truncated (header).");
  IdxArray out;
  const uint64_t count = read_dims(head + 4, dims, path, &out.dims);

  const bool compressed = gzdirect(file.get()) == 0;
  const uint64_t file_bytes = static_cast<uint64_t>(st.st_size);
  // Deflate cannot shrink data by more than about 1032:1.
  const uint64_t can_hold = compressed ? file_bytes * 1032 + 1024 : (file_bytes > header ? file_bytes - header : 0);
  constexpr uint64_t kMaxValues = uint64_t(1) << 31;  // 2 GB: Fashion-MNIST's images are 47 MB
  if (count > can_hold || count > kMaxValues) {
    throw Error("The file '" + path + "' claims " + dims_text(out.dims) + " = " + with_commas(count) +
                " values, " +
                (count > can_hold ? "more than its " + with_commas(file_bytes) + " bytes can hold" +
                                        std::string(compressed ? " even compressed" : "")
                                  : "more than GenStudio reads (" + with_commas(kMaxValues) + ")") +
                ": it is damaged or not a dataset file. It was refused before reading its data.");
  }
  out.data.resize(count);
  const uint64_t got = read(out.data.data(), count);
  if (got < count) {
    int code = Z_OK;
    const std::string reason = gzerror(file.get(), &code);
    if (compressed && code != Z_OK && code != Z_STREAM_END) {
      throw Error("The file '" + path + "' is damaged or truncated (" + reason + ").");
    }
    throw Error("The file '" + path + "' is truncated: it declares " + std::to_string(count) + " values but holds " +
                std::to_string(got) + ".");
  }
  uint8_t extra[4096];
  uint64_t trailing = 0;
  for (uint64_t r; (r = read(extra, sizeof extra)) > 0;) trailing += r;
  if (trailing > 0) {
    throw Error("The file '" + path + "' has " + std::to_string(trailing) + " unexpected bytes after its data.");
  }
  int code = Z_OK;
  const std::string reason = gzerror(file.get(), &code);
  if (code != Z_OK && code != Z_STREAM_END) {
    throw Error("The file '" + path + "' is damaged or truncated (" + reason + ").");
  }
  return out;
}

}  // namespace gs
