// idx_reader.h — reads IDX files (the MNIST format), gzip-compressed or plain.
//
// Ownership: returns values. Thread affinity: none.
// Failure modes: throws gs::Error naming the file for: missing or unreadable
// file, damaged gzip stream, truncated data, wrong magic number (not unsigned
// bytes, or the wrong number of dimensions), trailing garbage.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gs {

struct IdxArray {
  std::vector<int64_t> dims;
  std::vector<uint8_t> data;  // product(dims) bytes
};

// expected_dims: 1 for labels, 3 for images.
IdxArray read_idx_file(const std::string& path, int expected_dims);

// Parses an already decompressed buffer; `name` is used in messages.
IdxArray parse_idx(const std::vector<uint8_t>& bytes, int expected_dims, const std::string& name);

}  // namespace gs
