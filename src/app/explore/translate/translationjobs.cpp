#include "explore/translate/translationjobs.h"

#include "support/imageconvert.h"

namespace {
constexpr const char *kDomainsKey = "domains";
}

namespace TranslationJobs {

const QString kDomainsSetup = QStringLiteral("translation domains");

std::function<TranslationResult(const ExploreJobContext &)>
translate(const TranslateSource &source, bool aToB, bool keepFrames)
{
    return [source, aToB, keepFrames](const ExploreJobContext &context) {
        TranslationResult result;
        result.ticket = context.ticket;
        result.step = context.step;
        const gs::Image input = !source.image.empty()
            ? source.image
            : context.data.dataset_image(source.index, source.domain);
        auto views = std::make_shared<gs::TranslationViews>(
            context.model.translation_views(input, aToB));
        for (const gs::Image *image : {&views->input, &views->forward, &views->cycle, &views->identity})
            result.images << (image->empty() ? QImage() : toQImage(*image));
        if (keepFrames)
            result.frames = {views->input, views->forward, views->cycle, views->identity};
        result.translation = std::move(views);
        return result;
    };
}

ExplorationWorker::ModelSetup domainsSetup()
{
    return [](gs::Explorer &model, ExplorerInfo &info) {
        info.details.insert(QLatin1String(kDomainsKey), model.dataset_domains());
    };
}

int domains(const ExplorerInfo &info)
{
    return info.detail(kDomainsKey, 1).toInt();
}

} // namespace TranslationJobs
