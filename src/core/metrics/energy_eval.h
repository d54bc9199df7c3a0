// energy_eval.h — what the training session evaluates of an energy model
// (EnergyModel, e.g. the RBM) at its log interval: the mean free energy of a
// fixed subset of training images and of held-out test images (a growing gap
// shows overfitting: the model lowers the energy of what it saw), and the
// stochastic pseudo-log-likelihood of the held-out images; plus the AIS test
// log-likelihood shared by `genstudio-cli eval` and the RBM explorer.
//
// Ownership: small classes and values owning their tensors. Thread affinity:
// the model's thread. Failure modes: gs::Error for a model without energy(),
// images of the wrong shape or an empty set; AIS errors as in energy_model.h.
#pragma once

#include <torch/torch.h>

#include <chrono>
#include <string>
#include <vector>

#include "core/model/generative_model.h"

namespace gs {

// Evaluated at the log interval when the time since the last evaluation is at
// least (1 − share)/share times what it cost (the first call always runs).
// Appends eval_train_free_energy_per_pixel, test_free_energy_per_pixel and
// test_pseudo_log_likelihood_per_pixel (nats per visible unit, so the curves
// share the loss plot's axis with the reconstruction error).
class EnergyProbe {
 public:
  EnergyProbe(const torch::Tensor& train_images, const torch::Tensor& test_images, int64_t max_images = 1000,
              double share = 0.05);
  void maybe_run(GenerativeModel& model, std::vector<std::string>* names, std::vector<double>* values);

 private:
  torch::Tensor train_, test_;
  double share_;
  bool first_ = true;
  double cost_ = 0;
  std::chrono::steady_clock::time_point last_end_;
};

struct AisLikelihood {
  double log_z = 0, log_z_spread = 0, log_z_base = 0;
  double test_log_likelihood = 0;   // mean over the test images of −F(v) − log Ẑ, nats
  double spread = 0;                // the spread of log Ẑ carries over to the mean
  double test_free_energy = 0;      // mean F(v) of the test images
  int64_t images = 0;
  int runs = 0, temperatures = 0;
  bool cancelled = false;
  double seconds = 0;
};

// The mean binary training image (AIS's base-rate model), [C, H, W].
torch::Tensor binary_data_mean(EnergyModel& energy, const torch::Tensor& train_images);

// AIS (runs chains over `temperatures` β) and the mean test log-likelihood of
// `test_images`, binarised as the model binarises (stochastic: a fixed seed).
AisLikelihood ais_test_likelihood(GenerativeModel& model, const torch::Tensor& train_images,
                                  const torch::Tensor& test_images, int runs, int temperatures, uint64_t seed = 20261,
                                  const EnergyModel::Progress& progress = {});

}  // namespace gs
