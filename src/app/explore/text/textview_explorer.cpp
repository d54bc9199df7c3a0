// textview_explorer.cpp — TextView as an explorer view: the Text tab for
// models that generate text; it works on typed prompts, so dropped pictures
// are refused with a sentence.
#include <QLineEdit>
#include <QShowEvent>

#include "core/model/capabilities.h"
#include "explore/catalogsuggestions.h"
#include "explore/text/attentionheatmap.h"
#include "explore/text/candidatebars.h"
#include "explore/text/temperaturecomparison.h"
#include "explore/text/textview.h"
#include "widgets/unavailablestack.h"

ExplorerView::Traits TextView::explorerTraits()
{
    return Traits(QStringLiteral("textgen"), tr("Text"), gs::kGeneratesText)
        .withAliases({QStringLiteral("gpt"), QStringLiteral("generate")})
        .withToolTip(tr("A prompt continued character by character, the candidates for each next character "
                        "(click one to choose it), attention maps and the same prompt at several temperatures"));
}

bool TextView::isAvailable(const ExplorerInfo &info) const
{
    // Text models read characters, not images: only the flag counts.
    return info.isValid() && (info.capabilities & gs::kGeneratesText) != 0;
}

QString TextView::unavailableReason(const ExplorerInfo &info) const
{
    const QString example = CatalogSuggestions::modelWith(requiredCapabilities());
    const QString suggestion = example.isEmpty() ? tr("a text model") : tr("a text model (such as model %1)").arg(example);
    if (!info.isValid())
        return tr("There is no model yet: train %1 on a text dataset.").arg(suggestion);
    return tr("%1 does not write text, so there is nothing to continue: train %2 on a text dataset.")
        .arg(info.modelName.isEmpty() ? tr("This model") : info.modelName, suggestion);
}

void TextView::attach(ExplorerHost &host)
{
    forwardMessages(this, host);
}

QString TextView::dropRefusal(const ExplorerInfo &info, const QString &label) const
{
    (void)info;
    return tr("The Text view continues the prompt you type: %1 cannot be used here.").arg(label);
}

void TextView::modelChanged(const ExplorerInfo &info)
{
    const bool same = info.sameModelAs(mInfo) && info.checkpointPath == mInfo.checkpointPath
                      && info.fromTraining == mInfo.fromTraining;
    mInfo = info;
    const bool available = isAvailable(info);
    mStack->showAvailable(available, unavailableReason(info));
    if (!available || !same) {
        ++mRun;
        mGenerating = false;
        mSteps.clear();
        mPromptTokens.clear();
        mPromptText.clear();
        mSelected = -1;
        mLayers = mHeads = mVocabulary = mContextLength = 0;
        mRequestedAttention = mShownAttention = 0;
        mBars->clear();
        mHeatmap->clear();
        mComparison->clear();
        render();
    }
    if (!same)
        mStarted = false;
    updateButtons();
    if (!available)
        return;
    mSessionControls.modelArrived(sessionControls()); // a restored session's prompt, temperature, …
    describe(); // new weights: the attention map follows
    if (isVisible())
        startFirstRun();
}

void TextView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    startFirstRun();
}

// The first time a model is shown: the default prompt continued, and compared
// at several temperatures, without a click.
void TextView::startFirstRun()
{
    if (mStarted || !isAvailable(mInfo) || mGenerating || mPrompt->text().isEmpty())
        return;
    mStarted = true;
    mCompareAfterRun = true; // after the stream, which the comparison's long jobs would hold up
    generate();
}
