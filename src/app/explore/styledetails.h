// styledetails.h — what style-based generators (ExplorerInfo::hasStyles, the
// kHasStyles capability) bring to the Explore tab beyond every model: the model
// setup that puts their latent views in z or w with a truncation ψ and records
// their style layers in ExplorerInfo::details, the accessors of those details,
// and the style-mixing job of the Style mix view.
//
// Ownership: free functions and values. Thread affinity: the setup and the job
// run on the exploration thread (ExplorationWorker::setModelSetup, submit); the
// accessors anywhere. Failure modes: models without styles are left alone by
// the setup and read as z, ψ 1, no layers; the job throws gs::Error for a mix
// the model refuses, which reaches the requester's failure callback.
#pragma once

#include <functional>
#include <vector>

#include "explore/explorationworker.h"
#include "explore/latentjobs.h"

namespace StyleDetails {

extern const QString kSetupName;
// Every later copy of a style-based model explores w (`wSpace`) or z, with
// decodes truncated by `psi`; other models are left alone.
ExplorationWorker::ModelSetup setup(bool wSpace, double psi);

int layers(const ExplorerInfo &info);     // 0 for models without styles
bool wSpace(const ExplorerInfo &info);    // the latent views explore w
double truncation(const ExplorerInfo &info);

// Style-mixed images in one job, in order (Explorer::style_mix).
LatentJobs::Job styleMixes(const std::vector<gs::StyleMix> &mixes);

} // namespace StyleDetails
