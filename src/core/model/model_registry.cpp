#include "core/model/model_registry.h"

#include "core/common/error.h"
#include "core/models/cyclegan/cyclegan_model.h"
#include "core/models/gan/gan_model.h"
#include "core/models/stylegan/stylegan_model.h"
#include "core/models/vae/vae_model.h"

namespace gs {
namespace {

ModelEntry vae_entry(bool variational) {
  ModelEntry e;
  e.info.id = variational ? "vae" : "ae";
  e.info.name = variational ? "Variational autoencoder (β-VAE)" : "Autoencoder";
  e.info.description =
      variational ? "Encodes images to a Gaussian latent and decodes samples from the prior; "
                    "β weights the KL term against reconstruction."
                  : "Compresses images to a latent code and reconstructs them; no prior, so "
                    "it reconstructs and interpolates rather than samples.";
  e.info.params = VaeModel::param_specs(variational);
  e.info.loss_names = variational ? std::vector<std::string>{"loss", "recon", "kl"}
                                  : std::vector<std::string>{"loss"};
  e.info.capabilities = kCanEncode | kCanDecode | kCanReconstruct | (variational ? kCanSample : 0u);
  e.factory = [variational](const ParamValues& p, ImageShape s) {
    return std::make_unique<VaeModel>(variational, p, s);
  };
  return e;
}

ModelEntry gan_entry(bool dcgan) {
  ModelEntry e;
  e.info.id = dcgan ? "dcgan" : "gan";
  e.info.name = dcgan ? "DCGAN" : "GAN (MLP)";
  e.info.description =
      dcgan ? "Deep convolutional GAN: transposed convolutions with batch norm in G, strided "
              "convolutions in D. For 28×28 and 32×32 images."
            : "The textbook GAN: dense generator and discriminator with LeakyReLU. On images "
              "100-256-512-1024-784; on 2-D points small networks for the playground.";
  e.info.params = GanModel::param_specs(dcgan);
  e.info.loss_names = {"d_loss", "g_loss", "d_loss_real", "d_loss_fake", "d_x", "d_g_z", "gp"};
  e.info.capabilities = kCanSample | kCanDecode | kCanScore | kAdversarial;
  e.factory = [dcgan](const ParamValues& p, ImageShape s) {
    return std::make_unique<GanModel>(dcgan ? "dcgan" : "mlp", p, s);
  };
  return e;
}

ModelEntry cyclegan_entry() {
  ModelEntry e;
  e.info.id = "cyclegan";
  e.info.name = "CycleGAN (unpaired translation)";
  e.info.description =
      "Learns to translate between two image domains from unpaired examples: ResNet generators, "
      "PatchGAN discriminators, least-squares, cycle-consistency and identity losses.";
  e.info.params = CycleGanModel::param_specs();
  e.info.loss_names = {"G_A", "G_B", "D_A", "D_B", "cycle_A", "cycle_B", "idt_A", "idt_B"};
  e.info.capabilities = kCanTranslate | kTranslatesBack;
  e.factory = [](const ParamValues& p, ImageShape s) { return std::make_unique<CycleGanModel>(p, s); };
  return e;
}

ModelEntry stylegan_entry() {
  ModelEntry e;
  e.info.id = "stylegan";
  e.info.name = "Style-based generator";
  e.info.description =
      "Mapping network z → w, synthesis from a learned constant through style-modulated convolutions "
      "with per-layer noise; style mixing during training and a running w̄ for truncation.";
  e.info.params = StyleGanModel::param_specs();
  e.info.loss_names = {"d_loss", "g_loss", "r1", "d_x", "d_g_z"};
  e.info.capabilities = kCanSample | kCanDecode | kHasStyles;
  e.factory = [](const ParamValues& p, ImageShape s) { return std::make_unique<StyleGanModel>(p, s); };
  return e;
}

std::string known_ids() {
  std::string s;
  for (const auto& e : model_registry()) s += (s.empty() ? "" : ", ") + e.info.id;
  return s;
}

}  // namespace

const std::vector<ModelEntry>& model_registry() {
  static const std::vector<ModelEntry> registry = {vae_entry(true), vae_entry(false), gan_entry(false),
                                                   gan_entry(true), stylegan_entry(), cyclegan_entry()};
  return registry;
}

std::unique_ptr<GenerativeModel> create_model(const std::string& id, const ParamValues& params,
                                              ImageShape shape) {
  for (const auto& e : model_registry()) {
    if (e.info.id != id) continue;
    const bool translates = e.info.capabilities & kCanTranslate;
    if (translates && shape.domains != 2) {
      throw Error("The model '" + id + "' translates between two image domains; pick a two-domain dataset "
                  "(edges2fashion, photo2painting or folders).");
    }
    if (!translates && shape.domains != 1) {
      throw Error("The dataset holds two image domains, which only translation models (cyclegan) use.");
    }
    return e.factory(resolve_params(e.info.params, params), shape);
  }
  throw Error("Unknown model '" + id + "'. Known models: " + known_ids() + ".");
}

const std::vector<ModelInfo>& model_catalog() {
  static const std::vector<ModelInfo> catalog = [] {
    std::vector<ModelInfo> out;
    for (const auto& e : model_registry()) out.push_back(e.info);
    return out;
  }();
  return catalog;
}

const ModelInfo* find_model(const std::string& id) {
  for (const auto& m : model_catalog()) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

const ModelInfo& require_model(const std::string& id) {
  if (const ModelInfo* m = find_model(id)) return *m;
  throw Error("Unknown model '" + id + "'. Known models: " + known_ids() + ".");
}

const std::string& default_model_id() {
  static const std::string id = "vae";
  return id;
}

const std::vector<DatasetInfo>& dataset_catalog() {
  static const std::vector<DatasetInfo> catalog = {
      {"fashion-mnist", "Fashion-MNIST",
       "70,000 grayscale 28×28 garments in 10 classes, from Debian's dataset-fashion-mnist "
       "(/usr/share/datasets/fashion-mnist).",
       false},
      {"folder", "Image folder",
       "Your own images (PNG, JPEG, BMP, …) from a folder and its subfolders, resized to a square.",
       true},
      {"ring8", "Ring of 8 Gaussians", "2-D: eight Gaussians (σ 0.02) on a circle of radius 2.", false, true},
      {"grid25", "Grid of 25 Gaussians", "2-D: a 5×5 grid of Gaussians (σ 0.02), spacing 2.", false, true},
      {"moons", "Two moons", "2-D: two interleaving half circles.", false, true},
      {"spiral", "Spiral", "2-D: a two-armed spiral.", false, true},
      {"checkerboard", "Checkerboard", "2-D: uniform on the dark squares of a 4×4 board.", false, true},
      {"gmm1d", "1-D Gaussian mixture", "1-D: three Gaussians; shown as a histogram against the true density.",
       false, true},
      {"drawn", "Drawn by you", "2-D: small Gaussians around the points you draw on the playground canvas.",
       false, true, false, /*drawable=*/true},
      {"edges2fashion", "Garment edges ↔ garments",
       "Two domains from Fashion-MNIST: Canny edge maps of one half of the garments and the other half "
       "as they are (never paired); held-out truth pairs for PSNR/SSIM.",
       false, false, true},
      {"photo2painting", "Photo ↔ painting",
       "Random crops of photos against crops of other photos through OpenCV's stylization filter "
       "(photos from opencv-doc's examples or a folder you choose).",
       false, false, true},
      {"folders", "Two image folders", "Your own unpaired domains: folder A and folder B.", true, false, true},
  };
  return catalog;
}

const DatasetInfo* find_dataset(const std::string& id) {
  for (const auto& d : dataset_catalog()) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

}  // namespace gs
