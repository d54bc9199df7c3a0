#include "explore/latentjobs.h"

#include <algorithm>

#include "support/imageconvert.h"

LatentSource LatentSource::fromLatent(const gs::Latent &z)
{
    LatentSource s;
    s.kind = Kind::Latent;
    s.latent = z;
    return s;
}

LatentSource LatentSource::fromSeed(unsigned long seed)
{
    LatentSource s;
    s.kind = Kind::Seed;
    s.seed = seed;
    return s;
}

LatentSource LatentSource::fromImage(const gs::Image &image)
{
    LatentSource s;
    s.kind = Kind::Image;
    s.image = image;
    return s;
}

LatentSource LatentSource::fromDatasetImage(int index)
{
    LatentSource s;
    s.kind = Kind::DatasetImage;
    s.index = index;
    return s;
}

namespace LatentJobs {

ExploreResult stamped(const ExploreJobContext &context)
{
    ExploreResult result;
    result.ticket = context.ticket;
    result.generation = context.generation;
    result.step = context.step;
    return result;
}

gs::Latent resolve(const ExploreJobContext &context, const LatentSource &source)
{
    switch (source.kind) {
    case LatentSource::Kind::Latent:
        return source.latent;
    case LatentSource::Kind::Seed:
        return context.model.random_latent(source.seed);
    case LatentSource::Kind::Image:
        return context.model.encode(source.image);
    case LatentSource::Kind::DatasetImage:
        return context.model.encode(context.data.dataset_image(source.index));
    }
    return {};
}

void appendImages(ExploreResult &result, std::vector<gs::Image> frames, bool keepFrames)
{
    for (const gs::Image &frame : frames)
        result.images << toQImage(frame);
    if (keepFrames)
        result.frames = std::move(frames);
}

Job decode(const std::vector<gs::Latent> &latents, bool keepFrames)
{
    return [latents, keepFrames](const ExploreJobContext &context) {
        ExploreResult result = stamped(context);
        appendImages(result, context.model.decode_many(latents), keepFrames);
        result.latents = latents;
        return result;
    };
}

Job resolveSources(const std::vector<LatentSource> &sources, bool alsoDecode)
{
    return [sources, alsoDecode](const ExploreJobContext &context) {
        ExploreResult result = stamped(context);
        for (const LatentSource &source : sources)
            result.latents.push_back(resolve(context, source));
        if (alsoDecode)
            appendImages(result, context.model.decode_many(result.latents), false);
        return result;
    };
}

Job interpolate(const std::vector<LatentSource> &endpoints, int framesPerSegment, bool slerp,
                bool keepFrames)
{
    return [=](const ExploreJobContext &context) {
        ExploreResult result = stamped(context);
        std::vector<gs::Latent> resolved;
        for (const LatentSource &source : endpoints)
            resolved.push_back(resolve(context, source));
        result.latents = context.model.interpolate(resolved, framesPerSegment, slerp);
        appendImages(result, context.model.decode_many(result.latents), keepFrames);
        return result;
    };
}

Job directions(int count, int samples)
{
    return [count, samples](const ExploreJobContext &context) {
        ExploreResult result = stamped(context);
        result.directions = context.model.principal_directions(count, samples);
        return result;
    };
}

Job latentMap(int maxPoints)
{
    return [maxPoints](const ExploreJobContext &context) {
        ExploreResult result = stamped(context);
        result.map = std::make_shared<const gs::LatentMap>(context.model.latent_map(maxPoints));
        // The plane of the two largest principal components of these codes.
        if (result.map->dims >= 2)
            result.directions = context.model.principal_directions(
                2, std::max(2, int(result.map->labels.size())));
        return result;
    };
}

Job datasetImages(const QVector<int> &indices, int domain)
{
    return [indices, domain](const ExploreJobContext &context) {
        ExploreResult result = stamped(context);
        gs::Explorer &data = context.data;
        result.datasetSize = data.dataset_size();
        for (int index : indices) {
            if (index < 0 || index >= result.datasetSize)
                continue;
            result.images << toQImage(domain < 0 ? data.dataset_image(index)
                                                 : data.dataset_image(index, domain));
            result.indices << index;
        }
        return result;
    };
}

} // namespace LatentJobs
