// timeline_explorer.h — what the checkpoint timeline shows of one checkpoint:
// the run's fixed view, rendered exactly as training shows it, so frames of
// one run differ only by the weights: the session's fixed latent batch (the
// run's seed) decoded as a grid, the generated points over the data for point
// datasets, the fixed test images translated for translators, or the fixed
// prompt continued with a fixed seed for text models.
//
// Ownership: free functions on a gs::Explorer the caller owns (one the caller
// opened for that checkpoint, usually). Thread affinity: the explorer's thread
// (the exploration thread). Failure modes: gs::Error with a sentence when the
// model has nothing to show (it cannot sample, translate or write text) or
// its dataset cannot be loaded for a view that needs it (points, translations).
#pragma once

#include <string>

#include "core/common/image.h"

namespace gs {

class Explorer;

struct TimelineFrame {
  long step = 0;
  Image image;       // empty for text models
  std::string text;  // text models: the prompt followed by its continuation
};

// Whether models with these capability flags have a timeline frame.
bool timeline_supported(unsigned capabilities);

TimelineFrame render_timeline_frame(const Explorer& explorer, int plane_size = 360);

}  // namespace gs
