#include "core/common/library_errors.h"

#include <nlohmann/json.hpp>

namespace gs {

namespace {
bool has(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }
}  // namespace

std::string archive_problem(const std::string& m, uint64_t file_bytes) {
  if (file_bytes == 0) return "it is empty";
  if (has(m, "not a ZIP archive") || has(m, "failed finding central directory") || has(m, "file open failed")) {
    return "it is not a LibTorch archive (a zip file)";
  }
  if (has(m, "file not found") || has(m, "archive does not contain") || has(m, "constants.pkl") ||
      has(m, "data.pkl") || has(m, "version")) {
    return "it is a zip file without the records a LibTorch archive has";
  }
  if (has(m, "CRC") || has(m, "decompress") || has(m, "truncated") || has(m, "read") || has(m, "size")) {
    return "it is truncated or damaged";
  }
  return "it is damaged (its contents do not describe a valid model)";
}

std::string json_problem(const std::exception& e) {
  if (const auto* p = dynamic_cast<const nlohmann::json::parse_error*>(&e)) {
    return p->byte > 0 ? "it is not valid JSON (the text breaks off or goes wrong at byte " + std::to_string(p->byte) + ")"
                       : "it is not valid JSON";
  }
  if (dynamic_cast<const nlohmann::json::type_error*>(&e)) return "a value has the wrong type";
  if (const auto* o = dynamic_cast<const nlohmann::json::out_of_range*>(&e)) {
    return o->id == 403 ? "a required key is missing" : "a value is out of range";
  }
  if (dynamic_cast<const nlohmann::json::invalid_iterator*>(&e)) return "its structure is not what was expected";
  return "it cannot be read";
}

}  // namespace gs
