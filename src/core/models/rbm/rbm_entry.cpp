// rbm_entry.cpp — registry entry "rbm" (Bernoulli–Bernoulli restricted Boltzmann machine).
#include "core/model/capabilities.h"
#include "core/models/builtin_models.h"
#include "core/models/rbm/rbm_model.h"

namespace gs {

ModelEntry rbm_entry() {
  ModelEntry e = ModelEntry::named(
      "rbm", "Restricted Boltzmann machine",
      "Bernoulli–Bernoulli RBM of binarised images: binary hidden feature detectors, trained by contrastive "
      "divergence (CD-k) or persistent CD; samples by Gibbs chains; test log-likelihood by annealed importance "
      "sampling.",
      kCanSample | kHasEnergy);
  e.info.params = RbmModel::param_specs();
  e.info.loss_names = {"recon_error", "free_energy_per_pixel"};
  e.factory = [](const ParamValues& p, ImageShape s) { return std::make_unique<RbmModel>(p, s); };
  return e;
}

}  // namespace gs
