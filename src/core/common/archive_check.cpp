#include "core/common/archive_check.h"

#include <algorithm>
#include <fstream>
#include <functional>

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

void check(uint64_t file_size, const Reader& read, const std::string& name) {
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
    const uint16_t method = le16(&cd[p + 10]);
    uint64_t compressed = le32(&cd[p + 20]);
    uint64_t size = le32(&cd[p + 24]);
    const size_t name_len = le16(&cd[p + 28]), extra_len = le16(&cd[p + 30]), comment_len = le16(&cd[p + 32]);
    if (p + 46 + name_len + extra_len + comment_len > cd.size()) return;
    std::string record(reinterpret_cast<const char*>(&cd[p + 46]), name_len);
    for (char& c : record) {
      if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) c = '?';
    }
    // Zip64 sizes live in the extra field (id 1): the uncompressed size first, then the compressed.
    for (size_t e = p + 46 + name_len; e + 4 <= p + 46 + name_len + extra_len;) {
      const uint16_t id = le16(&cd[e]), len = le16(&cd[e + 2]);
      if (e + 4 + len > p + 46 + name_len + extra_len) break;
      if (id == 1) {
        size_t f = e + 4;
        if (size == 0xffffffffu && f + 8 <= e + 4 + len) size = le64(&cd[f]), f += 8;
        if (compressed == 0xffffffffu && f + 8 <= e + 4 + len) compressed = le64(&cd[f]);
      }
      e += 4 + len;
    }
    const uint64_t limit = method == 0 ? file_size : (file_size > UINT64_MAX / 1032 ? UINT64_MAX : file_size * 1032);
    if (size > limit) {
      throw Error("'" + name + "' is damaged or was not written by LibTorch: its record '" + record + "' claims " +
                  with_commas(size) + " bytes, more than a file of " + with_commas(file_size) +
                  " bytes can hold. It was refused before reading it.");
    }
    // The pickles, stored: their claimed string lengths against their size.
    const uint64_t local = le32(&cd[p + 42]);
    if (method == 0 && record.size() > 4 && record.compare(record.size() - 4, 4, ".pkl") == 0 && size == compressed &&
        size <= (uint64_t(64) << 20) && local < file_size) {
      const std::vector<uint8_t> header = read(local, 30);
      if (header.size() == 30 && le32(&header[0]) == 0x04034b50) {
        const std::vector<uint8_t> pickle = read(local + 30 + le16(&header[26]) + le16(&header[28]), size);
        bool memo_slot = false;
        const uint64_t claimed = impossible_pickle_length(pickle, &memo_slot);
        if (claimed > 0 && memo_slot) {
          throw Error("'" + name + "' is damaged or was not written by LibTorch: its record '" + record +
                      "' stores a value in slot " + with_commas(claimed) + ", more than its " +
                      with_commas(pickle.size()) + " bytes could ever fill. It was refused before reading it.");
        }
        if (claimed > 0) {
          throw Error("'" + name + "' is damaged or was not written by LibTorch: its record '" + record +
                      "' claims a value of " + with_commas(claimed) + " bytes, more than the record's " +
                      with_commas(pickle.size()) + " bytes hold. It was refused before reading it.");
        }
      }
    }
    p += 46 + name_len + extra_len + comment_len;
  }
}

}  // namespace

void check_archive_records(const std::vector<uint8_t>& bytes, const std::string& name) {
  check(bytes.size(),
        [&](uint64_t offset, uint64_t length) {
          const uint64_t from = std::min<uint64_t>(offset, bytes.size());
          const uint64_t to = from + std::min<uint64_t>(length, bytes.size() - from);
          return std::vector<uint8_t>(bytes.begin() + from, bytes.begin() + to);
        },
        name);
}

void check_archive_file_records(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return;  // the caller's reader says why
  const std::streamoff end = in.tellg();
  if (end <= 0) return;
  check(static_cast<uint64_t>(end),
        [&](uint64_t offset, uint64_t length) {
          std::vector<uint8_t> out(length);
          in.clear();
          in.seekg(static_cast<std::streamoff>(offset));
          in.read(reinterpret_cast<char*>(out.data()), static_cast<std::streamsize>(length));
          out.resize(static_cast<size_t>(std::max<std::streamsize>(in.gcount(), 0)));
          return out;
        },
        path);
}

}  // namespace gs
