#include "core/common/archive_check.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <regex>

#include <zlib.h>

#include "core/common/error.h"

namespace gs {
namespace {

uint32_t le32(const uint8_t* p) { return p[0] | (p[1] << 8) | (p[2] << 16) | (uint32_t(p[3]) << 24); }
uint16_t le16(const uint8_t* p) { return uint16_t(p[0] | (p[1] << 8)); }
uint64_t le64(const uint8_t* p) { return le32(p) | (uint64_t(le32(p + 4)) << 32); }

std::string with_commas(uint64_t v) {
  std::string s = std::to_string(v);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

// read(offset, length) returns the bytes there (fewer at the end of the file).
using Reader = std::function<std::vector<uint8_t>(uint64_t, uint64_t)>;

// Walks a pickle (LibTorch's data.pkl, constants.pkl) far enough to check every
// length it claims against the bytes left: LibTorch's unpickler reserves a
// string's claimed length before reading it. Stops quietly at an opcode it does
// not know (LibTorch decides about those). Returns the first impossible length
// claimed, or 0. A LONG_BINPUT's memo slot counts too (*memo_slot set): the
// unpickler grows its memo table to the slot before storing, and a pickle can
// hold no more slots than it has bytes.
uint64_t impossible_pickle_length(const std::vector<uint8_t>& pk, bool* memo_slot) {
  *memo_slot = false;
  size_t p = 0;
  const size_t n = pk.size();
  auto need = [&](size_t k) { return p + k <= n; };
  while (p < n) {
    const uint8_t op = pk[p++];
    uint64_t len = 0;  // a length-prefixed argument's claimed length
    switch (op) {
      case '.': return 0;  // STOP
      case 0x80: case 'q': case 'h': case 'K': p += 1; continue;  // PROTO, BINPUT, BINGET, BININT1
      case 'r':  // LONG_BINPUT: a memo slot
        if (!need(4)) return 0;
        if (le32(&pk[p]) > n) {
          *memo_slot = true;
          return le32(&pk[p]);
        }
        p += 4;
        continue;
      case 'j': case 'J': p += 4; continue;  // LONG_BINGET, BININT
      case 'M': p += 2; continue;                        // BININT2
      case 'G': case 0x95: p += 8; continue;             // BINFLOAT, FRAME
      case '}': case ']': case ')': case '(': case 'u': case 's': case 'e': case 'a': case 't': case 0x85:
      case 0x86: case 0x87: case 0x88: case 0x89: case 'N': case 'R': case 'b': case 'Q': case 0x81: case 0x94:
      case 0x93: case '0': case '1': case '2':
        continue;
      case 'c':  // GLOBAL: module\nname\n
        for (int lines = 0; lines < 2 && p < n; ++p) lines += pk[p] == '\n';
        continue;
      case 'X': case 'B': case 'T': case 0x8b:  // BINUNICODE, BINBYTES, BINSTRING, LONG4: 4-byte length
        if (!need(4)) return 0;
        len = le32(&pk[p]);
        p += 4;
        break;
      case 'U': case 'C': case 0x8c: case 0x8a:  // SHORT_BINSTRING, SHORT_BINBYTES, SHORT_BINUNICODE, LONG1
        if (!need(1)) return 0;
        len = pk[p];
        p += 1;
        break;
      case 0x8d: case 0x8e:  // BINUNICODE8, BINBYTES8
        if (!need(8)) return 0;
        len = le64(&pk[p]);
        p += 8;
        break;
      default:
        return 0;
    }
    if (len > n - std::min(p, n)) return len;
    p += static_cast<size_t>(len);
  }
  return 0;
}

// One record of the zip's central directory.
struct Record {
  std::string name;  // non-printable bytes as '?'
  uint16_t method = 0;
  uint64_t compressed = 0, size = 0, local = 0;
};

// Calls visit(record) for each record of the central directory; quietly does
// nothing for what is not a zip (or a zip64 directory): LibTorch decides.
void for_each_record(uint64_t file_size, const Reader& read, const std::function<void(const Record&)>& visit) {
  constexpr uint64_t kEocd = 22, kMaxComment = 65535;
  const uint64_t tail_len = std::min<uint64_t>(file_size, kEocd + kMaxComment);
  const std::vector<uint8_t> tail = read(file_size - tail_len, tail_len);
  if (tail.size() < kEocd) return;
  size_t at = std::string::npos;
  for (size_t k = tail.size() - kEocd + 1; k-- > 0;) {
    if (le32(&tail[k]) == 0x06054b50) {
      at = k;
      break;
    }
  }
  if (at == std::string::npos) return;  // not a zip: LibTorch says so
  const uint64_t cd_size = le32(&tail[at + 12]);
  const uint64_t cd_offset = le32(&tail[at + 16]);
  if (cd_size == 0xffffffffu || cd_offset == 0xffffffffu) return;  // zip64 directory: left to LibTorch
  if (cd_offset > file_size || cd_size > file_size - cd_offset) return;
  const std::vector<uint8_t> cd = read(cd_offset, cd_size);
  size_t p = 0;
  while (p + 46 <= cd.size() && le32(&cd[p]) == 0x02014b50) {
    Record r;
    r.method = le16(&cd[p + 10]);
    r.compressed = le32(&cd[p + 20]);
    r.size = le32(&cd[p + 24]);
    const size_t name_len = le16(&cd[p + 28]), extra_len = le16(&cd[p + 30]), comment_len = le16(&cd[p + 32]);
    if (p + 46 + name_len + extra_len + comment_len > cd.size()) return;
    r.name.assign(reinterpret_cast<const char*>(&cd[p + 46]), name_len);
    for (char& c : r.name) {
      if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) c = '?';
    }
    // Zip64 sizes live in the extra field (id 1): the uncompressed size first, then the compressed.
    for (size_t e = p + 46 + name_len; e + 4 <= p + 46 + name_len + extra_len;) {
      const uint16_t id = le16(&cd[e]), len = le16(&cd[e + 2]);
      if (e + 4 + len > p + 46 + name_len + extra_len) break;
      if (id == 1) {
        size_t f = e + 4;
        if (r.size == 0xffffffffu && f + 8 <= e + 4 + len) r.size = le64(&cd[f]), f += 8;
        if (r.compressed == 0xffffffffu && f + 8 <= e + 4 + len) r.compressed = le64(&cd[f]);
      }
      e += 4 + len;
    }
    r.local = le32(&cd[p + 42]);
    visit(r);
    p += 46 + name_len + extra_len + comment_len;
  }
}

// The bytes of a stored (uncompressed) record of at most `max` bytes; false
// when it is compressed, larger or cannot be read whole.
bool stored_bytes(const Record& r, uint64_t file_size, const Reader& read, uint64_t max, std::vector<uint8_t>* out) {
  if (r.method != 0 || r.size != r.compressed || r.size > max || r.local >= file_size) return false;
  const std::vector<uint8_t> header = read(r.local, 30);
  if (header.size() != 30 || le32(&header[0]) != 0x04034b50) return false;
  *out = read(r.local + 30 + le16(&header[26]) + le16(&header[28]), r.size);
  return out->size() == r.size;
}

// The bytes of a stored or deflated record whose size is at most `max`; false
// when it cannot be read or inflated to exactly its claimed size.
bool record_bytes(const Record& r, uint64_t file_size, const Reader& read, uint64_t max, std::vector<uint8_t>* out) {
  if (r.method == 0) return stored_bytes(r, file_size, read, max, out);
  if (r.method != 8 || r.size > max || r.compressed > file_size || r.local >= file_size) return false;
  const std::vector<uint8_t> header = read(r.local, 30);
  if (header.size() != 30 || le32(&header[0]) != 0x04034b50) return false;
  std::vector<uint8_t> packed = read(r.local + 30 + le16(&header[26]) + le16(&header[28]), r.compressed);
  if (packed.size() != r.compressed) return false;
  out->assign(static_cast<size_t>(r.size) + 1, 0);  // one more: a stream that inflates further is refused
  z_stream z{};
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return false;
  z.next_in = packed.data();
  z.avail_in = static_cast<uInt>(packed.size());
  z.next_out = out->data();
  z.avail_out = static_cast<uInt>(out->size());
  const int rc = inflate(&z, Z_FINISH);
  const uint64_t produced = z.total_out;
  inflateEnd(&z);
  if (rc != Z_STREAM_END || produced != r.size) return false;
  out->resize(static_cast<size_t>(produced));
  return true;
}

void check(uint64_t file_size, const Reader& read, const std::string& name) {
  for_each_record(file_size, read, [&](const Record& r) {
    const uint64_t limit = r.method == 0 ? file_size : (file_size > UINT64_MAX / 1032 ? UINT64_MAX : file_size * 1032);
    if (r.size > limit) {
      throw Error("'" + name + "' is damaged or was not written by LibTorch: its record '" + r.name + "' claims " +
                  with_commas(r.size) + " bytes, more than a file of " + with_commas(file_size) +
                  " bytes can hold. It was refused before reading it.");
    }
    // The pickles, stored: their claimed string lengths against their size.
    std::vector<uint8_t> pickle;
    if (r.name.size() > 4 && r.name.compare(r.name.size() - 4, 4, ".pkl") == 0 &&
        stored_bytes(r, file_size, read, uint64_t(64) << 20, &pickle)) {
      bool memo_slot = false;
      const uint64_t claimed = impossible_pickle_length(pickle, &memo_slot);
      if (claimed > 0 && memo_slot) {
        throw Error("'" + name + "' is damaged or was not written by LibTorch: its record '" + r.name +
                    "' stores a value in slot " + with_commas(claimed) + ", more than its " +
                    with_commas(pickle.size()) + " bytes could ever fill. It was refused before reading it.");
      }
      if (claimed > 0) {
        throw Error("'" + name + "' is damaged or was not written by LibTorch: its record '" + r.name +
                    "' claims a value of " + with_commas(claimed) + " bytes, more than the record's " +
                    with_commas(pickle.size()) + " bytes hold. It was refused before reading it.");
      }
    }
  });
}

// True when `line` is one LibTorch writes for a class that only holds
// attributes (a checkpoint's): the class line, __parameters__ / __buffers__
// lists of quoted names, `name : Type` and `__annotations__["name"] = Type`.
bool tensor_class_line(const std::string& line) {
  static const std::regex kLine(
      R"(|class [A-Za-z_][A-Za-z0-9_]*\(Module\):)"
      R"(|  __(parameters|buffers)__ = \[("[^"\\]*", )*\])"
      R"(|  [A-Za-z_][A-Za-z0-9_]* : [A-Za-z_][A-Za-z0-9_.\[\], ]*)"
      R"(|  __annotations__\["[^"\\]*"\] = [A-Za-z_][A-Za-z0-9_.\[\], ]*)");
  return std::regex_match(line, kLine);
}

