#include "core/models/torchscript/torchscript_model.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/common/error.h"
#include "core/common/json_numbers.h"
#include "core/common/archive_check.h"
#include "core/common/library_errors.h"
#include "core/common/translate_errors.h"
#include "core/model/capabilities.h"

namespace gs {

bool has_torchscript_sidecar(const std::string& path) { return std::ifstream(path + ".json").good(); }

std::string torchscript_descriptor_hint(const std::string& path) {
  std::error_code ec;
  std::filesystem::path abs = std::filesystem::absolute(path, ec);
  const std::string json_path = (ec ? path : abs.lexically_normal().string()) + ".json";
  return "Describe it in '" + json_path +
         "': a JSON object with \"kind\" (\"generator\" or \"translator\"), \"latent_dim\" (generators: "
         "the size of the input vector), \"image_size\" ([height, width] of the output), \"channels\" (1 or 3) "
         "and \"range\" ([min, max] of the output values), for example {\"kind\": \"generator\", "
         "\"latent_dim\": 64, \"image_size\": [28, 28], \"channels\": 1, \"range\": [-1, 1]}; then open it "
         "again, or import it with Import TorchScript Model… in the Explore tab (genstudio --import-torchscript "
         "PATH), where the description can also be filled in.";
}

TorchScriptDescriptor read_torchscript_sidecar(const std::string& path) {
  std::ifstream in(path + ".json");
  if (!in) throw Error("'" + path + "' has no descriptor. " + torchscript_descriptor_hint(path));
  TorchScriptDescriptor d;
  try {
    const nlohmann::json j = nlohmann::json::parse(in);
    d.kind = j.value("kind", "generator");
    d.latent_dim = json_whole_or(j, "latent_dim", decltype(d.latent_dim){0}, "latent_dim");
    const nlohmann::json& size_json = j.at("image_size");
    if (!size_json.is_array() || size_json.size() != 2) throw Error("image_size must be [height, width].");
    const std::vector<int64_t> size = {json_whole<int64_t>(size_json[0], "image_size"),
                                       json_whole<int64_t>(size_json[1], "image_size")};
    d.height = size[0];
    d.width = size[1];
    d.channels = json_whole_or(j, "channels", decltype(d.channels){1}, "channels");
    const auto range = j.value("range", std::vector<double>{-1, 1});
    if (range.size() != 2 || !(range[0] < range[1])) throw Error("range must be [min, max] with min < max.");
    d.range_min = range[0];
    d.range_max = range[1];
  } catch (const nlohmann::json::exception& e) {
    throw Error("The descriptor '" + path + ".json' is not valid: " + json_problem(e) + ". " +
                torchscript_descriptor_hint(path));
  }
  return d;
}

TorchScriptModel::TorchScriptModel(const std::string& path, const TorchScriptDescriptor& d) : d_(d) {
  if (d.kind != "generator" && d.kind != "translator") {
    throw Error("The descriptor's kind must be generator or translator, not '" + d.kind + "'.");
  }
  if (d.channels != 1 && d.channels != 3) throw Error("The descriptor's channels must be 1 or 3.");
  if (d.height < 1 || d.width < 1 || d.height > 4096 || d.width > 4096) {
    throw Error("The descriptor's image_size must be between 1 and 4096.");
  }
  if (d.kind == "generator" && (d.latent_dim < 1 || d.latent_dim > 100000)) {
    throw Error("A generator's descriptor needs latent_dim ≥ 1.");
  }
  check_archive_file_records(path);
  try {
    module_ = torch::jit::load(path);
  } catch (const c10::Error& e) {
    std::error_code ec;
    const uintmax_t bytes = std::filesystem::file_size(path, ec);
    throw Error("'" + path + "' is not a TorchScript module saved with torch.jit.save: " +
                archive_problem(e.what_without_backtrace(), ec ? 0 : bytes) + ".");
  }
  module_.eval();
  // Dry run: the module must produce what the descriptor promises.
  const std::vector<int64_t> expected = {2, d.channels, d.height, d.width};
  torch::Tensor input = d.kind == "generator" ? torch::randn({2, d.latent_dim})
                                              : torch::rand({2, d.channels, d.height, d.width}) *
                                                        (d.range_max - d.range_min) + d.range_min;
  torch::Tensor out;
  try {
    c10::InferenceMode guard;
    out = run(input);
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error("The module failed on a test input shaped like the descriptor says (" +
                first_line(e.what()) + ").");
  }
  if (out.sizes() != torch::IntArrayRef(expected)) {
    std::string got;
    for (auto s : out.sizes()) got += (got.empty() ? "" : "×") + std::to_string(s);
    throw Error("The module returns " + got + " but the descriptor promises 2×" + std::to_string(d.channels) + "×" +
                std::to_string(d.height) + "×" + std::to_string(d.width) + " for a batch of 2.");
  }
  const double lo = out.min().item<double>(), hi = out.max().item<double>();
  const double slack = 0.05 * (d.range_max - d.range_min);
  if (!std::isfinite(lo) || !std::isfinite(hi) || lo < d.range_min - slack || hi > d.range_max + slack) {
    throw Error("The module's output ranges from " + std::to_string(lo) + " to " + std::to_string(hi) +
                ", outside the descriptor's range [" + std::to_string(d.range_min) + ", " +
                std::to_string(d.range_max) + "].");
  }
}

unsigned TorchScriptModel::capabilities() const {
  return d_.kind == "generator" ? (kCanSample | kCanDecode) : kCanTranslate;
}

ImageShape TorchScriptModel::image_shape() const {
  ImageShape s{d_.channels, d_.height, d_.width};
  if (d_.kind == "translator") s.domains = 2;
  return s;
}

torch::Tensor TorchScriptModel::run(const torch::Tensor& input) {
  torch::jit::IValue out = module_.forward({input});
  if (!out.isTensor()) throw Error("The module must return one tensor.");
  return out.toTensor().to(torch::kFloat32);
}

torch::Tensor TorchScriptModel::to_unit(const torch::Tensor& output) const {
  return ((output - d_.range_min) / (d_.range_max - d_.range_min)).clamp(0, 1);
}

torch::Tensor TorchScriptModel::train_step(const torch::Tensor&) {
  throw Error("Imported TorchScript models are used as they are; they cannot be trained here.");
}

torch::Tensor TorchScriptModel::decode(const torch::Tensor& z) {
  if (d_.kind != "generator") throw Error("This module is a translator, not a generator.");
  return to_unit(run(z));
}

torch::Tensor TorchScriptModel::translate(const torch::Tensor& images, bool a_to_b) {
  if (d_.kind != "translator") throw Error("This module is a generator, not a translator.");
  if (!a_to_b) throw Error("An imported translator only maps A→B.");
  return to_unit(run(images * (d_.range_max - d_.range_min) + d_.range_min));
}

void TorchScriptModel::save_state(torch::serialize::OutputArchive&) const {
  throw Error("Imported TorchScript models are not saved as GenStudio checkpoints; keep the .pt file.");
}

}  // namespace gs
