// library_errors.h — what a library's exception means, said for a person: the
// readers wrap these clauses into their own sentence instead of passing on
// LibTorch's ("PytorchStreamReader failed reading zip archive: …") or
// nlohmann::json's ("[json.exception.parse_error.101] …") internal text.
//
// Ownership: free functions returning strings. Thread affinity: none.
// Failure modes: none (an unknown message becomes a general clause).
#pragma once
#include <cstdint>
#include <exception>
#include <string>

namespace gs {

// Why a LibTorch archive (a checkpoint or a TorchScript module) could not be
// opened, from c10::Error's message and the file's size: "it is empty", "it is
// not a zip archive", "it is truncated or damaged", …
std::string archive_problem(const std::string& library_message, uint64_t file_bytes);

// What is wrong with a JSON text, from a nlohmann::json exception (or any
// other): "it is not valid JSON (at byte 17)", "a value has the wrong type",
// "a required key is missing", …
std::string json_problem(const std::exception& e);

}  // namespace gs
