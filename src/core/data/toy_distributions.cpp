#include "core/data/toy_distributions.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>

#include "core/common/error.h"

namespace gs {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kModeStd = 0.02;  // ring8 and grid25, as in the VEEGAN / Unrolled GAN benchmarks

struct Gmm1d {
  double mean, std, weight;
};
const Gmm1d kGmm1d[] = {{-2.0, 0.4, 0.3}, {0.5, 0.3, 0.45}, {2.5, 0.5, 0.25}};

torch::Generator generator(uint64_t seed) { return at::make_generator<at::CPUGeneratorImpl>(seed); }

torch::Tensor mixture(const std::vector<std::vector<float>>& modes, double std, int64_t n,
                      torch::Generator& gen) {
  const int64_t k = static_cast<int64_t>(modes.size());
  const int64_t d = static_cast<int64_t>(modes[0].size());
  torch::Tensor centres = torch::empty({k, d});
  for (int64_t i = 0; i < k; ++i) {
    for (int64_t j = 0; j < d; ++j) centres[i][j] = modes[i][j];
  }
  torch::Tensor which = torch::randint(0, k, {n}, gen, torch::kLong);
  return centres.index_select(0, which) + std * torch::randn({n, d}, gen);
}

std::vector<std::vector<float>> ring_modes() {
  std::vector<std::vector<float>> m;
  for (int i = 0; i < 8; ++i) {
    m.push_back({static_cast<float>(2 * std::cos(2 * kPi * i / 8)),
                 static_cast<float>(2 * std::sin(2 * kPi * i / 8))});
  }
  return m;
}

std::vector<std::vector<float>> grid_modes() {
  std::vector<std::vector<float>> m;
  for (int i = 0; i < 5; ++i) {
    for (int j = 0; j < 5; ++j) m.push_back({-4.0f + 2 * i, -4.0f + 2 * j});
  }
  return m;
}

torch::Tensor moons(int64_t n, torch::Generator& gen) {
  torch::Tensor t = torch::rand({n}, gen) * kPi;
  torch::Tensor upper = torch::rand({n}, gen) < 0.5;
  torch::Tensor x = torch::where(upper, torch::cos(t), 1 - torch::cos(t));
  torch::Tensor y = torch::where(upper, torch::sin(t), 0.5 - torch::sin(t));
  torch::Tensor p = torch::stack({x - 0.5, y - 0.25}, 1) * 1.6;
  return p + 0.06 * torch::randn({n, 2}, gen);
}

torch::Tensor spiral(int64_t n, torch::Generator& gen) {
  torch::Tensor t = torch::sqrt(torch::rand({n}, gen)) * 3 * kPi;
  torch::Tensor arm = (torch::rand({n}, gen) < 0.5).to(torch::kFloat32) * kPi;
  torch::Tensor r = t / (3 * kPi) * 3.0;
  torch::Tensor p = torch::stack({r * torch::cos(t + arm), r * torch::sin(t + arm)}, 1);
  return p + 0.05 * torch::randn({n, 2}, gen);
}

torch::Tensor checkerboard(int64_t n, torch::Generator& gen) {
  // 4×4 board on [-2, 2]², points on the "black" squares only.
  torch::Tensor x1 = torch::rand({n}, gen) * 4 - 2;
  torch::Tensor x2_ = torch::rand({n}, gen) - torch::randint(0, 2, {n}, gen).to(torch::kFloat32) * 2;
  torch::Tensor x2 = x2_ + (torch::floor(x1) % 2);
  return torch::stack({x1, x2}, 1);
}

torch::Tensor gmm1d(int64_t n, torch::Generator& gen) {
  torch::Tensor u = torch::rand({n}, gen);
  torch::Tensor out = torch::empty({n});
  torch::Tensor z = torch::randn({n}, gen);
  double acc = 0;
  torch::Tensor assigned = torch::zeros({n}, torch::kBool);
  for (const auto& c : kGmm1d) {
    acc += c.weight;
    torch::Tensor take = (u < acc) & ~assigned;
    out = torch::where(take, c.mean + c.std * z, out);
    assigned = assigned | take;
  }
  return out.unsqueeze(1);
}

}  // namespace

bool is_toy_distribution(const std::string& id) {
  return id == "ring8" || id == "grid25" || id == "moons" || id == "spiral" ||
         id == "checkerboard" || id == "gmm1d" || id == "drawn";
}

double gmm1d_density(double x) {
  double p = 0;
  for (const auto& c : kGmm1d) {
    p += c.weight * std::exp(-0.5 * std::pow((x - c.mean) / c.std, 2)) / (c.std * std::sqrt(2 * kPi));
  }
  return p;
}

ImageDataset make_toy_distribution(const std::string& id, int64_t n, uint64_t seed,
                                   const std::vector<float>& drawn_xy) {
  if (n < 1) throw Error("A toy distribution needs at least one point.");
  ImageDataset d;
  d.id = id;
  d.shape = ImageShape{2, 1, 1, true};
  std::function<torch::Tensor(int64_t, torch::Generator&)> sample;
  if (id == "ring8" || id == "grid25") {
    d.modes = id == "ring8" ? ring_modes() : grid_modes();
    d.mode_std = kModeStd;
    auto modes = d.modes;
    sample = [modes](int64_t k, torch::Generator& g) { return mixture(modes, kModeStd, k, g); };
  } else if (id == "moons") {
    sample = moons;
  } else if (id == "spiral") {
    sample = spiral;
  } else if (id == "checkerboard") {
    sample = checkerboard;
  } else if (id == "gmm1d") {
    d.shape = ImageShape{1, 1, 1, true};
    sample = gmm1d;
  } else if (id == "drawn") {
    if (drawn_xy.size() < 2 || drawn_xy.size() % 2 != 0) {
      throw Error("Draw some points on the canvas first: the drawn distribution is empty.");
    }
    std::vector<std::vector<float>> centres;
    for (size_t i = 0; i + 1 < drawn_xy.size(); i += 2) centres.push_back({drawn_xy[i], drawn_xy[i + 1]});
    sample = [centres](int64_t k, torch::Generator& g) { return mixture(centres, 0.08, k, g); };
  } else {
    throw Error("Unknown toy distribution '" + id + "'.");
  }
  auto gen = generator(seed);
  d.train_images = sample(n, gen).contiguous();
  auto test_gen = generator(seed + 1);
  d.test_images = sample(std::min<int64_t>(n, 2000), test_gen).contiguous();
  d.draw = [sample](int64_t k, uint64_t s) {
    auto g = generator(s);
    return sample(k, g);
  };
  d.description = id + ": " + std::to_string(n) + " " + d.shape.text();
  return d;
}

}  // namespace gs
