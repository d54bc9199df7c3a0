// nllheatmap.h — a per-pixel negative log-likelihood map (gs::PixelLikelihood)
// as a colour image: dark blue where the model finds the pixel likely (0 nats),
// through red to yellow at `maxNats` and above.
//
// Ownership: a free function returning a new image. Thread affinity: any
// thread. Failure modes: an empty map gives a null image.
#pragma once

#include <QImage>

#include "core/explore/pixel_explorer.h"

QImage nllHeatmap(const gs::PixelLikelihood &likelihood, double maxNats);
