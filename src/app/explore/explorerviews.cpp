// explorerviews.cpp — the Explore tab's views in tab order, one line each.
#include "explore/explorerviews.h"

#include "explore/anomaly/anomalyview.h"
#include "explore/diffusion/diffusionview.h"
#include "explore/explorerview.h"
#include "explore/flow/flowview.h"
#include "explore/interpolation/interpolationview.h"
#include "explore/latent/latentpanel.h"
#include "explore/map/latentmapview.h"
#include "explore/pixelcnn/pixelcnnview.h"
#include "explore/rbm/rbmview.h"
#include "explore/samples/samplesview.h"
#include "explore/stylemix/stylemixview.h"
#include "explore/text/textview.h"
#include "explore/timeline/timelineview.h"
#include "explore/translate/translationview.h"

namespace {

template<typename View> ExplorerView *withBookmarks(ExplorerHost &host)
{
    return new View(host.worker(), host.bookmarkStore());
}

template<typename View> ExplorerView *plain(ExplorerHost &host)
{
    return new View(host.worker());
}

} // namespace

const std::vector<ExplorerViewEntry> &explorerViewEntries()
{
    static const std::vector<ExplorerViewEntry> entries{
        {QStringLiteral("latent"), &withBookmarks<LatentPanel>},
        {QStringLiteral("map"), &plain<LatentMapView>},
        {QStringLiteral("interpolation"), &withBookmarks<InterpolationView>},
        {QStringLiteral("style"), &withBookmarks<StyleMixView>},
        {QStringLiteral("translate"), &plain<TranslationView>},
        {QStringLiteral("samples"), &plain<SamplesView>},
        {QStringLiteral("flow"), &plain<FlowView>},
        {QStringLiteral("pixels"), &plain<PixelCnnView>},
        {QStringLiteral("anomaly"), &plain<AnomalyView>},
        {QStringLiteral("diffusion"), &plain<DiffusionView>},
        {QStringLiteral("gibbs"), &plain<RbmView>},
        {QStringLiteral("textgen"), &plain<TextView>},
        {QStringLiteral("timeline"), &plain<TimelineView>},
    };
    return entries;
}

QStringList explorerViewIds()
{
    QStringList ids;
    for (const ExplorerViewEntry &entry : explorerViewEntries())
        ids << entry.id;
    return ids;
}
