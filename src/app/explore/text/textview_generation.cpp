// textview_generation.cpp — the Text view's requests: describing the model
// (vocabulary, context, layers and heads), the chain of short generation jobs
// that streams the continuation, forcing a chosen character, the attention map
// and the temperature comparison.
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>

#include <algorithm>

#include "core/common/error.h"
#include "explore/text/attentionheatmap.h"
#include "explore/text/candidatebars.h"
#include "explore/text/temperaturecomparison.h"
#include "explore/text/textglyphs.h"
#include "explore/text/textview.h"

namespace {

constexpr int kDescribePriority = 5;
constexpr int kGeneratePriority = 22;
constexpr int kAttentionPriority = 65;
constexpr int kAfterForce = 32;      // at least this many characters follow a chosen one
constexpr int kComparisonLength = 200;

struct Description
{
    int layers = 0, heads = 0, context = 0, vocabulary = 0;
};

struct ChunkResult
{
    quint64 run = 0;
    bool encoded = false; // the prompt was read in this job
    std::vector<int64_t> promptTokens;
    QString promptText;
    QStringList unknown;
    std::vector<gs::TextStep> steps;
};

struct AttentionResult
{
    quint64 ticket = 0;
    gs::TextAttention attention;
};

} // namespace

void TextView::describe()
{
    mWorker->submit(
        {this, QStringLiteral("describe"), kDescribePriority},
        [](const ExploreJobContext &context) {
            gs::TextExplorer text(context.model);
            return Description{text.attention_layers(), text.attention_heads(), text.context_length(),
                               int(text.vocabulary().size())};
        },
        [this](const std::shared_ptr<const Description> &d) {
            if (d->vocabulary != mVocabulary && mVocabulary != 0) {
                // Another vocabulary: the tokens of the text shown mean other characters now.
                stop();
                ++mRun;
                mSteps.clear();
                mPromptTokens.clear();
                mPromptText.clear();
                render();
            }
            mVocabulary = d->vocabulary;
            mContextLength = d->context;
            if (d->layers != mLayers || d->heads != mHeads) {
                mLayers = d->layers;
                mHeads = d->heads;
                const QSignalBlocker blockLayer(mLayer), blockHead(mHead);
                mLayer->clear();
                mHead->clear();
                for (int i = 0; i < mLayers; ++i)
                    mLayer->addItem(tr("layer %1").arg(i + 1));
                for (int i = 0; i < mHeads; ++i)
                    mHead->addItem(tr("head %1").arg(i + 1));
            }
            mLayer->setEnabled(mLayers > 0);
            mHead->setEnabled(mHeads > 0);
            mHeatmap->setEnabled(mLayers > 0);
            if (mLayers == 0) {
                mHeatmap->clear();
                mHeatmap->setPlaceholder(tr("%1 has no attention: a recurrent network reads the text one character "
                                            "at a time and keeps what it read in its state, so there are no "
                                            "weights over earlier positions to show.")
                                             .arg(mInfo.modelName.isEmpty() ? tr("This model") : mInfo.modelName));
                mAttentionCaption->clear();
            } else {
                mHeatmap->setPlaceholder(tr("Generate some text to see where each character looks."));
            }
            requestAttention();
        },
        [this](quint64, const QString &message) { emit error(message); });
}

void TextView::generate()
{
    if (!isAvailable(mInfo))
        return;
    if (mPrompt->text().isEmpty()) {
        emit error(tr("Type a prompt first: the model needs at least one character to continue."));
        return;
    }
    startRun(true, -1);
}

void TextView::regenerate()
{
    mSeed->setValue(mSeed->value() + 1);
    generate();
}

void TextView::stop()
{
    if (!mGenerating)
        return;
    ++mRun; // the job in flight is dropped when it comes back
    finishRun();
}

void TextView::choose(qint64 token)
{
    const int index = shownPosition();
    if (!isAvailable(mInfo) || index < 0 || mPromptTokens.empty())
        return;
    mSteps.resize(size_t(index));
    mSelected = -1;
    mTarget = std::max(mLength->value(), index + 1 + kAfterForce);
    startRun(false, token);
}

void TextView::startRun(bool fromPrompt, qint64 forced)
{
    ++mRun;
    mStarted = true;
    if (fromPrompt) {
        mPromptTokens.clear();
        mPromptText.clear();
        mSteps.clear();
        mSelected = -1;
        mTarget = mLength->value();
    }
    mGenerating = true;
    render();
    updateButtons();
    emit textChanged();
    submitChunk(forced);
}

