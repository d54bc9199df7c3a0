#include "core/data/text_corpus.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/common/error.h"

namespace gs {
namespace fs = std::filesystem;
namespace {

constexpr int64_t kMinTrainChars = 32;

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw Error("Cannot read '" + p.string() + "'.");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// One fortune file: the fortunes between "%" lines, each trimmed, joined by a blank line.
std::string strip_fortune_separators(const std::string& text) {
  std::string out, entry, line;
  std::istringstream in(text);
  auto flush = [&] {
    while (!entry.empty() && (entry.back() == '\n' || entry.back() == ' ')) entry.pop_back();
    size_t start = entry.find_first_not_of('\n');
    if (start != std::string::npos) {
      out += entry.substr(start);
      out += "\n\n";
    }
    entry.clear();
  };
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line == "%") flush();
    else entry += line + "\n";
  }
  flush();
  return out;
}

struct Corpus {
  std::vector<std::string> train, validation;  // characters
  std::vector<std::string> warnings;
  std::string source;
};

// Whole pieces (files) in order: training until ~90 % of the characters, the rest validation.
void split_by_pieces(const std::vector<std::vector<std::string>>& pieces, Corpus& c) {
  int64_t total = 0;
  for (const auto& p : pieces) total += static_cast<int64_t>(p.size());
  int64_t seen = 0;
  for (size_t i = 0; i < pieces.size(); ++i) {
    const bool to_validation = pieces.size() > 1 && i > 0 && seen >= total * 9 / 10;
    auto& dst = to_validation ? c.validation : c.train;
    dst.insert(dst.end(), pieces[i].begin(), pieces[i].end());
    seen += static_cast<int64_t>(pieces[i].size());
  }
}

// One piece: cut at the last line break before 90 % (or at 90 % when there is none).
void split_one(const std::vector<std::string>& chars, Corpus& c) {
  const int64_t n = static_cast<int64_t>(chars.size());
  int64_t cut = n * 9 / 10;
  for (int64_t i = cut; i > n / 2; --i) {
    if (chars[i - 1] == "\n") {
      cut = i;
      break;
    }
  }
  c.train.assign(chars.begin(), chars.begin() + cut);
  c.validation.assign(chars.begin() + cut, chars.end());
}

torch::Tensor chunks_of(const std::vector<int64_t>& ids, int64_t length, int64_t limit) {
  const int64_t n = static_cast<int64_t>(ids.size());
  if (n < length) return torch::zeros({0, 1, 1, length});
  std::vector<int64_t> starts;
  for (int64_t s = 0; s + length <= n; s += length) starts.push_back(s);
  if (n % length != 0) starts.push_back(n - length);  // the tail, overlapping the chunk before it
  if (limit > 0 && static_cast<int64_t>(starts.size()) > limit) starts.resize(limit);
  torch::Tensor all = torch::tensor(ids, torch::kLong);
  torch::Tensor idx = torch::tensor(starts, torch::kLong).unsqueeze(1) + torch::arange(length).unsqueeze(0);
  return all.index({idx.reshape({-1})}).reshape({-1, 1, 1, length}).to(torch::kFloat32);
}

ImageDataset build(const std::string& id, Corpus c, int64_t limit) {
  if (static_cast<int64_t>(c.train.size()) < kMinTrainChars) {
    throw Error(c.source + " has only " + std::to_string(c.train.size()) +
                " characters of training text; a text model needs at least " + std::to_string(kMinTrainChars) + ".");
  }
  std::vector<std::string> vocab = c.train;
  std::sort(vocab.begin(), vocab.end());
  vocab.erase(std::unique(vocab.begin(), vocab.end()), vocab.end());
  std::map<std::string, int64_t> index;
  for (size_t i = 0; i < vocab.size(); ++i) index[vocab[i]] = static_cast<int64_t>(i);
  std::vector<int64_t> train_ids, val_ids;
  train_ids.reserve(c.train.size());
  for (const auto& ch : c.train) train_ids.push_back(index.at(ch));
  int64_t dropped = 0;
  for (const auto& ch : c.validation) {
    auto it = index.find(ch);
    if (it == index.end()) ++dropped;
    else val_ids.push_back(it->second);
  }
  if (dropped > 0) {
    c.warnings.push_back(std::to_string(dropped) +
                         " validation characters do not occur in the training text and were left out.");
  }
  const int64_t length = std::min<int64_t>(kTextChunk, static_cast<int64_t>(train_ids.size()));
  ImageDataset d;
  d.id = id;
  d.shape.channels = 1;
  d.shape.height = 1;
  d.shape.width = length;
  d.shape.is_text = true;
  d.shape.vocabulary = vocab;
  d.train_images = chunks_of(train_ids, length, limit);
  d.test_images = chunks_of(val_ids, length, 0);
  d.warnings = c.warnings;
  d.description = c.source + ": " + std::to_string(train_ids.size()) + " training and " +
                  std::to_string(val_ids.size()) + " validation characters, " + std::to_string(vocab.size()) +
                  " distinct";
  return d;
}

}  // namespace

