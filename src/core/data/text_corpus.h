// text_corpus.h — character-level text datasets: Debian's fortunes
// ("fortunes") and a UTF-8 file or folder of the user's ("text").
//
// Text flows through the same ImageDataset / BatchSampler path as images: the
// training and validation texts are cut into chunks of kTextChunk token ids
// (characters of the vocabulary), stored as float32 tensors [N, 1, 1, kTextChunk]
// (ids are exact in float32). ImageShape.is_text is set and ImageShape.vocabulary
// holds the characters, built from the training split only; validation
// characters outside it are dropped (counted in the warnings). A text model
// takes random windows of its context length from the chunks it is given.
//
// The split is by file order, so no text is shared: fortunes' files sorted by
// name, the last ~10 % of the characters (whole files) for validation; a
// user's folder the same; a single file at the last line break before 90 %.
//
// Ownership: returns by value. Thread affinity: none (fortunes takes well under
// a second). Failure modes: gs::Error with a sentence for a missing path, an
// empty file, a binary or non-UTF-8 file (see split_utf8) (single files; in a folder such files
// are skipped with a warning and the folder is refused when none is left), or
// a training text shorter than 32 characters.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/data/image_dataset.h"

namespace gs {

constexpr int64_t kTextChunk = 513;  // characters per item: a context of up to 512 and its next character
constexpr const char* kFortunesDir = "/usr/share/games/fortunes";

// `dir` empty: kFortunesDir. `limit` > 0 keeps the first `limit` training chunks.
ImageDataset load_fortunes(const std::string& dir, int64_t limit);
// A UTF-8 text file, or every text file of a folder and its subfolders.
ImageDataset load_text_path(const std::string& path, int64_t limit);

// Splits UTF-8 into characters (one string each); throws gs::Error naming
// `what` when the bytes are not UTF-8 text (an invalid sequence, a NUL byte,
// or more control bytes than lines plus 1 %). Carriage returns and other
// control bytes but tab and line feed are left out; a backspace removes the
// character before it (the overstrike of old terminal text).
std::vector<std::string> split_utf8(const std::string& bytes, const std::string& what);

}  // namespace gs
