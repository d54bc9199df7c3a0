// gan_entry.cpp — registry entries "gan" (MLP, images or 2-D points) and "dcgan".
#include "core/models/builtin_models.h"
#include "core/models/gan/gan_model.h"

namespace gs {

namespace {

ParamValues image_defaults(bool dcgan) {
  // 800-step search on Fashion-MNIST (bench/RESULTS.md): DCGAN FID 208 (textbook) → 133 at 1e-3
  // → 119 at 2e-3 with the EMA; the MLP GAN 395 (textbook, 1,000 steps) → 261 at 1e-3.
  const std::string lr = dcgan ? "2e-3" : "1e-3";
  return {{"lr_g", lr}, {"lr_d", lr}, {"g_ema", "0.999"}};
}

}  // namespace

ModelEntry gan_entry(bool dcgan) {
  constexpr unsigned kCapabilities = kCanSample | kCanDecode | kCanScore | kAdversarial;
  ModelEntry e = dcgan
      ? ModelEntry::named("dcgan", "DCGAN",
                          "Deep convolutional GAN: transposed convolutions with batch norm in G, strided "
                          "convolutions in D. For 28×28 and 32×32 images.",
                          kCapabilities)
      : ModelEntry::named("gan", "GAN (MLP)",
                          "The textbook GAN: dense generator and discriminator with LeakyReLU. On images "
                          "100-256-512-1024-784; on 2-D points small networks for the playground.",
                          kCapabilities);
  e.info.params = GanModel::param_specs(dcgan);
  if (!dcgan) {
    // 2-D points (issue 14, "Defaults that work"; the search is in bench/gan_defaults.sh and
    // bench/RESULTS.md): larger batches, 5× the image learning rate, a 2-D latent (more modes
    // than 16-D on the ring, and the playground's manifold mesh is the whole latent plane), and
    // samples from an EMA of the generator's weights, which removes the jitter that kept most
    // samples off the σ 0.02 modes.
    e.info.kind_defaults[DataKind::Points] = {
        {"latent_dim", "2"}, {"batch_size", "256"}, {"lr_g", "1e-3"}, {"lr_d", "1e-3"}, {"g_ema", "0.999"}};
  }
  // Images (issue 18, "Image GANs that look right"; the search is in bench/gan_quality.sh and
  // bench/RESULTS.md): the textbook learning rate 2e-4 leaves the generator far behind after the
  // few thousand steps a CPU run has, so images train at 1e-3 (DCGAN 2e-3) and sample from an EMA of the
  // generator's weights. The textbook values stay the parameters' own defaults
  // (`--set lr_g=2e-4 --set lr_d=2e-4 --set g_ema=0`, and for DCGAN `--set d_norm=batchnorm`).
  const ParamValues images = image_defaults(dcgan);
  e.info.kind_defaults[DataKind::Gray] = images;
  e.info.kind_defaults[DataKind::Rgb] = images;
  e.info.loss_names = {"d_loss", "g_loss", "d_loss_real", "d_loss_fake", "d_x", "d_g_z", "gp"};
  const std::string arch = dcgan ? "dcgan" : "mlp";
  e.factory = [arch](const ParamValues& p, ImageShape s) { return std::make_unique<GanModel>(arch, p, s); };
  return e;
}

}  // namespace gs
