// diffusionview_jobs.cpp — the Diffusion view's requests to the exploration
// thread (schedule, forward frame, reverse run, sampler comparison) and their
// replies; each keeps only the newest ticket of its purpose.
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>

#include <algorithm>
#include <cmath>

#include "explore/classpicker.h"
#include "explore/diffusion/diffusionview.h"
#include "explore/diffusion/guidancebox.h"
#include "explore/diffusion/samplercomparison.h"
#include "explore/diffusion/scheduleplot.h"
#include "support/imageconvert.h"
#include "widgets/imageview.h"

namespace {

// ExplorationWorker priorities: lower runs first.
constexpr int kSchedulePriority = 22;
constexpr int kForwardPriority = 25;
constexpr int kReversePriority = 45;
constexpr int kRowsPriority = 60;
constexpr int kComparePriority = 128;

struct ScheduleResult
{
    quint64 ticket = 0;
    gs::DiffusionSchedule schedule;
};

struct ForwardResult
{
    quint64 ticket = 0;
    gs::DiffusionForwardFrame frame;
    int testImages = 0;
};

struct ReverseResult
{
    quint64 ticket = 0;
    qint64 step = 0;
    std::shared_ptr<const gs::DiffusionRun> run;
};

struct RowsResult
{
    quint64 ticket = 0;
    qint64 step = 0;
    gs::Image rows;
};

struct CompareResult
{
    quint64 ticket = 0;
    qint64 step = 0;
    gs::DiffusionComparison comparison;
};

QString samplerText(const gs::DiffusionRunSettings &s)
{
    QString text = s.sampler == gs::DiffusionSamplerKind::DDPM
                       ? DiffusionView::tr("DDPM, %1 steps").arg(s.steps)
                       : DiffusionView::tr("DDIM, %1 steps, η = %2").arg(s.steps).arg(s.eta, 0, 'g', 2);
    if (s.class_label >= 0)
        text += DiffusionView::tr(", class %1 at w = %2").arg(s.class_label).arg(s.guidance, 0, 'g', 2);
    return text;
}

} // namespace

gs::DiffusionRunSettings DiffusionView::settings() const
{
    gs::DiffusionRunSettings s;
    s.sampler = gs::DiffusionSamplerKind(mSampler->currentData().toInt());
    s.steps = s.sampler == gs::DiffusionSamplerKind::DDPM ? mTimesteps : mSteps->value();
    s.eta = mEta->value();
    s.seed = static_cast<unsigned long>(mSeed->value());
    s.count = mCount->value();
    s.class_label = mGuidanceBox->classLabel();
    s.guidance = mGuidanceBox->guidance();
    return s;
}

void DiffusionView::requestSchedule()
{
    if (!isAvailable(mInfo))
        return;
    mRequestedSchedule = mWorker->submit(
        {this, QStringLiteral("schedule"), kSchedulePriority},
        [](const ExploreJobContext &context) {
            ScheduleResult result;
            result.ticket = context.ticket;
            result.schedule = gs::DiffusionExplorer(context.model).schedule();
            return result;
        },
        [this](const std::shared_ptr<const ScheduleResult> &result) {
            if (result->ticket != mRequestedSchedule)
                return;
            mShownSchedule = result->ticket;
            const gs::DiffusionSchedule &s = result->schedule;
            const bool first = mTimesteps != s.timesteps;
            mTimesteps = s.timesteps;
            mSchedule->setSchedule(QVector<double>(s.alpha_bar.begin(), s.alpha_bar.end()),
                                   QVector<double>(s.log_snr.begin(), s.log_snr.end()),
                                   QString::fromStdString(s.name));
            {
                const QSignalBlocker block(mSlider);
                mSlider->setRange(0, std::max(0, mTimesteps - 1));
                if (first)
                    mSlider->setValue(mSlider->maximum()); // start at pure noise
            }
            mSlider->setPageStep(std::max(1, mTimesteps / 10));
            {
                const QSignalBlocker block(mSteps);
                updateSamplerControls();
                if (first && mSteps->isEnabled())
                    mSteps->setValue(std::min(50, mTimesteps));
            }
            // A restored session's timestep, now that the scrubber has its range.
            mSessionControls.modelArrived(sessionControls());
            mSchedule->setCursor(mSlider->value());
        },
        [this](quint64 ticket, const QString &message) {
            if (ticket != mRequestedSchedule)
                return;
            mShownSchedule = ticket;
            emit error(message);
        });
}

