// latentpanel_requests.cpp — LatentPanel's jobs on the exploration thread
// (preview, sweep, seed, encode, principal directions, the spread of the
// codes) and their replies.
#include "explore/latent/latentpanel.h"

#include <QTimer>

#include <algorithm>
#include <cmath>

#include "explore/latent/latentcontrols.h"
#include "explore/latent/latentsliders.h"
#include "explore/latent/sweepview.h"
#include "widgets/imageview.h"

namespace {
constexpr int kDirectionSamples = 2000;
constexpr int kSpreadSamples = 1000; // test images whose codes rate the dimensions
// Priorities (ExplorationWorker: lower runs first).
constexpr int kPreviewPriority = 20;
constexpr int kEncodePriority = 60;
constexpr int kSeedPriority = 80;
constexpr int kSweepPriority = 90;
constexpr int kDirectionsPriority = 140;
constexpr int kSpreadPriority = 150;
} // namespace

const QString LatentPanel::kPreviewPurpose = QStringLiteral("preview");

quint64 LatentPanel::submit(const QString &purpose, int priority, LatentJobs::Job job,
                            void (LatentPanel::*onReply)(const ExploreResult &),
                            const quint64 *reportFailuresOf)
{
    return mWorker->submit(
        {this, purpose, priority}, std::move(job),
        [this, onReply](const ExploreResultPtr &result) { (this->*onReply)(*result); },
        [this, reportFailuresOf](quint64 ticket, const QString &message) {
            if (reportFailuresOf && ticket == *reportFailuresOf)
                emit error(message);
        });
}

void LatentPanel::requestPreview()
{
    if (!mInfo.isValid() || mLatent.empty())
        return;
    mRequestedTicket = submit(kPreviewPurpose, kPreviewPriority, LatentJobs::decode({mLatent}),
                              &LatentPanel::onPreview, &mRequestedTicket);
    updateCaption();
    if (!mSweepTimer->isActive())
        mSweepTimer->start();
}

void LatentPanel::requestSeed()
{
    mSeedTicket = submit(QStringLiteral("seed"), kSeedPriority,
                         LatentJobs::resolveSources({LatentSource::fromSeed(seed())}, false),
                         &LatentPanel::onSeed, &mSeedTicket);
}

void LatentPanel::requestEncode(const LatentSource &source)
{
    mEncodeTicket = submit(QStringLiteral("encode"), kEncodePriority,
                           LatentJobs::resolveSources({source}, false), &LatentPanel::onEncoded,
                           &mEncodeTicket);
}

void LatentPanel::requestSweep()
{
    if (!mInfo.isValid() || mLatent.empty() || mSliders->count() == 0)
        return;
    const size_t target = size_t(std::clamp(mSweep->target(), 0, mSliders->count() - 1));
    std::vector<gs::Latent> latents;
    for (int f = 0; f < mSweep->frames(); ++f) {
        const double t = mSweep->frameValue(f);
        gs::Latent z = mMode == Mode::Directions ? mEdit.with(int(target), t) : mLatent;
        if (mMode == Mode::Dimensions)
            z[target] = float(t);
        latents.push_back(std::move(z));
    }
    mSweepTicket = submit(QStringLiteral("sweep"), kSweepPriority, LatentJobs::decode(latents),
                          &LatentPanel::onSweep, nullptr);
}

void LatentPanel::requestDirections()
{
    if (!mInfo.isValid())
        return;
    mDirectionsTicket = submit(QStringLiteral("directions"), kDirectionsPriority,
                               LatentJobs::directions(mControls->directionCount(), kDirectionSamples),
                               &LatentPanel::onDirections, &mDirectionsTicket);
    mDirectionsAge.start();
}

void LatentPanel::requestSpread()
{
    if (mInfo.canEncode() && dimensionsAvailable()) {
        mSpreadTicket = submit(QStringLiteral("spread"), kSpreadPriority,
                               LatentJobs::latentMap(kSpreadSamples), &LatentPanel::onSpread,
                               nullptr);
        mDirectionsAge.start();
    }
}

void LatentPanel::adoptSpread(const gs::LatentMap &map)
{
    // The standard deviation of the test images' codes along each dimension.
    const size_t dims = size_t(std::max(0, map.dims));
    const size_t n = dims ? map.codes.size() / dims : 0;
    if (n < 2 || int(dims) != mInfo.latentDim)
        return;
    std::vector<float> spread(dims, 0.0f);
    for (size_t d = 0; d < dims; ++d) {
        double sum = 0;
        double squares = 0;
        for (size_t p = 0; p < n; ++p) {
            const double v = map.codes[p * dims + d];
            sum += v;
            squares += v * v;
        }
        const double mean = sum / double(n);
        spread[d] = float(std::sqrt(std::max(0.0, squares / double(n) - mean * mean)));
    }
    mSliders->setSpread(spread);
    const int widest = int(std::max_element(spread.begin(), spread.end()) - spread.begin());
    const auto used = std::count_if(spread.begin(), spread.end(),
                                    [](float s) { return s >= LatentSliders::kLittleUsed; });
    mSpreadInfo = tr("The encoder uses %1 of the %2 dimensions; the greyed ones hardly vary "
                     "over the test images. The widest is z%3.")
                      .arg(used)
                      .arg(dims)
                      .arg(widest);
    if (mMode == Mode::Dimensions)
        mControls->setInfo(mSpreadInfo);
    if (mAutoSweep && mMode == Mode::Dimensions) // sweep the dimension used most
        mSweep->setTarget(widest);
}

void LatentPanel::onPreview(const ExploreResult &result)
{
    // An image older than the one shown never replaces it.
    if (result.ticket > mShownTicket && !result.images.isEmpty()) {
        mShownTicket = result.ticket;
        mPreview->setImage(result.images.first());
        emit previewShown(result.ticket);
    }
}

void LatentPanel::onSweep(const ExploreResult &result)
{
    if (result.ticket == mSweepTicket)
        mSweep->setFrames(result.images);
}

void LatentPanel::onSeed(const ExploreResult &result)
{
    if (result.ticket == mSeedTicket && !result.latents.empty())
        setLatent(result.latents.front(), tr("seed %1").arg(seed()));
}

void LatentPanel::onEncoded(const ExploreResult &result)
{
    if (result.ticket == mEncodeTicket && !result.latents.empty()) {
        setLatent(result.latents.front(), mEncodeLabel);
        emit notice(tr("Started from the latent of %1.").arg(mEncodeLabel));
    }
}

void LatentPanel::onDirections(const ExploreResult &result)
{
    if (result.ticket == mDirectionsTicket)
        adoptDirections(result.directions);
}

void LatentPanel::onSpread(const ExploreResult &result)
{
    if (result.ticket == mSpreadTicket && result.map)
        adoptSpread(*result.map);
}

void LatentPanel::adoptDirections(const gs::Directions &directions)
{
    mEdit.setDirections(directions); // the edits stay, the signs too
    if (mMode == Mode::Directions) {
        showSliders(); // new rows only when the count changed
        mLatent = mEdit.latent();
        requestPreview();
    }
    emit directionsChanged();
}