ArchiveCode code_kind(uint64_t file_size, const Reader& read) {
  ArchiveCode kind = ArchiveCode::TensorsOnly;
  for_each_record(file_size, read, [&](const Record& r) {
    // "<archive>/code/…": the Python-like source LibTorch compiles while reading.
    const size_t slash = r.name.find('/');
    if (slash == std::string::npos || r.name.compare(slash, 6, "/code/") != 0) return;
    const std::string file = r.name.substr(slash + 6);
    if (file.empty() || kind == ArchiveCode::Module) return;
    if (file.size() > 10 && file.compare(file.size() - 10, 10, ".debug_pkl") == 0) return;  // source ranges
    std::vector<uint8_t> bytes;
    if (!record_bytes(r, file_size, read, uint64_t(16) << 20, &bytes)) {
      kind = ArchiveCode::Foreign;
      return;
    }
    const std::string text(bytes.begin(), bytes.end());
    if (text.find("  def forward(") != std::string::npos) {
      kind = ArchiveCode::Module;
      return;
    }
    if (file != "__torch__.py") {
      kind = ArchiveCode::Foreign;
      return;
    }
    size_t from = 0;
    while (from <= text.size()) {
      size_t to = text.find('\n', from);
      if (to == std::string::npos) to = text.size();
      if (!tensor_class_line(text.substr(from, to - from))) {
        kind = ArchiveCode::Foreign;
        return;
      }
      from = to + 1;
    }
  });
  return kind;
}

