// flow_explorer.h — what the Explore tab's Flow view asks of a normalising flow
// (a model whose flow() is non-null, kInvertible, on image data), torch-free:
// an image's round trip x → z → x with its error, its latent shown as a
// picture, its bits per dimension, and samples at a temperature.
//
// Ownership: free functions borrowing an Explorer (its own model copy).
// Thread affinity: the exploration thread (they run the explorer's model).
// Failure modes: gs::Error with a sentence for a model that is not an image
// flow, an image of another size than the model's, or a bad temperature/count.
#pragma once

#include <string>
#include <vector>

#include "core/common/image.h"
#include "core/explore/explorer.h"

namespace gs {

struct FlowRoundTrip {
  Image input;           // as the model sees it (its channel count)
  Image latent;          // z reshaped to C×H×W, ±3 mapped to black…white
  Image reconstruction;  // decode(encode(input))
  double max_error = 0;  // max |x − decode(encode(x))| over pixels, in [0, 1] units (before 8-bit rounding)
  double bits_per_dim = 0;  // of the input (the mean of a few dequantisation draws)
  double nll_nats = 0;
  bool nll_is_bound = false;
  double latent_std = 0;    // of z: near 1 for a typical image
  double seconds = 0;
};

FlowRoundTrip flow_round_trip(const Explorer& explorer, const Image& image);

// n samples decoded from z·T, z ~ N(0, I) from `seed`; one grid with `columns` tiles a row.
Image flow_samples(const Explorer& explorer, int n, int columns, unsigned long seed, double temperature);

}  // namespace gs
