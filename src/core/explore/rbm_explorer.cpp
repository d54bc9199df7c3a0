#include "core/explore/rbm_explorer.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <chrono>

#include "core/common/translate_errors.h"
#include "core/explore/explorer.h"
#include "core/metrics/energy_eval.h"
#include "core/train/session_impl.h"

namespace gs {
namespace {

constexpr int kMaxChains = 64;

// One row up to 4 chains, then two rows (8 chains: 2 × 4), at most 8 columns.
int grid_columns(int count) { return count <= 4 ? count : std::min(8, (count + 1) / 2); }

EnergyModel& energy_of(const Explorer& explorer) { return *explorer.internals().model->energy(); }

void check_count(int count) {
  if (count < 1 || count > kMaxChains) throw Error("Run between 1 and 64 Gibbs chains at a time.");
}

const torch::Tensor& test_pool(TrainingSession::Impl& impl) {
  impl.ensure_data();
  return impl.data->test_size() > 0 ? impl.data->test_images : impl.data->train_images;
}

torch::Tensor state_tensor(const GibbsChain& chain) {
  return torch::from_blob(const_cast<uint8_t*>(chain.state.data()),
                          {chain.count, chain.channels, chain.height, chain.width}, torch::kUInt8)
      .to(torch::kFloat32);
}

GibbsChain chain_of(const torch::Tensor& v, const torch::Tensor& clamp) {
  GibbsChain c;
  c.count = static_cast<int>(v.size(0));
  c.channels = static_cast<int>(v.size(1));
  c.height = static_cast<int>(v.size(2));
  c.width = static_cast<int>(v.size(3));
  const torch::Tensor bytes = v.to(torch::kUInt8).contiguous();
  c.state.assign(bytes.data_ptr<uint8_t>(), bytes.data_ptr<uint8_t>() + bytes.numel());
  if (clamp.defined()) {
    const torch::Tensor m = clamp.to(torch::kUInt8).contiguous();
    c.clamp.assign(m.data_ptr<uint8_t>(), m.data_ptr<uint8_t>() + m.numel());
  }
  return c;
}

}  // namespace

RbmExplorer::RbmExplorer(const Explorer& model, const Explorer& data) : explorer_(model), data_(data) {
  if (!model.internals().model->energy()) {
    throw Error("This model has no energy function; the Gibbs explorer needs an energy model such as the RBM.");
  }
}

int RbmExplorer::width() const { return explorer_.image_width(); }
int RbmExplorer::height() const { return explorer_.image_height(); }
int RbmExplorer::hidden_units() const { return static_cast<int>(energy_of(explorer_).hidden_units()); }
int RbmExplorer::test_images() const { return data_.dataset_size(); }

Image RbmExplorer::filters(int max_count, int columns) const {
  return translate_errors("Drawing the filters", [&] {
    if (max_count < 1 || columns < 1) throw Error("Show at least one filter in at least one column.");
    c10::InferenceMode guard;
    torch::Tensor f = energy_of(explorer_).filters();
    f = f.narrow(0, 0, std::min<int64_t>(max_count, f.size(0)));
    const torch::Tensor scale = f.abs().amax({1, 2, 3}, true).clamp_min(1e-8);
    return make_image_grid((f / scale * 0.5 + 0.5).clamp(0, 1), columns);
  });
}

Image RbmExplorer::binary_test_image(int index) const {
  return translate_errors("Reading the dataset", [&] {
    const torch::Tensor& pool = test_pool(data_.internals());
    if (index < 0 || index >= pool.size(0)) throw Error("There is no test image number " + std::to_string(index) + ".");
    c10::InferenceMode guard;
    auto gen = at::make_generator<at::CPUGeneratorImpl>(static_cast<uint64_t>(index) + 1);
    return make_image_grid(energy_of(explorer_).binarize(pool.narrow(0, index, 1), &gen), 1, 0);
  });
}

GibbsChain RbmExplorer::chain_from_noise(int count, unsigned long seed) const {
  return translate_errors("Starting the Gibbs chain", [&] {
    check_count(count);
    auto& impl = explorer_.internals();
    auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    c10::InferenceMode guard;
    const ImageShape& s = impl.shape;
    return chain_of(torch::bernoulli(torch::full({count, s.channels, s.height, s.width}, 0.5), gen), {});
  });
}

GibbsChain RbmExplorer::chain_from_test_image(int index, int count, bool clamp_top_half, unsigned long seed) const {
  return translate_errors("Starting the Gibbs chain", [&] {
    check_count(count);
    auto& impl = explorer_.internals();
    const torch::Tensor& pool = test_pool(data_.internals());
    if (index < 0 || index >= pool.size(0)) throw Error("There is no test image number " + std::to_string(index) + ".");
    c10::InferenceMode guard;
    auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    auto image_gen = at::make_generator<at::CPUGeneratorImpl>(static_cast<uint64_t>(index) + 1);
    torch::Tensor v = energy_of(explorer_).binarize(pool.narrow(0, index, 1), &image_gen).expand(
        {count, -1, -1, -1}).clone();
    if (!clamp_top_half) return chain_of(v, {});
    const ImageShape& s = impl.shape;
    torch::Tensor clamp = torch::zeros({s.channels, s.height, s.width}, torch::kBool);
    clamp.narrow(1, 0, s.height / 2).fill_(true);
    const torch::Tensor noise = torch::bernoulli(torch::full(v.sizes(), 0.5), gen);
    return chain_of(torch::where(clamp.unsqueeze(0), v, noise), clamp);
  });
}

GibbsFrame RbmExplorer::advance(GibbsChain& chain, int steps, unsigned long seed) const {
  return translate_errors("Running the Gibbs chain", [&] {
    if (steps < 1 || steps > 1000) throw Error("Advance the chain by 1 to 1000 Gibbs steps at a time.");
    const ImageShape& s = explorer_.internals().shape;
    if (chain.empty() || chain.width != s.width || chain.height != s.height || chain.channels != s.channels ||
        chain.state.size() != static_cast<size_t>(chain.count) * s.numel()) {
      throw Error("The Gibbs chain was started for another model; start it again.");
    }
    const auto t0 = std::chrono::steady_clock::now();
    c10::InferenceMode guard;
    auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    const torch::Tensor v0 = state_tensor(chain);
    torch::Tensor clamp;
    if (!chain.clamp.empty()) {
      clamp = torch::from_blob(chain.clamp.data(), {1, s.channels, s.height, s.width}, torch::kUInt8)
                  .to(torch::kBool)
                  .expand(v0.sizes())
                  .contiguous();
    }
    torch::Tensor state;
    const torch::Tensor pv = energy_of(explorer_).gibbs(v0, steps, clamp, gen, &state);
    const GibbsChain next = chain_of(state, {});
    chain.state = next.state;
    chain.steps += steps;
    GibbsFrame f;
    f.grid = make_image_grid(pv, grid_columns(chain.count));
    f.steps = chain.steps;
    f.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return f;
  });
}

Image RbmExplorer::chain_image(const GibbsChain& chain) const {
  return translate_errors("Drawing the Gibbs chain", [&] {
    if (chain.empty()) throw Error("The Gibbs chain has not been started.");
    return make_image_grid(state_tensor(chain), grid_columns(chain.count));
  });
}

RbmAisSummary RbmExplorer::ais(int runs, int temperatures, long limit,
                               const std::function<bool(double)>& progress) const {
  return translate_errors("Estimating the log-likelihood", [&] {
    if (runs < 1 || runs > 10000) throw Error("Use between 1 and 10000 AIS runs.");
    if (temperatures < 2 || temperatures > 1000000) throw Error("Use between 2 and 1000000 AIS temperatures.");
    if (limit < 0) throw Error("The number of test images cannot be negative.");
    auto& impl = data_.internals();
    impl.ensure_data();
    if (impl.data->test_size() == 0) throw Error("The dataset has no test images to evaluate the log-likelihood on.");
    const torch::Tensor& test = impl.data->test_images;
    const torch::Tensor subset = limit > 0 ? test.narrow(0, 0, std::min<int64_t>(limit, test.size(0))) : test;
    const AisLikelihood r =
        ais_test_likelihood(*explorer_.internals().model, impl.data->train_images, subset, runs, temperatures, 20261,
                            [&](double done) { return !explorer_.cancel_requested() && (!progress || progress(done)); });
    explorer_.throw_if_cancelled();
    RbmAisSummary s;
    s.dataset = impl.data->description;
    s.images = r.images;
    s.runs = r.runs;
    s.temperatures = r.temperatures;
    s.log_z = r.log_z;
    s.log_z_spread = r.log_z_spread;
    s.log_z_base = r.log_z_base;
    s.test_log_likelihood = r.test_log_likelihood;
    s.test_log_likelihood_spread = r.spread;
    s.test_free_energy = r.test_free_energy;
    s.cancelled = r.cancelled;
    s.seconds = r.seconds;
    return s;
  });
}

}  // namespace gs
