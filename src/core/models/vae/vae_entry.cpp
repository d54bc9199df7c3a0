// vae_entry.cpp — registry entries "vae" (β-VAE) and "ae" (autoencoder).
#include "core/models/builtin_models.h"
#include "core/models/vae/vae_model.h"

namespace gs {

ModelEntry vae_entry(bool variational) {
  ModelEntry e = variational
      ? ModelEntry::named("vae", "Variational autoencoder (β-VAE)",
                          "Encodes images to a Gaussian latent and decodes samples from the prior; "
                          "β weights the KL term against reconstruction.",
                          kCanEncode | kCanDecode | kCanReconstruct | kCanSample | kCanLogProb)
      : ModelEntry::named("ae", "Autoencoder",
                          "Compresses images to a latent code and reconstructs them; no prior, so "
                          "it reconstructs and interpolates rather than samples.",
                          kCanEncode | kCanDecode | kCanReconstruct);
  e.info.params = VaeModel::param_specs(variational);
  e.info.loss_names = variational ? std::vector<std::string>{"loss", "recon", "kl"}
                                  : std::vector<std::string>{"loss"};
  e.factory = [variational](const ParamValues& p, ImageShape s) {
    return std::make_unique<VaeModel>(variational, p, s);
  };
  return e;
}

}  // namespace gs