void TextView::submitChunk(qint64 forced)
{
    const quint64 run = mRun;
    const bool encode = mPromptTokens.empty();
    const std::string prompt = mPrompt->text().toStdString();
    std::vector<int64_t> context = mPromptTokens;
    for (const gs::TextStep &s : mSteps)
        context.push_back(s.token);
    const int remaining = mTarget - int(mSteps.size());
    const int n = std::max(0, std::min(kChunk, remaining) - (forced >= 0 ? 1 : 0));
    const gs::TextSettings how = settings();
    const quint64 seed = quint64(mSeed->value());
    mWorker->submit(
        {this, QStringLiteral("generate"), kGeneratePriority},
        [run, encode, prompt, context, n, forced, how, seed](const ExploreJobContext &job) {
            gs::TextExplorer text(job.model);
            ChunkResult result;
            result.run = run;
            std::vector<int64_t> ctx = context;
            if (encode) {
                const gs::TextEncoding enc = text.encode(prompt);
                if (enc.tokens.empty()) {
                    throw gs::Error("None of the prompt's characters are in the model's vocabulary: type text "
                                    "like the text it was trained on.");
                }
                result.encoded = true;
                result.promptTokens = enc.tokens;
                result.promptText = QString::fromStdString(text.decode(enc.tokens));
                for (const std::string &u : enc.unknown)
                    result.unknown << TextGlyphs::label(u);
                ctx = enc.tokens;
            }
            if (forced >= 0) {
                result.steps.push_back(text.force(ctx, forced, how));
                ctx.push_back(forced);
            }
            if (n > 0) {
                std::vector<gs::TextStep> more = text.generate(ctx, n, how, seed);
                result.steps.insert(result.steps.end(), more.begin(), more.end());
            }
            return result;
        },
        [this](const std::shared_ptr<const ChunkResult> &result) {
            if (result->run != mRun)
                return;
            if (result->encoded) {
                mPromptTokens = result->promptTokens;
                mPromptText = result->promptText;
                mRenderedRun = 0; // the prompt goes in front: write the text box anew
                if (!result->unknown.isEmpty())
                    emit notice(tr("The model's vocabulary has no %1: left out of the prompt.")
                                    .arg(QStringLiteral("“") + result->unknown.join(QStringLiteral("”, “"))
                                         + QStringLiteral("”")));
            }
            mSteps.insert(mSteps.end(), result->steps.begin(), result->steps.end());
            render();
            emit textChanged();
            if (mGenerating && int(mSteps.size()) < mTarget) {
                updateButtons();
                requestAttention();
                submitChunk(-1);
            } else {
                finishRun();
            }
        },
        [this, run](quint64, const QString &message) {
            if (run != mRun)
                return;
            ++mRun;
            finishRun();
            emit error(message);
        });
}

void TextView::requestAttention()
{
    if (mLayers == 0 || mPromptTokens.empty() || !isAvailable(mInfo))
        return;
    std::vector<int64_t> context = mPromptTokens;
    const int shown = shownPosition();
    for (int i = 0; i <= shown; ++i)
        context.push_back(mSteps[size_t(i)].token);
    const int layer = std::max(0, mLayer->currentIndex()), head = std::max(0, mHead->currentIndex());
    mRequestedAttention = mWorker->submit(
        {this, QStringLiteral("attention"), kAttentionPriority},
        [context, layer, head](const ExploreJobContext &job) {
            return AttentionResult{job.ticket, gs::TextExplorer(job.model).attention(context, layer, head)};
        },
        [this](const std::shared_ptr<const AttentionResult> &result) {
            if (result->ticket != mRequestedAttention)
                return;
            mShownAttention = result->ticket;
            mHeatmap->setAttention(result->attention);
            mAttentionCaption->setText(
                tr("Layer %1, head %2 over the last %3 characters up to the one marked: each row is where that "
                   "character looks among the ones before it (darker: more weight).")
                    .arg(result->attention.layer + 1)
                    .arg(result->attention.head + 1)
                    .arg(result->attention.size));
            emit attentionChanged();
        },
        [this](quint64 ticket, const QString &message) {
            if (ticket != mRequestedAttention)
                return;
            mShownAttention = ticket;
            emit error(message);
        });
}

void TextView::compareTemperatures()
{
    if (!isAvailable(mInfo))
        return;
    if (mPrompt->text().isEmpty()) {
        emit error(tr("Type a prompt first: the model needs at least one character to continue."));
        return;
    }
    mComparison->compare(mPrompt->text(), settings(), quint64(mSeed->value()),
                         std::min(mLength->value(), kComparisonLength));
}
