// pixelcnnview_explorer.cpp — PixelCnnView as an explorer view: the PixelCNN
// tab for models that draw images pixel by pixel; it works on the dataset's
// test images, so dropped pictures are refused with a sentence.
#include <QShowEvent>

#include "core/model/capabilities.h"
#include "explore/catalogsuggestions.h"
#include "explore/classpicker.h"
#include "widgets/unavailablestack.h"
#include "explore/pixelcnn/pixelcnnview.h"
#include "explore/pixelcnn/pixelplayer.h"
#include "explore/pixelcnn/probabilitybars.h"
#include "widgets/imageview.h"

#include <QLabel>

ExplorerView::Traits PixelCnnView::explorerTraits()
{
    return Traits(QStringLiteral("pixels"), tr("PixelCNN"), gs::kSamplesPixels)
        .withAliases({QStringLiteral("autoregressive")})
        .withToolTip(tr("Pixel-by-pixel sampling played back, completions of a half-hidden test image, "
                        "and the per-pixel likelihood of a test image"));
}

QString PixelCnnView::unavailableReason(const ExplorerInfo &info) const
{
    const QString example = CatalogSuggestions::modelWith(requiredCapabilities());
    if (!info.isValid())
        return tr("There is no model yet: train a model that draws images pixel by pixel (such as model %1).")
            .arg(example);
    return tr("%1 does not draw images pixel by pixel, so there is no drawing to play back: train an "
              "autoregressive model (such as model %2).")
        .arg(info.modelName.isEmpty() ? tr("This model") : info.modelName, example);
}

void PixelCnnView::attach(ExplorerHost &host)
{
    forwardMessages(this, host);
}

QString PixelCnnView::dropRefusal(const ExplorerInfo &info, const QString &label) const
{
    (void)info;
    return tr("The PixelCNN view works on the dataset's test images (choose one by its number): %1 cannot be "
              "used here.")
        .arg(label);
}

void PixelCnnView::modelChanged(const ExplorerInfo &info)
{
    const bool same = info.sameModelAs(mInfo);
    mInfo = info;
    const bool available = isAvailable(info);
    mStack->showAvailable(available, unavailableReason(info));
    mClass->modelChanged(available ? info : ExplorerInfo{});
    if (!available || !same) {
        mPlayer->clear();
        mRequestedRun = mShownRun = 0;
        mRequestedLikelihood = mShownLikelihood = 0;
        mTestImage = QImage();
        mLikelihood = {};
        mHeatmap->clear();
        mHeatmapCaption->clear();
        mBars->clear();
    }
    if (!available)
        return;
    mSessionControls.modelArrived(sessionControls()); // a restored session's count, temperature, …
    mSessionClass.modelArrived({mClass});
    requestLikelihood(); // new weights: the heatmap follows
    if (!same && isVisible())
        sample();
}

void PixelCnnView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (takeDeferred())
        requestLikelihood();
    if (isAvailable(mInfo) && mRequestedRun == 0)
        sample();
}
