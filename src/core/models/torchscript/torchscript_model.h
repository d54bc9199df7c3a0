// torchscript_model.h — bring your own pretrained model: a TorchScript module
// saved from PyTorch with torch.jit.save, used as a generator (latent → image)
// or a translator (image → image) through the same GenerativeModel interface,
// so the latent panel, interpolation and translation views work on it.
//
// A descriptor says how to call it; it comes from a sidecar file next to the
// module (MODEL.pt.json) or from the user:
//   {"kind": "generator" | "translator", "latent_dim": 8, "image_size": [28, 28],
//    "channels": 1, "range": [-1, 1]}
// On load the module is run once on a small batch; a shape, range or runtime
// mismatch is refused with a sentence naming what differs. Built through the
// registry's "torchscript" entry (torchscript_entry.cpp, create_imported_model);
// a translator module is its own ImageTranslator (translator()), a generator
// module has none.
//
// Ownership: owns the module. Thread affinity: one thread at a time. Failure
// modes: gs::Error on load (unreadable file, not TorchScript, bad descriptor,
// failed dry run); train_step throws (imported models are not trained here).
#pragma once

#include <torch/script.h>

#include <string>

#include "core/model/generative_model.h"
#include "core/models/torchscript/torchscript_descriptor.h"

namespace gs {

class TorchScriptModel : public GenerativeModel, public ImageTranslator {
 public:
  TorchScriptModel(const std::string& path, const TorchScriptDescriptor& descriptor);

  std::string id() const override { return "torchscript"; }
  unsigned capabilities() const override;
  ImageShape image_shape() const override;
  int64_t latent_dim() const override { return d_.kind == "generator" ? d_.latent_dim : 0; }
  std::vector<std::string> loss_names() const override { return {}; }

  torch::Tensor train_step(const torch::Tensor& batch) override;
  torch::Tensor decode(const torch::Tensor& z) override;
  // A translator module translates (kCanTranslate); a generator has no translator.
  ImageTranslator* translator() override { return d_.kind == "translator" ? this : nullptr; }
  torch::Tensor translate(const torch::Tensor& images, bool a_to_b) override;

  void set_learning_rate(double) override {}
  void set_training(bool) override {}
  void save_state(torch::serialize::OutputArchive&) const override;
  void load_state(torch::serialize::InputArchive&) override {}

  const TorchScriptDescriptor& descriptor() const { return d_; }

 private:
  torch::Tensor run(const torch::Tensor& input);
  torch::Tensor to_unit(const torch::Tensor& output) const;

  TorchScriptDescriptor d_;
  torch::jit::script::Module module_;
};

}  // namespace gs
