#include "core/common/error.h"
#include "core/models/realnvp/flow_stack.h"

namespace gs {

ImageFlow::ImageFlow(const ImageFlowConfig& cfg) : config_(cfg) {
  const int64_t factor = int64_t{1} << cfg.scales;
  if (cfg.height % factor != 0 || cfg.width % factor != 0) {
    throw Error("The image flow halves the image side at each of its " + std::to_string(cfg.scales) +
                " scales, so the sides (" + std::to_string(cfg.height) + "×" + std::to_string(cfg.width) +
                ") must be divisible by " + std::to_string(factor) + "; choose fewer scales or resize the images.");
  }
  int64_t c = cfg.channels, h = cfg.height, w = cfg.width, width = cfg.net_width;
  int squeezes = 0, factored = 0, n_norm = 0, n_coupling = 0;
  auto add = [&](Step s) {
    s.squeezes = squeezes;
    s.factored = factored;
    steps_.push_back(std::move(s));
  };
  auto couplings = [&](ConvCouplingImpl::Mask mask) {
    for (int64_t j = 0; j < cfg.steps_per_stage; ++j) {
      if (cfg.actnorm) {
        Step s{Kind::Norm, "ActNorm " + std::to_string(++n_norm)};
        s.norm = register_module("norm" + std::to_string(n_norm), ActNorm(c));
        add(std::move(s));
      }
      const bool checker = mask == ConvCouplingImpl::Mask::Checkerboard;
      Step s{Kind::Coupling, "coupling " + std::to_string(++n_coupling) + (checker ? " (checkerboard, " : " (channels, ") +
                                 std::to_string(h) + "×" + std::to_string(w) + ")"};
      s.coupling = register_module("coupling" + std::to_string(n_coupling),
                                   ConvCoupling(mask, static_cast<int>(j % 2), c, h, w, width, cfg.blocks, cfg.bound));
      add(std::move(s));
    }
  };
  for (int64_t scale = 0; scale < cfg.scales; ++scale) {
    couplings(ConvCouplingImpl::Mask::Checkerboard);
    c *= 4, h /= 2, w /= 2, width *= 2, ++squeezes;
    add(Step{Kind::Squeeze, "squeeze to " + std::to_string(c) + "×" + std::to_string(h) + "×" + std::to_string(w)});
    couplings(ConvCouplingImpl::Mask::Channel);
    c /= 2, ++factored;
    add(Step{Kind::FactorOut, "factor out half (" + std::to_string(c) + " channels go to z)"});
  }
  couplings(ConvCouplingImpl::Mask::Checkerboard);
}

ImageFlow::State ImageFlow::disassemble(const torch::Tensor& flat, int squeezes, int factored) const {
  State s;
  s.h = flat.reshape({flat.size(0), config_.channels, config_.height, config_.width});
  for (int i = 0; i < squeezes; ++i) {
    s.h = squeeze2x2(s.h);
    if (i < factored) {
      const int64_t half = s.h.size(1) / 2;
      s.outs.push_back(s.h.narrow(1, half, half));
      s.h = s.h.narrow(1, 0, half);
    }
  }
  return s;
}

torch::Tensor ImageFlow::assemble(const State& s, int squeezes, int factored) const {
  torch::Tensor cur = s.h;
  for (int i = squeezes - 1; i >= 0; --i) {
    if (i < factored) cur = torch::cat({cur, s.outs[i]}, 1);
    cur = unsqueeze2x2(cur);
  }
  return cur.flatten(1);
}

torch::Tensor ImageFlow::forward(const torch::Tensor& x, int64_t k, torch::Tensor& logdet) {
  State s = disassemble(x, 0, 0);
  for (int64_t i = 0; i < k; ++i) {
    Step& step = steps_[i];
    switch (step.kind) {
      case Kind::Norm: s.h = step.norm->forward(s.h, logdet); break;
      case Kind::Coupling: s.h = step.coupling->forward(s.h, logdet); break;
      case Kind::Squeeze: s.h = squeeze2x2(s.h); break;
      case Kind::FactorOut: {
        const int64_t half = s.h.size(1) / 2;
        s.outs.push_back(s.h.narrow(1, half, half));
        s.h = s.h.narrow(1, 0, half);
        break;
      }
    }
  }
  return assemble(s, squeezes_after(k), factored_after(k));
}

torch::Tensor ImageFlow::inverse(const torch::Tensor& z, int64_t k) {
  const int64_t n = num_steps();
  State s = disassemble(z, squeezes_after(n), factored_after(n));
  for (int64_t i = n - 1; i >= n - k; --i) {
    Step& step = steps_[i];
    switch (step.kind) {
      case Kind::Norm: s.h = step.norm->inverse(s.h); break;
      case Kind::Coupling: s.h = step.coupling->inverse(s.h); break;
      case Kind::Squeeze: s.h = unsqueeze2x2(s.h); break;
      case Kind::FactorOut:
        s.h = torch::cat({s.h, s.outs.back()}, 1);
        s.outs.pop_back();
        break;
    }
  }
  return assemble(s, squeezes_after(n - k), factored_after(n - k));
}

}  // namespace gs