void DiffusionView::requestForward()
{
    if (!isAvailable(mInfo))
        return;
    const int t = mTimesteps == 0 ? -1 : mSlider->value(); // before the schedule: T − 1
    const int index = mTestIndex->value();
    const gs::Image source = mSourceImage;
    const unsigned long seed = static_cast<unsigned long>(mSeed->value());
    mRequestedForward = mWorker->submit(
        {this, QStringLiteral("forward"), kForwardPriority},
        [t, index, source, seed](const ExploreJobContext &context) {
            ForwardResult result;
            result.ticket = context.ticket;
            result.testImages = context.data.dataset_size();
            const gs::Image image =
                source.empty() ? context.data.dataset_image(std::clamp(index, 0, std::max(0, result.testImages - 1)))
                               : source;
            const gs::DiffusionExplorer diffusion(context.model);
            result.frame = diffusion.forward(image, t < 0 ? diffusion.timesteps() - 1 : t, seed);
            return result;
        },
        [this](const std::shared_ptr<const ForwardResult> &result) {
            if (result->ticket != mRequestedForward)
                return;
            mShownForward = result->ticket;
            {
                const QSignalBlocker block(mTestIndex);
                mTestIndex->setRange(0, std::max(0, result->testImages - 1));
            }
            mForward = result->frame;
            mFwdXt->setImage(toQImage(mForward.x_t));
            mFwdX0Hat->setImage(toQImage(mForward.x0_hat));
            mFwdEps->setImage(toQImage(mForward.eps_hat));
            mFwdX0->setImage(toQImage(mForward.x0));
            mSource->setText(mSourceLabel.isEmpty() ? QString() : tr("noising %1").arg(mSourceLabel));
            mFwdCaption->setText(tr("t = %1 · ᾱ_t = %2 (signal %3%, noise %4%) · x̂₀ off by %5, ε̂ off by %6 (RMS)")
                                     .arg(mForward.t)
                                     .arg(mForward.alpha_bar, 0, 'f', 4)
                                     .arg(100.0 * std::sqrt(mForward.alpha_bar), 0, 'f', 0)
                                     .arg(100.0 * std::sqrt(1.0 - mForward.alpha_bar), 0, 'f', 0)
                                     .arg(mForward.x0_rmse, 0, 'f', 3)
                                     .arg(mForward.eps_rmse, 0, 'f', 3));
            emit forwardShown(mShownForward);
        },
        [this](quint64 ticket, const QString &message) {
            if (ticket != mRequestedForward)
                return;
            mShownForward = ticket;
            emit error(message);
        });
}

void DiffusionView::requestReverse()
{
    if (!isAvailable(mInfo))
        return;
    const gs::DiffusionRunSettings s = settings();
    const bool fit = mTimesteps == 0; // before the schedule: at most T steps
    mRequestedReverse = mWorker->submit(
        {this, QStringLiteral("reverse"), kReversePriority},
        [s, fit](const ExploreJobContext &context) {
            ReverseResult result;
            result.ticket = context.ticket;
            result.step = context.step;
            const gs::DiffusionExplorer diffusion(context.model);
            gs::DiffusionRunSettings fitted = s;
            if (fit)
                fitted.steps = fitted.sampler == gs::DiffusionSamplerKind::DDPM
                                   ? 0
                                   : std::min(fitted.steps, diffusion.timesteps());
            result.run = std::make_shared<const gs::DiffusionRun>(diffusion.reverse(fitted));
            return result;
        },
        [this](const std::shared_ptr<const ReverseResult> &result) {
            if (result->ticket != mRequestedReverse)
                return;
            mShownReverse = result->ticket;
            mRun = result->run;
            mRevFinal->setImage(toQImage(mRun->final));
            QString text = tr("%1 from seed %2 · %3 s · weights of step %4")
                               .arg(samplerText(mRun->settings))
                               .arg(mRun->settings.seed)
                               .arg(mRun->seconds, 0, 'f', 2)
                               .arg(result->step);
            if (mRun->stride > 1)
                text += tr(" · every %1th of the %2 steps recorded (%3 frames)")
                            .arg(mRun->stride)
                            .arg(mRun->settings.steps)
                            .arg(mRun->frames.size());
            mRevCaption->setText(text);
            showReverseFrame();
            if (mPlayOnArrival) {
                mPlayOnArrival = false;
                replay();
            } else {
                startComparison();
            }
            emit reverseShown(mShownReverse);
        },
        [this](quint64 ticket, const QString &message) {
            if (ticket != mRequestedReverse)
                return;
            mShownReverse = ticket;
            mPlayOnArrival = false;
            emit error(message);
        });
}

