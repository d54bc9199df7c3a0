#include "explore/flow/flowview.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include "support/imageconvert.h"
#include "widgets/imageview.h"
#include "widgets/unavailablestack.h"

namespace {
constexpr int kTripPriority = 110;    // ExplorationWorker: lower runs first
constexpr int kSamplesPriority = 125;
constexpr int kSampleCount = 16;
constexpr int kSampleColumns = 8;
constexpr int kTemperatureSteps = 100; // slider units per 1.0

ImageView *makeView(QWidget *parent, const QString &name, const QString &placeholder)
{
    auto *view = new ImageView(parent);
    view->setObjectName(name);
    view->setPlaceholderText(placeholder);
    view->setMinimumSize(140, 140);
    return view;
}
} // namespace

FlowView::FlowView(ExplorationWorker *worker, QWidget *parent)
    : QWidget(parent)
    , ExplorerView(explorerTraits())
    , mWorker(worker)
    , mStack(new UnavailableStack(this))
    , mUnavailable(mStack->note())
    , mIndex(new QSpinBox(this))
    , mInput(makeView(this, QStringLiteral("flowInput"), tr("x")))
    , mLatent(makeView(this, QStringLiteral("flowLatent"), tr("z")))
    , mReconstruction(makeView(this, QStringLiteral("flowReconstruction"), tr("x again")))
    , mSampleView(makeView(this, QStringLiteral("flowSamples"), tr("Samples appear here.")))
    , mTripCaption(new QLabel(this))
    , mTemperature(new QSlider(Qt::Horizontal, this))
    , mTemperatureLabel(new QLabel(this))
    , mSeed(new QSpinBox(this))
{
    setObjectName(QStringLiteral("flowView"));
    mUnavailable->setObjectName(QStringLiteral("flowUnavailable"));
    mIndex->setObjectName(QStringLiteral("flowTestImage"));
    mIndex->setRange(0, 9999);
    mIndex->setPrefix(tr("test image "));
    mIndex->setKeyboardTracking(false);
    mIndex->setToolTip(tr("The test image to send through the flow (or drop a picture on the tab)"));
    mTripCaption->setObjectName(QStringLiteral("flowRoundTripCaption"));
    mTripCaption->setTextFormat(Qt::RichText);
    mTripCaption->setWordWrap(true);
    mTemperature->setObjectName(QStringLiteral("flowTemperature"));
    mTemperature->setRange(5, 150);
    mTemperature->setValue(70);
    mTemperature->setToolTip(tr("Samples are decoded from z·T: below 1 they are smoother and more "
                                "typical, at 1 they are the model's own distribution"));
    mTemperatureLabel->setMinimumWidth(110);
    mSeed->setObjectName(QStringLiteral("flowSeed"));
    mSeed->setRange(0, 1 << 30);
    mSeed->setValue(1);
    mSeed->setPrefix(tr("seed "));
    mSeed->setKeyboardTracking(false);

    auto *tripRow = new QHBoxLayout;
    tripRow->addWidget(mIndex);
    tripRow->addWidget(new QLabel(tr("<b>x → z → x</b>: an exact inverse gives the image back."), this), 1);
    auto *images = new QGridLayout;
    const QString titles[3] = {tr("x (input)"), tr("z = f(x), as an image"), tr("f⁻¹(z)")};
    ImageView *views[3] = {mInput, mLatent, mReconstruction};
    for (int i = 0; i < 3; ++i) {
        auto *title = new QLabel(titles[i], this);
        title->setAlignment(Qt::AlignCenter);
        images->addWidget(title, 0, i);
        images->addWidget(views[i], 1, i);
        images->setColumnStretch(i, 1);
    }
    auto *sampleRow = new QHBoxLayout;
    sampleRow->addWidget(new QLabel(tr("<b>Samples</b> · temperature"), this));
    sampleRow->addWidget(mTemperature, 1);
    sampleRow->addWidget(mTemperatureLabel);
    sampleRow->addWidget(mSeed);

    auto *page = new QWidget(this);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addLayout(tripRow);
    pageLayout->addLayout(images, 3);
    pageLayout->addWidget(mTripCaption);
    pageLayout->addLayout(sampleRow);
    pageLayout->addWidget(mSampleView, 2);
    mStack->setPage(page);

    connect(mIndex, &QSpinBox::valueChanged, this, [this] {
        mDropped = gs::Image();
        requestRoundTrip();
    });
    connect(mTemperature, &QSlider::valueChanged, this, [this] {
        updateTemperatureLabel();
        requestSamples();
    });
    connect(mSeed, &QSpinBox::valueChanged, this, &FlowView::requestSamples);
    mUnavailable->setText(unavailableReason(mInfo));
    updateTemperatureLabel();
}

