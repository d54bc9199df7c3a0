#include <ATen/CPUGeneratorImpl.h>

#include <cmath>

#include "core/common/error.h"
#include "core/models/realnvp/flow_stack.h"

namespace gs {

PointFlow::PointFlow(const PointFlowConfig& c) {
  if (c.dims < 2) {
    throw Error("RealNVP needs at least two coordinates to split between its coupling layers; this data has " +
                std::to_string(c.dims) + ". Pick a 2-D dataset for the flow.");
  }
  const int64_t half = c.dims / 2;
  for (int64_t i = 0; i < c.couplings; ++i) {
    if (c.actnorm) {
      norms_.push_back(register_module("norm" + std::to_string(i), ActNorm(c.dims)));
      couplings_.push_back(nullptr);
      rotations_.emplace_back();
      names_.push_back("ActNorm " + std::to_string(i + 1));
    }
    // Alternate which half of the coordinates passes unchanged.
    torch::Tensor mask = torch::zeros({c.dims});
    if (i % 2 == 0) mask.narrow(0, 0, half).fill_(1);
    else mask.narrow(0, half, c.dims - half).fill_(1);
    norms_.push_back(nullptr);
    couplings_.push_back(register_module("coupling" + std::to_string(i),
                                         PointCoupling(mask, c.hidden, c.mlp_layers, c.bound)));
    rotations_.emplace_back();
    const std::string moved = c.dims == 2 ? (i % 2 == 0 ? "moves y" : "moves x")
                                          : (i % 2 == 0 ? "moves the second half" : "moves the first half");
    names_.push_back("coupling " + std::to_string(i + 1) + " (" + moved + ")");
    if (c.rotate && i + 1 < c.couplings) {
      torch::Tensor r;
      std::string name = "rotation " + std::to_string(i + 1);
      if (c.dims == 2) {
        const double a = 0.25 * M_PI + 0.61 * static_cast<double>(i);  // fixed, different each time
        r = torch::tensor({{std::cos(a), -std::sin(a)}, {std::sin(a), std::cos(a)}}, torch::kFloat32);
        name += " (" + std::to_string(static_cast<int>(std::lround(std::fmod(a, 2 * M_PI) * 180 / M_PI))) + "°)";
      } else {
        auto gen = at::make_generator<at::CPUGeneratorImpl>(1000 + i);
        r = std::get<0>(torch::linalg::qr(torch::randn({c.dims, c.dims}, gen)));
      }
      rotations_.push_back(register_buffer("rotation" + std::to_string(i), r));
      norms_.push_back(nullptr);
      couplings_.push_back(nullptr);
      names_.push_back(name);
    }
  }
}

torch::Tensor PointFlow::forward(const torch::Tensor& x, int64_t k, torch::Tensor& logdet) {
  torch::Tensor h = x;
  for (int64_t i = 0; i < k; ++i) {
    if (norms_[i]) h = norms_[i]->forward(h, logdet);
    else if (couplings_[i]) h = couplings_[i]->forward(h, logdet);
    else h = torch::matmul(h, rotations_[i].t());  // orthogonal: log|det| = 0
  }
  return h;
}

torch::Tensor PointFlow::inverse(const torch::Tensor& z, int64_t k) {
  torch::Tensor h = z;
  for (int64_t i = num_steps() - 1; i >= num_steps() - k; --i) {
    if (norms_[i]) h = norms_[i]->inverse(h);
    else if (couplings_[i]) h = couplings_[i]->inverse(h);
    else h = torch::matmul(h, rotations_[i]);
  }
  return h;
}

}  // namespace gs