std::vector<std::string> split_utf8(const std::string& bytes, const std::string& what) {
  std::vector<std::string> out;
  out.reserve(bytes.size());
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  auto refuse = [&](const std::string& why) {
    throw Error(what + " is not UTF-8 text (" + why + "); choose a plain text file.");
  };
  size_t controls = 0;
  for (size_t i = 0; i < n;) {
    const unsigned char b = s[i];
    size_t len = 0;
    if (b < 0x80) len = 1;
    else if ((b & 0xE0) == 0xC0 && b >= 0xC2) len = 2;
    else if ((b & 0xF0) == 0xE0) len = 3;
    else if ((b & 0xF8) == 0xF0 && b <= 0xF4) len = 4;
    else refuse("byte " + std::to_string(i) + " cannot start a character");
    if (i + len > n) refuse("it ends inside a character");
    for (size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) refuse("byte " + std::to_string(i + k) + " breaks a character");
    }
    if (len == 1) {
      if (b == 0) refuse("it has a NUL byte at position " + std::to_string(i));
      if (b == '\b') {  // terminal overstrike ("_\bU" underlines U): keep the last character
        if (!out.empty() && out.back() != "\n") out.pop_back();
        ++i;
        continue;
      }
      if (b == '\r' || (b < 0x20 && b != '\n' && b != '\t') || b == 0x7F) {
        ++controls;  // CR of CRLF, escape sequences' ESC, form feeds: left out
        ++i;
        continue;
      }
    }
    out.emplace_back(bytes.data() + i, len);
    i += len;
  }
  size_t lines = 0;
  for (const auto& c : out) lines += c == "\n";
  if (controls > 16 && controls > lines + n / 100) refuse("it has " + std::to_string(controls) + " control bytes");
  return out;
}

ImageDataset load_fortunes(const std::string& dir_in, int64_t limit) {
  const fs::path dir = dir_in.empty() ? fs::path(kFortunesDir) : fs::path(dir_in);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw Error("The fortunes are not installed (no folder " + dir.string() +
                "); install Debian's fortunes package (apt install fortunes).");
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const fs::path& p = e.path();
    const std::string ext = p.extension().string();
    if (ext == ".dat" || ext == ".u8" || !e.is_regular_file() || e.is_symlink()) continue;
    files.push_back(p);
  }
  std::sort(files.begin(), files.end());
  Corpus c;
  c.source = "Fortunes (" + dir.string() + ")";
  std::vector<std::vector<std::string>> pieces;
  for (const auto& f : files) {
    try {
      pieces.push_back(split_utf8(strip_fortune_separators(read_bytes(f)), "'" + f.string() + "'"));
    } catch (const Error& e) {
      c.warnings.push_back(std::string("Skipped: ") + e.what());
    }
  }
  if (pieces.empty()) throw Error("No fortune files were found in " + dir.string() + ".");
  split_by_pieces(pieces, c);
  return build("fortunes", std::move(c), limit);
}

ImageDataset load_text_path(const std::string& path, int64_t limit) {
  std::error_code ec;
  if (path.empty()) throw Error("Choose a UTF-8 text file or a folder of text files for the text dataset.");
  if (!fs::exists(path, ec)) throw Error("'" + path + "' does not exist.");
  Corpus c;
  c.source = "'" + path + "'";
  if (fs::is_regular_file(path, ec)) {
    const std::string bytes = read_bytes(path);
    if (bytes.empty()) throw Error("'" + path + "' is empty; a text model needs some text to learn from.");
    split_one(split_utf8(bytes, "'" + path + "'"), c);
    return build("text", std::move(c), limit);
  }
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_regular_file()) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::vector<std::string>> pieces;
  for (const auto& f : files) {
    try {
      const std::string bytes = read_bytes(f);
      if (bytes.empty()) continue;
      pieces.push_back(split_utf8(bytes, "'" + f.string() + "'"));
    } catch (const Error& e) {
      c.warnings.push_back(std::string("Skipped: ") + e.what());
    }
  }
  if (pieces.empty()) throw Error("The folder '" + path + "' has no UTF-8 text files.");
  if (pieces.size() == 1) split_one(pieces[0], c);
  else split_by_pieces(pieces, c);
  return build("text", std::move(c), limit);
}

}  // namespace gs