void FlowView::setTestImage(int index)
{
    mIndex->setValue(index);
}

int FlowView::testImage() const
{
    return mIndex->value();
}

void FlowView::setTemperature(double t)
{
    mTemperature->setValue(int(std::lround(t * kTemperatureSteps)));
}

double FlowView::temperature() const
{
    return mTemperature->value() / double(kTemperatureSteps);
}

QString FlowView::roundTripText() const
{
    return mTripCaption->text();
}

void FlowView::updateTemperatureLabel()
{
    mTemperatureLabel->setText(tr("T = %1").arg(temperature(), 0, 'f', 2));
}

void FlowView::modelChanged(const ExplorerInfo &info)
{
    mInfo = info;
    const bool available = isAvailable(info);
    mStack->showAvailable(available, unavailableReason(info));
    if (!available) {
        for (ImageView *v : {mInput, mLatent, mReconstruction, mSampleView})
            v->clear();
        mTripCaption->clear();
        return;
    }
    mSessionControls.modelArrived(sessionControls()); // a restored session's test image, temperature
    requestRoundTrip();
    requestSamples();
}

void FlowView::requestRoundTrip()
{
    if (!isAvailable(mInfo))
        return;
    const gs::Image dropped = mDropped;
    const int index = mIndex->value();
    mTripCaption->setText(tr("Running the flow…"));
    mTripTicket = mWorker->submit(
        {this, QStringLiteral("roundtrip"), kTripPriority},
        [dropped, index](const ExploreJobContext &context) {
            const gs::Image input = dropped.empty() ? context.data.dataset_image(index) : dropped;
            return gs::flow_round_trip(context.model, input);
        },
        [this](const std::shared_ptr<const gs::FlowRoundTrip> &trip) {
            mTrip = *trip;
            mInput->setImage(toQImage(trip->input));
            mLatent->setImage(toQImage(trip->latent));
            mReconstruction->setImage(toQImage(trip->reconstruction));
            const QString source = mDropped.empty() ? tr("test image %1").arg(mIndex->value())
                                                    : mDroppedLabel;
            mTripCaption->setText(
                tr("%1 · round-trip error max |x − f⁻¹(f(x))| = <b>%2</b> · <b>%3 bits/dim</b> "
                   "(%4 nats%5) · std of z %6 · %7 ms")
                    .arg(source.toHtmlEscaped())
                    .arg(trip->max_error, 0, 'e', 1)
                    .arg(trip->bits_per_dim, 0, 'f', 3)
                    .arg(QLocale().toString(trip->nll_nats, 'f', 0))
                    .arg(trip->nll_is_bound ? tr(", a dequantised bound") : QString())
                    .arg(trip->latent_std, 0, 'f', 2)
                    .arg(trip->seconds * 1000, 0, 'f', 0));
            emit roundTripShown();
        },
        [this](quint64 ticket, const QString &message) {
            if (ticket == mTripTicket) {
                mTripCaption->clear();
                emit error(message);
            }
        });
}

void FlowView::requestSamples()
{
    if (!isAvailable(mInfo))
        return;
    const double t = temperature();
    const unsigned long seed = static_cast<unsigned long>(mSeed->value());
    mSamplesTicket = mWorker->submit(
        {this, QStringLiteral("samples"), kSamplesPriority},
        [t, seed](const ExploreJobContext &context) {
            return gs::flow_samples(context.model, kSampleCount, kSampleColumns, seed, t);
        },
        [this](const std::shared_ptr<const gs::Image> &grid) {
            mSamples = toQImage(*grid);
            mSampleView->setImage(mSamples);
            emit samplesShown();
        },
        [this](quint64 ticket, const QString &message) {
            if (ticket == mSamplesTicket)
                emit error(message);
        });
}
