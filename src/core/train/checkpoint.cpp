#include "core/common/utc_time.h"
#include "core/train/checkpoint.h"

#include <torch/script.h>
#include <torch/version.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/common/atomic_file.h"
#include "core/common/error.h"
#include "core/common/json_numbers.h"
#include "core/common/translate_errors.h"
#include "core/model/model_catalog.h"
#include "core/models/torchscript/torchscript_descriptor.h"
#include "core/train/checkpoint_limits.h"
#include "core/common/archive_check.h"
#include "core/common/library_errors.h"

#ifndef GENSTUDIO_VERSION
#define GENSTUDIO_VERSION "0.0.0"
#endif

namespace gs {
namespace {

using nlohmann::json;

const char* kFormatName = "genstudio-checkpoint";


json to_json(const CheckpointMetadata& m) {
  json j;
  j["format"] = kFormatName;
  j["format_version"] = kCheckpointFormatVersion;
  j["model_id"] = m.config.model_id;
  j["params"] = m.config.params;
  j["dataset"] = {{"id", m.config.dataset.id},
                  {"path", m.config.dataset.path},
                  {"image_size", m.config.dataset.image_size},
                  {"channels", m.config.dataset.channels},
                  {"limit", m.config.dataset.limit},
                  {"drawn_points", m.config.dataset.drawn_points},
                  {"path_b", m.config.dataset.path_b},
                  {"only_class", m.config.dataset.only_class}};
  j["seed"] = m.config.seed;
  j["step"] = m.step;
  j["image_shape"] = {m.shape.channels, m.shape.height, m.shape.width};
  j["points"] = m.shape.points;
  j["domains"] = m.shape.domains;
  if (m.shape.is_text) {
    j["text"] = true;
    j["vocabulary"] = m.shape.vocabulary;
  }
  if (!m.shape.class_names.empty()) j["class_names"] = m.shape.class_names;
  j["latent_dim"] = m.latent_dim;
  j["genstudio_version"] = GENSTUDIO_VERSION;
  j["torch_version"] = TORCH_VERSION;
  j["created_utc"] = utc_now_iso8601();
  return j;
}

CheckpointMetadata from_json(const json& j, const std::string& path) {
  if (!j.is_object() || j.value("format", "") != kFormatName) {
    throw Error("'" + path + "' is not a GenStudio checkpoint.");
  }
  const std::string damaged = "'" + path + "' is damaged: its ";
  const int version = json_whole_or(j, "format_version", 0, damaged + "format version");
  if (version > kCheckpointFormatVersion) {
    throw Error("'" + path + "' was written by a newer GenStudio (checkpoint format " +
                std::to_string(version) + "); this version reads format " +
                std::to_string(kCheckpointFormatVersion) + ".");
  }
  CheckpointMetadata m;
  m.config.model_id = j.at("model_id").get<std::string>();
  m.config.params = j.at("params").get<ParamValues>();
  const json& d = j.at("dataset");
  m.config.dataset.id = d.at("id").get<std::string>();
  m.config.dataset.path = d.value("path", "");
  m.config.dataset.image_size = json_whole_or(d, "image_size", 28, damaged + "image size");
  m.config.dataset.channels = json_whole_or(d, "channels", 1, damaged + "channel count");
  m.config.dataset.limit = json_whole_or(d, "limit", 0L, damaged + "image limit");
  m.config.dataset.drawn_points = json_floats_or(d, "drawn_points", {}, damaged + "list of drawn points");
  m.config.dataset.path_b = d.value("path_b", "");
  m.config.dataset.only_class = json_whole_or(d, "only_class", -1, damaged + "class");
  m.config.seed = json_whole_or(j, "seed", 1UL, damaged + "seed");
  m.step = json_whole<long>(j.at("step"), damaged + "step");
  const json& shape_json = j.at("image_shape");
  if (!shape_json.is_array()) throw Error("'" + path + "' has an invalid image shape.");
  std::vector<int64_t> shape;
  for (const json& x : shape_json) shape.push_back(json_whole<int64_t>(x, damaged + "image shape"));
  if (shape.size() != 3 || shape[0] < 1 || shape[1] < 1 || shape[2] < 1) {
    throw Error("'" + path + "' has an invalid image shape.");
  }
  // Models are built from this shape before the weights are read: a sane cap first.
  if (shape[0] > 64 || shape[1] > 4096 || shape[2] > 4096 || shape[0] * shape[1] * shape[2] > (int64_t(1) << 24)) {
    throw Error("'" + path + "' claims images of " + std::to_string(shape[0]) + "×" + std::to_string(shape[1]) + "×" +
                std::to_string(shape[2]) + " values, larger than GenStudio builds models for (at most 64 channels, " +
                "4096 pixels a side and 16.7 million values per image): it is damaged.");
  }
  m.shape = ImageShape{shape[0], shape[1], shape[2], j.value("points", false)};
  m.shape.domains = json_whole_or(j, "domains", decltype(m.shape.domains){1}, damaged + "domain count");
  m.shape.is_text = j.value("text", false);
  if (m.shape.is_text) {
    m.shape.vocabulary = j.value("vocabulary", std::vector<std::string>{});
    if (m.shape.vocabulary.empty()) throw Error("'" + path + "' is a text model without its vocabulary.");
  }
  m.shape.class_names = j.value("class_names", std::vector<std::string>{});
  m.latent_dim = json_whole_or(j, "latent_dim", decltype(m.latent_dim){0}, damaged + "latent size");
  m.genstudio_version = j.value("genstudio_version", "");
  m.torch_version = j.value("torch_version", "");
  m.created_utc = j.value("created_utc", "");
  if (m.step < 0) throw Error("'" + path + "' has a negative step count.");
  return m;
}

// Refuses an archive whose code is not the attribute class of saved tensors
// before LibTorch compiles it (archive_check.h).
void refuse_code(ArchiveCode code, const std::string& path) {
  if (code == ArchiveCode::Module) {
    throw Error("'" + path + "' is a TorchScript module, not a GenStudio checkpoint, and nothing says what "
                "it takes and returns. " + torchscript_descriptor_hint(path));
  }
  if (code == ArchiveCode::Foreign) {
    throw Error("'" + path + "' is not a GenStudio checkpoint or is damaged: it carries program code that "
                "GenStudio's checkpoints do not have (they hold only tensors and their description), so it "
                "was not read.");
  }
}

void open_archive(torch::serialize::InputArchive& archive, const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw Error("The checkpoint '" + path + "' does not exist.");
  if (std::filesystem::is_directory(path, ec)) {
    throw Error("'" + path + "' is a folder, not a checkpoint file.");
  }
  check_archive_file_records(path);
  refuse_code(archive_file_code(path), path);
  try {
    archive.load_from(path);
  } catch (const c10::Error& e) {
    const uintmax_t bytes = std::filesystem::file_size(path, ec);
    throw Error("'" + path + "' is not a GenStudio checkpoint or is damaged: " +
                archive_problem(e.what_without_backtrace(), ec ? 0 : bytes) + ".");
  }
}

void open_archive(torch::serialize::InputArchive& archive, const std::vector<uint8_t>& bytes) {
  check_archive_records(bytes, "snapshot");
  if (archive_code(bytes) != ArchiveCode::TensorsOnly) {
    throw Error("The model snapshot is damaged: it carries program code that GenStudio's snapshots do not have.");
  }
  try {
    archive.load_from(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  } catch (const c10::Error& e) {
    throw Error("The model snapshot is damaged: " + archive_problem(e.what_without_backtrace(), bytes.size()) + ".");
  }
}

CheckpointMetadata parse_metadata(const c10::IValue& value, const std::string& name) {
  try {
    return from_json(json::parse(value.toStringRef()), name);
  } catch (const json::exception& e) {
    throw Error("'" + name + "' has damaged metadata: " + json_problem(e) + ".");
  }
}

// A file: loaded as the module it is (what InputArchive does inside), so the
// tensors' claimed sizes are checked against the file's size before anything
// reads them, and a TorchScript module is told apart from a damaged file.
CheckpointMetadata read_metadata(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw Error("The checkpoint '" + path + "' does not exist.");
  if (std::filesystem::is_directory(path, ec)) throw Error("'" + path + "' is a folder, not a checkpoint file.");
  const uintmax_t file_bytes = std::filesystem::file_size(path, ec);
  torch::jit::Module module;
  check_archive_file_records(path);
  refuse_code(archive_file_code(path), path);
  try {
    module = torch::jit::load(path);
  } catch (const c10::Error& e) {
    throw Error("'" + path + "' is not a GenStudio checkpoint or is damaged: " +
                archive_problem(e.what_without_backtrace(), ec ? 0 : file_bytes) + ".");
  }
  check_checkpoint_tensor_sizes(module, ec ? 0 : file_bytes, path);
  if (!module.hasattr("genstudio_meta") || !module.attr("genstudio_meta").isString()) {
    if (module.find_method("forward")) {
      throw Error("'" + path + "' is a TorchScript module, not a GenStudio checkpoint, and nothing says what "
                  "it takes and returns. " + torchscript_descriptor_hint(path));
    }
    throw Error("'" + path + "' is a LibTorch archive but not a GenStudio checkpoint (no metadata).");
  }
  return parse_metadata(module.attr("genstudio_meta"), path);
}

// A snapshot the trainer wrote (trusted bytes: no second copy into a stream).
CheckpointMetadata read_metadata(const std::vector<uint8_t>& bytes, const std::string& name) {
  torch::serialize::InputArchive archive;
  open_archive(archive, bytes);
  c10::IValue value;
  if (!archive.try_read("genstudio_meta", value) || !value.isString()) {
    throw Error("'" + name + "' is a LibTorch archive but not a GenStudio checkpoint (no metadata).");
  }
  return parse_metadata(value, name);
}

template <typename Source>
void load_state(const Source& source, const std::string& name, GenerativeModel& model) {
  torch::serialize::InputArchive archive;
  open_archive(archive, source);
  try {
    model.load_state(archive);
  } catch (const c10::Error& e) {
    throw Error("'" + name + "' is damaged: its weights are missing or do not fit the model it names.");
  }
}

torch::serialize::OutputArchive make_archive(const CheckpointMetadata& meta, const GenerativeModel& model) {
  torch::serialize::OutputArchive archive;
  archive.write("genstudio_meta", c10::IValue(to_json(meta).dump()));
  model.save_state(archive);
  return archive;
}

}  // namespace

void write_checkpoint(const std::string& path, const CheckpointMetadata& meta,
                      const GenerativeModel& model) {
  // Serialized in memory first, so a full disk or a size limit is reported by
  // write_file_atomically in a sentence (not as LibTorch's internal text).
  write_file_atomically(path, checkpoint_to_bytes(meta, model));
}

CheckpointMetadata read_checkpoint_metadata(const std::string& path) { return read_metadata(path); }

void load_checkpoint_state(const std::string& path, GenerativeModel& model) { load_state(path, path, model); }

std::vector<uint8_t> checkpoint_to_bytes(const CheckpointMetadata& meta, const GenerativeModel& model) {
  torch::serialize::OutputArchive archive = make_archive(meta, model);
  std::vector<uint8_t> bytes;
  archive.save_to([&bytes](const void* data, size_t n) {
    const auto* p = static_cast<const uint8_t*>(data);
    bytes.insert(bytes.end(), p, p + n);
    return n;
  });
  return bytes;
}

CheckpointMetadata read_checkpoint_metadata(const std::vector<uint8_t>& bytes) {
  return read_metadata(bytes, "snapshot");
}

void load_checkpoint_state(const std::vector<uint8_t>& bytes, GenerativeModel& model) {
  load_state(bytes, "snapshot", model);
}

}  // namespace gs
