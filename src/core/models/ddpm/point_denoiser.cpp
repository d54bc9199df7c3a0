#include "core/models/ddpm/point_denoiser.h"

namespace gs {

namespace {
constexpr int64_t kEmbedding = 64;
}

PointDenoiser::PointDenoiser(int64_t dims, int64_t hidden, int64_t layers) : hidden_(hidden), layers_(layers) {
  freqs_ = register_buffer("freqs", timestep_frequencies(kEmbedding));
  time1 = register_module("time1", torch::nn::Linear(kEmbedding, hidden));
  time_proj = register_module("time_proj", torch::nn::Linear(hidden, hidden * layers));
  in = register_module("in", torch::nn::Linear(dims, hidden));
  for (int64_t l = 0; l < layers; ++l) blocks->push_back(torch::nn::Linear(hidden, hidden));
  register_module("blocks", blocks);
  out = register_module("out", torch::nn::Linear(hidden, dims));
}

torch::Tensor PointDenoiser::forward(const torch::Tensor& x, const torch::Tensor& t) {
  torch::Tensor e = time_proj(torch::silu(time1(timestep_embedding(t, freqs_))));
  torch::Tensor h = in(x);
  for (int64_t l = 0; l < layers_; ++l) {
    h = h + blocks[l]->as<torch::nn::Linear>()->forward(torch::silu(h + e.narrow(1, l * hidden_, hidden_)));
  }
  return out(torch::silu(h));
}

}  // namespace gs
