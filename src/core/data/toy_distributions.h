// toy_distributions.h — low-dimensional teaching distributions for the
// playground: ring8 (8 Gaussians on a circle of radius 2), grid25 (5×5
// Gaussians, spacing 2), two moons, spiral, checkerboard, gmm1d (a 1-D
// three-component mixture) and "drawn" (a mixture of small Gaussians around
// points a person drew). All are generated in code from a seed.
//
// Ownership: returns an ImageDataset by value (shape.points = true). Thread
// affinity: none. Failure modes: gs::Error for an unknown id or a drawn
// distribution without points.
#pragma once

#include <string>
#include <vector>

#include "core/data/image_dataset.h"

namespace gs {

bool is_toy_distribution(const std::string& id);

// n training points; drawn_xy holds x0, y0, x1, y1, … for id "drawn".
ImageDataset make_toy_distribution(const std::string& id, int64_t n, uint64_t seed,
                                   const std::vector<float>& drawn_xy = {});

// Density of gmm1d at x (for the 1-D view's true curve).
double gmm1d_density(double x);

}  // namespace gs
