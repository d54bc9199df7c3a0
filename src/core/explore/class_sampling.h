// class_sampling.h — the torch-free facade of class-conditional models
// (class_conditional.h) for the studio and `genstudio-cli sample --class K
// [--guidance W]`: the classes a model learned and image grids of a chosen
// class, with the classifier-free guidance scale w chosen at sampling time.
//
// Ownership: borrows the Explorer. Thread affinity: the Explorer's (the
// exploration thread in the studio); the calls block while the model samples.
// Failure modes: gs::Error with a sentence — a model that learned no classes,
// a class outside −1 … K−1, w negative or not finite (or w ≠ 0 for a model
// without guidance), n outside 1 … 1024.
#pragma once

#include <string>
#include <vector>

#include "core/common/image.h"
#include "core/explore/explorer.h"

namespace gs {

// The class names of a class-conditional model (label k is names[k]); empty for
// any other model.
std::vector<std::string> model_class_names(const Explorer& explorer);

struct ClassGridRequest {
  int class_label = -1;   // −1: any class (the unconditional model)
  double guidance = 0.0;  // classifier-free guidance w (diffusion); 0: the conditional model alone
  int n = 64;
  unsigned long seed = 1; // fixes the starting noise: the same seed at other w changes only the guidance
};

Image sample_class_grid(const Explorer& explorer, const ClassGridRequest& request);

}  // namespace gs
