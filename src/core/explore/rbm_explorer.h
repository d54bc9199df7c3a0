// rbm_explorer.h — the torch-free facade for exploring an energy model
// (EnergyModel, e.g. the RBM) through an Explorer: the learned filters as an
// image grid, Gibbs chains from noise or from a test image advanced a few
// steps at a time (the animation), clamped completion (a test image's top
// half fixed, the bottom half started from noise and filled in by the chain),
// and the AIS test log-likelihood with progress and cancel. Shared by the
// studio's Gibbs view and `genstudio-cli eval`.
//
// A chain is a value (GibbsChain) the caller keeps between calls, so a view
// can advance it frame by frame on the exploration thread while the model is
// refreshed from training in between.
//
// Ownership: borrows the Explorer(s) (which must outlive it); results are values.
// Thread affinity: the Explorer's (the exploration thread); calls block while
// the model runs. Failure modes: the constructor throws gs::Error when the
// model has no energy function; calls throw gs::Error with a sentence for
// counts, steps or indices out of range, a chain of another model size, or a
// dataset without test images (AIS).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/common/image.h"

namespace gs {

class Explorer;

// A batch of Gibbs chains over the visible units (binary states).
struct GibbsChain {
  int count = 0, width = 0, height = 0, channels = 0;
  std::vector<uint8_t> state;  // count × C·H·W, 0 or 1
  std::vector<uint8_t> clamp;  // C·H·W, 1 where a unit is fixed (empty: none)
  long steps = 0;              // Gibbs steps taken so far
  bool empty() const { return state.empty(); }
};

// What a person sees of a chain after some steps.
struct GibbsFrame {
  Image grid;        // the chains' visible probabilities (clamped units as fixed): one row up to 4, then two
  long steps = 0;
  double seconds = 0;
};

struct RbmAisSummary {
  std::string dataset;
  long images = 0;
  int runs = 0, temperatures = 0;
  double log_z = 0, log_z_spread = 0;        // log Ẑ and its standard error over the runs
  double log_z_base = 0;
  double test_log_likelihood = 0;            // mean −F(v) − log Ẑ over the binarised test images, nats
  double test_log_likelihood_spread = 0;     // = log_z_spread
  double test_free_energy = 0;
  bool cancelled = false;
  double seconds = 0;
};

class RbmExplorer {
 public:
  explicit RbmExplorer(const Explorer& explorer) : RbmExplorer(explorer, explorer) {}
  // The weights of `model` with the dataset `data` has loaded (another copy of
  // the same source, as the exploration thread keeps one for its dataset).
  RbmExplorer(const Explorer& model, const Explorer& data);

  int width() const;
  int height() const;
  int hidden_units() const;
  int test_images() const;

  // Up to `max_count` filters (the weights of each hidden unit), each scaled
  // to gray by its largest absolute weight (mid-gray = 0), in `columns` columns.
  Image filters(int max_count, int columns) const;
  // Test image `index` as the model's binary visible units.
  Image binary_test_image(int index) const;

  // `count` (1…64) chains from uniform binary noise.
  GibbsChain chain_from_noise(int count, unsigned long seed) const;
  // `count` (1…64) chains from test image `index`; with `clamp_top_half` the
  // top half is fixed to the image and the bottom half starts from noise.
  GibbsChain chain_from_test_image(int index, int count, bool clamp_top_half, unsigned long seed) const;
  // `steps` (1…1000) Gibbs steps; `chain` is updated in place.
  GibbsFrame advance(GibbsChain& chain, int steps, unsigned long seed) const;
  // The chain's current binary states, laid out as GibbsFrame::grid.
  Image chain_image(const GibbsChain& chain) const;

  // AIS over `runs` chains (1…10000) and `temperatures` β (2…1000000), then
  // the mean test log-likelihood of the first `limit` (0: all) test images.
  // `progress` gets fractions in [0, 1]; returning false cancels.
  RbmAisSummary ais(int runs, int temperatures, long limit = 0,
                    const std::function<bool(double)>& progress = {}) const;

 private:
  const Explorer& explorer_;
  const Explorer& data_;
};

}  // namespace gs
