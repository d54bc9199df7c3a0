// latentjobs.h — the latent-space jobs several explorer views share (decode,
// resolve seeds and images to latents, interpolate, principal directions, the
// encoded test set, dataset images), built here and submitted by the views to
// the ExplorationWorker, which runs them without knowing what they are.
//
// Ownership: values. Thread affinity: the builders run anywhere; the jobs they
// return run on the exploration thread (ExplorationWorker::submit) and fill an
// ExploreResult the requester receives on the GUI thread. Failure modes: a job
// throws gs::Error (a model that cannot encode, a latent of the wrong size, no
// dataset) and the requester's failure callback gets the sentence.
#pragma once

#include <QImage>
#include <QVector>

#include <functional>
#include <memory>
#include <vector>

#include "explore/explorationworker.h"

// Where a latent comes from; resolved with the current weights on the worker
// thread (so encoded images follow the encoder while training goes on).
struct LatentSource
{
    enum class Kind { Latent, Seed, Image, DatasetImage };
    Kind kind = Kind::Latent;
    gs::Latent latent;      // Kind::Latent
    unsigned long seed = 0; // Kind::Seed: Explorer::random_latent(seed)
    gs::Image image;        // Kind::Image: encoded
    int index = -1;         // Kind::DatasetImage: test image, encoded

    static LatentSource fromLatent(const gs::Latent &z);
    static LatentSource fromSeed(unsigned long seed);
    static LatentSource fromImage(const gs::Image &image);
    static LatentSource fromDatasetImage(int index);
};

// One finished latent job. Which fields are filled depends on the job.
struct ExploreResult
{
    quint64 ticket = 0;
    quint64 generation = 0; // the model it was computed with
    qint64 step = 0;
    std::vector<gs::Latent> latents; // resolved or decoded latents, interpolation path
    QVector<QImage> images;          // decoded (or dataset) images, one per latent / index
    std::vector<gs::Image> frames;   // the same images for export, when asked for
    gs::Directions directions;
    std::shared_ptr<const gs::LatentMap> map;
    QVector<int> indices;  // dataset images: which ones
    int datasetSize = 0;   // dataset images: how many there are
};
using ExploreResultPtr = std::shared_ptr<const ExploreResult>;

namespace LatentJobs {

using Job = std::function<ExploreResult(const ExploreJobContext &)>;

// The result's ticket, generation and step from the context.
ExploreResult stamped(const ExploreJobContext &context);
gs::Latent resolve(const ExploreJobContext &context, const LatentSource &source);
void appendImages(ExploreResult &result, std::vector<gs::Image> frames, bool keepFrames);

// Decoded images of the latents.
Job decode(const std::vector<gs::Latent> &latents, bool keepFrames = false);
// The latents of the sources, and their decoded images when `alsoDecode`.
Job resolveSources(const std::vector<LatentSource> &sources, bool alsoDecode);
// Endpoints resolved, then the path (latents) and its decoded frames.
Job interpolate(const std::vector<LatentSource> &endpoints, int framesPerSegment, bool slerp,
                bool keepFrames);
Job directions(int count, int samples = 2000);
// The encoded test set, and the first two principal directions of the codes.
Job latentMap(int maxPoints);
// Test images by index (for hover previews and the browser); `domain` 0 or 1
// for two-domain datasets, −1 for the others.
Job datasetImages(const QVector<int> &indices, int domain = -1);

} // namespace LatentJobs