Reader file_reader(std::ifstream& in) {
  return [&in](uint64_t offset, uint64_t length) {
    std::vector<uint8_t> out(length);
    in.clear();
    in.seekg(static_cast<std::streamoff>(offset));
    in.read(reinterpret_cast<char*>(out.data()), static_cast<std::streamsize>(length));
    out.resize(static_cast<size_t>(std::max<std::streamsize>(in.gcount(), 0)));
    return out;
  };
}

Reader bytes_reader(const std::vector<uint8_t>& bytes) {
  return [&bytes](uint64_t offset, uint64_t length) {
    const uint64_t from = std::min<uint64_t>(offset, bytes.size());
    const uint64_t to = from + std::min<uint64_t>(length, bytes.size() - from);
    return std::vector<uint8_t>(bytes.begin() + from, bytes.begin() + to);
  };
}

}  // namespace

void check_archive_records(const std::vector<uint8_t>& bytes, const std::string& name) {
  check(bytes.size(), bytes_reader(bytes), name);
}

void check_archive_file_records(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return;  // the caller's reader says why
  const std::streamoff end = in.tellg();
  if (end <= 0) return;
  check(static_cast<uint64_t>(end), file_reader(in), path);
}

ArchiveCode archive_code(const std::vector<uint8_t>& bytes) { return code_kind(bytes.size(), bytes_reader(bytes)); }

ArchiveCode archive_file_code(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return ArchiveCode::TensorsOnly;  // the caller's reader says why
  const std::streamoff end = in.tellg();
  if (end <= 0) return ArchiveCode::TensorsOnly;
  return code_kind(static_cast<uint64_t>(end), file_reader(in));
}

}  // namespace gs