void DiffusionView::compare()
{
    mCompareWanted = true;
    requestComparison();
}

void DiffusionView::requestComparison()
{
    if (!isAvailable(mInfo) || !mCompareWanted)
        return;
    const unsigned long seed = static_cast<unsigned long>(mSeed->value());
    const int count = mCount->value();
    const double eta = mEta->value();
    const int label = mGuidanceBox->classLabel();
    const double w = mGuidanceBox->guidance();
    mComparison->setStatus(tr("Sampling seed %1 by every sampler…").arg(seed));
    mRequestedCompare = mWorker->submit(
        {this, QStringLiteral("compare"), kComparePriority},
        [seed, count, eta, label, w](const ExploreJobContext &context) {
            CompareResult result;
            result.ticket = context.ticket;
            result.step = context.step;
            result.comparison = gs::DiffusionExplorer(context.model).compare(seed, count, eta, label, w);
            return result;
        },
        [this](const std::shared_ptr<const CompareResult> &result) {
            if (result->ticket != mRequestedCompare)
                return;
            mShownCompare = result->ticket;
            mComparison->setComparison(result->comparison, result->step);
            mCompareSeconds = 0;
            for (const auto &e : result->comparison.entries)
                mCompareSeconds += e.seconds;
            mComparedAt.start();
            emit comparisonShown(mShownCompare);
        },
        [this](quint64 ticket, const QString &message) {
            if (ticket != mRequestedCompare)
                return;
            mShownCompare = ticket;
            mComparison->setStatus(message);
            emit error(message);
        });
}

void DiffusionView::requestGuidanceRows()
{
    if (!isAvailable(mInfo) || !mGuidanceBox->isConditional() || mGuidanceBox->classLabel() < 0)
        return;
    gs::DiffusionRunSettings s = settings();
    if (s.sampler == gs::DiffusionSamplerKind::DDPM && mTimesteps == 0)
        s.steps = 0; // T, once the job knows it
    const QVector<double> ws = GuidanceBox::rowGuidances();
    const std::vector<double> guidances(ws.begin(), ws.end());
    mRequestedRows = mWorker->submit(
        {this, QStringLiteral("guidance"), kRowsPriority},
        [s, guidances](const ExploreJobContext &context) {
            RowsResult result;
            result.ticket = context.ticket;
            result.step = context.step;
            result.rows = gs::DiffusionExplorer(context.model).guidance_rows(s, guidances);
            return result;
        },
        [this, s](const std::shared_ptr<const RowsResult> &result) {
            if (result->ticket != mRequestedRows)
                return;
            mShownRows = result->ticket;
            const QStringList names = mGuidanceBox->picker()->classNames();
            const QString name = s.class_label < names.size() ? names[s.class_label] : QString::number(s.class_label);
            mGuidanceBox->setRows(toQImage(result->rows),
                                  tr("Rows: w = 0, 1, 3 · class %1 (%2) · seed %3 · weights of step %4")
                                      .arg(s.class_label)
                                      .arg(name)
                                      .arg(s.seed)
                                      .arg(result->step));
            emit guidanceRowsShown(mShownRows);
        },
        [this](quint64 ticket, const QString &message) {
            if (ticket != mRequestedRows)
                return;
            mShownRows = ticket;
            emit error(message);
        });
}

void DiffusionView::startComparison()
{
    if (mCompareWanted && mRequestedCompare == 0)
        requestComparison();
}

void DiffusionView::refreshComparison()
{
    // Newer weights redraw the comparison when none is under way and the last
    // one is older than four times what it took (a DDPM chain of 1000 steps
    // must not take the exploration thread from the scrubber).
    if (!mCompareWanted || mRequestedCompare != mShownCompare)
        return;
    if (mComparedAt.isValid() && mComparedAt.elapsed() < qint64(4000.0 * mCompareSeconds))
        return;
    requestComparison();
}
