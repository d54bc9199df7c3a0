#include "explore/styledetails.h"

#include "core/model/capabilities.h"
#include "support/imageconvert.h"

namespace {
constexpr const char *kLayersKey = "styleLayers";
constexpr const char *kTruncationKey = "truncation";
const QString kWSpace = QStringLiteral("w");
} // namespace

namespace StyleDetails {

const QString kSetupName = QStringLiteral("style space");

ExplorationWorker::ModelSetup setup(bool wSpace, double psi)
{
    return [wSpace, psi](gs::Explorer &model, ExplorerInfo &info) {
        if (!(model.capabilities() & gs::kHasStyles))
            return;
        model.set_w_space(wSpace);
        model.set_truncation(psi);
        info.details.insert(QLatin1String(kLayersKey), model.style_layers());
        info.details.insert(QLatin1String(ExplorerInfo::kLatentSpaceKey),
                            wSpace ? kWSpace : QString());
        info.details.insert(QLatin1String(kTruncationKey), psi);
        info.latentDim = model.latent_dim();
    };
}

int layers(const ExplorerInfo &info)
{
    return info.hasStyles() ? info.detail(kLayersKey, 0).toInt() : 0;
}

bool wSpace(const ExplorerInfo &info)
{
    return info.detail(ExplorerInfo::kLatentSpaceKey).toString() == kWSpace;
}

double truncation(const ExplorerInfo &info)
{
    return info.detail(kTruncationKey, 1.0).toDouble();
}

LatentJobs::Job styleMixes(const std::vector<gs::StyleMix> &mixes)
{
    return [mixes](const ExploreJobContext &context) {
        ExploreResult result = LatentJobs::stamped(context);
        for (const gs::StyleMix &mix : mixes)
            result.images << toQImage(context.model.style_mix(mix));
        return result;
    };
}

} // namespace StyleDetails
