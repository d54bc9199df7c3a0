#include "explore/diffusion/samplercomparison.h"

#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "support/imageconvert.h"
#include "widgets/imageview.h"

namespace {

QString samplerName(const gs::DiffusionRunSettings &s)
{
    if (s.sampler == gs::DiffusionSamplerKind::DDPM)
        return SamplerComparison::tr("DDPM, %1 steps").arg(s.steps);
    return SamplerComparison::tr("DDIM, %1 steps, η = %2").arg(s.steps).arg(s.eta, 0, 'g', 2);
}

QString duration(double seconds)
{
    if (seconds < 1.0)
        return SamplerComparison::tr("%1 ms").arg(seconds * 1000.0, 0, 'f', 0);
    return SamplerComparison::tr("%1 s").arg(seconds, 0, 'f', 2);
}

} // namespace

SamplerComparison::SamplerComparison(QWidget *parent)
    : QWidget(parent)
    , mStatus(new QLabel(this))
{
    setObjectName(QStringLiteral("diffusionComparison"));
    auto *grid = new QGridLayout;
    for (int i = 0; i < kPanels; ++i) {
        auto *image = new ImageView(this);
        image->setObjectName(QStringLiteral("diffusionComparisonImage%1").arg(i));
        image->setMinimumSize(96, 96);
        auto *caption = new QLabel(this);
        caption->setObjectName(QStringLiteral("diffusionComparisonCaption%1").arg(i));
        caption->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
        caption->setWordWrap(true);
        grid->addWidget(image, 0, i);
        grid->addWidget(caption, 1, i);
        grid->setColumnStretch(i, 1);
        mImages << image;
        mCaptions << caption;
    }
    grid->setRowStretch(0, 1);
    mStatus->setObjectName(QStringLiteral("diffusionComparisonStatus"));
    mStatus->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(grid, 1);
    layout->addWidget(mStatus);
    clear();
}

void SamplerComparison::setComparison(const gs::DiffusionComparison &comparison, qint64 step)
{
    mComparison = comparison;
    const double ddpmSeconds = comparison.entries.empty() ? 0 : comparison.entries.front().seconds;
    for (int i = 0; i < kPanels; ++i) {
        if (i >= int(comparison.entries.size())) {
            mImages[i]->clear();
            mCaptions[i]->clear();
            continue;
        }
        const gs::DiffusionComparison::Entry &e = comparison.entries[size_t(i)];
        mImages[i]->setImage(toQImage(e.image));
        QString text = tr("<b>%1</b><br>%2").arg(samplerName(e.settings), duration(e.seconds));
        if (i > 0 && e.seconds > 0)
            text += tr(" · %1× faster").arg(ddpmSeconds / e.seconds, 0, 'f', 1);
        mCaptions[i]->setText(text);
    }
    mStatus->setText(tr("The same starting noise x_T (seed %1) through each sampler; weights of step %2. "
                        "DDIM's fewer, larger steps trade a little detail for speed.")
                         .arg(comparison.entries.empty() ? 0 : comparison.entries.front().settings.seed)
                         .arg(step));
}

void SamplerComparison::clear()
{
    mComparison = {};
    for (int i = 0; i < kPanels; ++i) {
        mImages[i]->clear();
        mImages[i]->setPlaceholderText(i == 0 ? tr("DDPM, T steps") : tr("DDIM, %1 steps").arg(i == 1 ? 10 : i == 2 ? 20 : 50));
        mCaptions[i]->clear();
    }
    mStatus->setText(tr("Press Compare samplers to draw one seed by every sampler."));
}

void SamplerComparison::setStatus(const QString &text)
{
    mStatus->setText(text);
}

QString SamplerComparison::caption(int i) const
{
    return mCaptions.value(i) ? mCaptions[i]->text() : QString();
}
