// capabilities.h — what a generative model can do. Front ends enable panels
// from these flags, never from concrete model types. Three flags go with a
// side interface of GenerativeModel (generative_model.h): a model has
// kHasStyles exactly when styles() is non-null, kCanTranslate exactly when
// translator() is, kCanScore exactly when critic() is, kCanLogProb exactly
// when likelihood() is, kInvertible exactly when flow() is, kSamplesPixels
// exactly when pixel_sampler() is, kIterative exactly when diffusion() is,
// kHasEnergy exactly when energy() is, kGeneratesText exactly when text() is,
// kClassConditional exactly when conditional() is.
//
// Ownership: constants. Thread affinity: none. Failure modes: none.
#pragma once

#include <string>

namespace gs {

enum Capability : unsigned {
  kCanSample = 1u << 0,       // draws images from noise
  kCanEncode = 1u << 1,       // image -> latent
  kCanDecode = 1u << 2,       // latent -> image
  kCanLogProb = 1u << 3,      // exact or bounded log-likelihood (likelihood())
  kCanTranslate = 1u << 4,    // image -> image in another domain (translator())
  kCanReconstruct = 1u << 5,  // image -> latent -> image
  kCanScore = 1u << 6,        // a critic / density field over data space (critic(); playground heatmap)
  kAdversarial = 1u << 7,     // separate generator and discriminator steps
  kHasStyles = 1u << 8,       // per-layer styles w (styles(); style mixing, truncation)
  kTranslatesBack = 1u << 9,  // translates B→A as well as A→B (cycle, identity)
  kInvertible = 1u << 10,     // a normalising flow, x ⇄ z exactly (flow())
  kSamplesPixels = 1u << 11,  // autoregressive over pixels (pixel_sampler())
  kIterative = 1u << 12,      // iterative denoising sampler, diffusion (diffusion())
  kHasEnergy = 1u << 13,      // an energy function and Gibbs sampling, RBM (energy())
  kGeneratesText = 1u << 14,  // autoregressive text over characters (text())
  kClassConditional = 1u << 15,  // trains on class labels and samples a chosen class (conditional())
};

// "sample encode decode ..." for listings.
std::string describe_capabilities(unsigned flags);

}  // namespace gs
