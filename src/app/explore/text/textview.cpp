#include "explore/text/textview.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextEdit>
#include <QVBoxLayout>

#include <algorithm>

#include "explore/text/attentionheatmap.h"
#include "explore/text/candidatebars.h"
#include "explore/text/temperaturecomparison.h"
#include "explore/text/textglyphs.h"
#include "widgets/unavailablestack.h"

namespace {

constexpr int kDefaultLength = 200;
const QColor kGenerated(20, 70, 160);
const QColor kForced(255, 225, 120);
const QColor kSelected(255, 190, 130);

} // namespace

TextView::TextView(ExplorationWorker *worker, QWidget *parent)
    : QWidget(parent)
    , ExplorerView(explorerTraits())
    , mWorker(worker)
    , mStack(new UnavailableStack(this))
    , mPrompt(new QLineEdit(tr("The meaning of life is"), this))
    , mTemperature(new QDoubleSpinBox(this))
    , mTopK(new QSpinBox(this))
    , mTopP(new QDoubleSpinBox(this))
    , mSeed(new QSpinBox(this))
    , mLength(new QSpinBox(this))
    , mGenerate(new QPushButton(tr("Generate"), this))
    , mStop(new QPushButton(tr("Stop"), this))
    , mRegenerate(new QPushButton(tr("Regenerate"), this))
    , mText(new QTextEdit(this))
    , mStatus(new QLabel(this))
    , mBars(new CandidateBars(this))
    , mLayer(new QComboBox(this))
    , mHead(new QComboBox(this))
    , mHeatmap(new AttentionHeatmap(this))
    , mAttentionCaption(new QLabel(this))
    , mCompare(new QPushButton(tr("Compare temperatures"), this))
    , mComparison(new TemperatureComparison(worker, this))
{
    setObjectName(QStringLiteral("textView"));
    mPrompt->setObjectName(QStringLiteral("textPrompt"));
    mPrompt->setPlaceholderText(tr("A prompt for the model to continue"));
    mPrompt->setToolTip(tr("The text the model continues; characters it has never seen are left out (and named)"));
    mTemperature->setObjectName(QStringLiteral("textTemperature"));
    mTemperature->setRange(0.0, 5.0);
    mTemperature->setSingleStep(0.1);
    mTemperature->setValue(0.8);
    mTemperature->setPrefix(tr("temperature "));
    mTemperature->setToolTip(tr("Characters are drawn with probabilities ∝ p^(1/T): 0 always the most likely, below 1 "
                                "safer, above 1 wilder"));
    mTopK->setObjectName(QStringLiteral("textTopK"));
    mTopK->setRange(0, 1000);
    mTopK->setPrefix(tr("top-k "));
    mTopK->setSpecialValueText(tr("top-k all"));
    mTopK->setToolTip(tr("Draw only among the k most likely characters (all: no limit)"));
    mTopP->setObjectName(QStringLiteral("textTopP"));
    mTopP->setRange(0.01, 1.0);
    mTopP->setSingleStep(0.05);
    mTopP->setValue(1.0);
    mTopP->setPrefix(tr("top-p "));
    mTopP->setToolTip(tr("Nucleus sampling: draw only among the most likely characters whose probabilities add up "
                         "to p (1: all)"));
    mSeed->setObjectName(QStringLiteral("textSeed"));
    mSeed->setRange(0, 1000000);
    mSeed->setValue(1);
    mSeed->setPrefix(tr("seed "));
    mSeed->setToolTip(tr("The same seed and settings write the same text"));
    mLength->setObjectName(QStringLiteral("textLength"));
    mLength->setRange(1, 2000);
    mLength->setValue(kDefaultLength);
    mLength->setSuffix(tr(" characters"));
    mLength->setToolTip(tr("How many characters to write after the prompt"));
    mGenerate->setObjectName(QStringLiteral("textGenerateButton"));
    mGenerate->setToolTip(tr("Continue the prompt, character by character"));
    mStop->setObjectName(QStringLiteral("textStopButton"));
    mStop->setToolTip(tr("Stop writing here"));
    mRegenerate->setObjectName(QStringLiteral("textRegenerateButton"));
    mRegenerate->setToolTip(tr("Write the continuation again with the next seed"));
    mText->setObjectName(QStringLiteral("textOutput"));
    mText->setReadOnly(true);
    mText->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    mText->setPlaceholderText(tr("The prompt and its continuation appear here. Click a generated character to see "
                                 "the candidates it was drawn from."));
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    mText->setFont(mono);
    mStatus->setObjectName(QStringLiteral("textStatus"));
    mStatus->setWordWrap(true);
    mBars->setObjectName(QStringLiteral("textBars"));
    mLayer->setObjectName(QStringLiteral("textLayer"));
    mLayer->setToolTip(tr("The transformer block whose attention is shown"));
    mHead->setObjectName(QStringLiteral("textHead"));
    mHead->setToolTip(tr("The attention head shown"));
    mHeatmap->setObjectName(QStringLiteral("textAttention"));
    mAttentionCaption->setWordWrap(true);
    mCompare->setObjectName(QStringLiteral("textCompareButton"));
    mCompare->setToolTip(tr("Continue the prompt at each listed temperature, side by side (same seed)"));
    mComparison->setObjectName(QStringLiteral("textComparison"));

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Prompt"), this));
    top->addWidget(mPrompt, 1);
    top->addWidget(mGenerate);
    top->addWidget(mStop);
    top->addWidget(mRegenerate);
    auto *settingsRow = new QHBoxLayout;
    for (QWidget *w : {static_cast<QWidget *>(mTemperature), static_cast<QWidget *>(mTopK),
                       static_cast<QWidget *>(mTopP), static_cast<QWidget *>(mSeed),
                       static_cast<QWidget *>(mLength)})
        settingsRow->addWidget(w);
    settingsRow->addStretch(1);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(mText, 1);
    leftLayout->addWidget(mStatus);
    leftLayout->addWidget(new QLabel(tr("<b>Next character</b> (click one to choose it and continue from there)"),
                                     this));
    leftLayout->addWidget(mBars);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto *heads = new QHBoxLayout;
    heads->addWidget(new QLabel(tr("<b>Attention</b>"), this));
    heads->addWidget(mLayer);
    heads->addWidget(mHead);
    heads->addStretch(1);
    rightLayout->addLayout(heads);
    rightLayout->addWidget(mHeatmap, 1);
    rightLayout->addWidget(mAttentionCaption);

    auto *body = new QSplitter(Qt::Horizontal, this);
    body->addWidget(left);
    body->addWidget(right);
    body->setStretchFactor(0, 3);
    body->setStretchFactor(1, 2);

    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(mComparison, 1);
    auto *compareRow = new QHBoxLayout;
    compareRow->addWidget(mCompare);
    compareRow->addStretch(1);
    bottomLayout->addLayout(compareRow);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(body);
    split->addWidget(bottom);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 1);
    split->setSizes({600, 300}); // the temperature columns get a third

    auto *page = new QWidget(this);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addLayout(top);
    pageLayout->addLayout(settingsRow);
    pageLayout->addWidget(split, 1);
    mStack->setPage(page);

    connect(mGenerate, &QPushButton::clicked, this, &TextView::generate);
    connect(mStop, &QPushButton::clicked, this, &TextView::stop);
    connect(mRegenerate, &QPushButton::clicked, this, &TextView::regenerate);
    connect(mPrompt, &QLineEdit::returnPressed, this, &TextView::generate);
    connect(mBars, &CandidateBars::candidateClicked, this, &TextView::choose);
    connect(mCompare, &QPushButton::clicked, this, &TextView::compareTemperatures);
    connect(mComparison, &TemperatureComparison::error, this, &TextView::error);
    connect(mLayer, &QComboBox::currentIndexChanged, this, [this] { requestAttention(); });
    connect(mHead, &QComboBox::currentIndexChanged, this, [this] { requestAttention(); });
    connect(mText, &QTextEdit::cursorPositionChanged, this, [this] {
        if (mRendering)
            return;
        const int pos = mText->textCursor().position();
        const auto after = std::upper_bound(mOffsets.begin(), mOffsets.end(), pos);
        const int index = int(after - mOffsets.begin()) - 1;
        if (pos >= mPromptLength && index >= 0)
            selectPosition(index);
    });
    updateButtons();
}

void TextView::setPrompt(const QString &prompt) { mPrompt->setText(prompt); }
void TextView::setTemperature(double t) { mTemperature->setValue(t); }
void TextView::setTopK(int k) { mTopK->setValue(k); }
void TextView::setTopP(double p) { mTopP->setValue(p); }
void TextView::setSeed(int seed) { mSeed->setValue(seed); }
void TextView::setLength(int characters) { mLength->setValue(characters); }

void TextView::setAttentionHead(int layer, int head)
{
    mLayer->setCurrentIndex(layer);
    mHead->setCurrentIndex(head);
}

gs::TextSettings TextView::settings() const
{
    gs::TextSettings how;
    how.temperature = mTemperature->value();
    how.top_k = mTopK->value();
    how.top_p = mTopP->value();
    return how;
}

QString TextView::continuation() const
{
    QString out;
    for (const gs::TextStep &s : mSteps)
        out += QString::fromStdString(s.text);
    return out;
}

QString TextView::unavailableText() const
{
    return mStack->note()->text();
}

int TextView::shownPosition() const
{
    if (mSteps.empty())
        return -1;
    return mSelected >= 0 && mSelected < int(mSteps.size()) ? mSelected : int(mSteps.size()) - 1;
}

void TextView::selectPosition(int index)
{
    mSelected = index >= 0 && index < int(mSteps.size()) ? index : -1;
    showPosition();
    requestAttention();
}

// The prompt and the steps, the generated characters coloured, the forced ones
// marked; appends when only new steps came.
void TextView::render()
{
    mRendering = true;
    const bool rebuild = mRenderedRun != mRun || mOffsets.size() > qsizetype(mSteps.size());
    QTextCursor cursor(mText->document());
    if (rebuild) {
        mText->clear();
        mOffsets.clear();
        cursor = QTextCursor(mText->document());
        cursor.insertText(mPromptText, QTextCharFormat());
        mPromptLength = cursor.position();
        mRenderedRun = mRun;
    }
    cursor.movePosition(QTextCursor::End);
    QTextCharFormat generated;
    generated.setForeground(kGenerated);
    for (size_t i = size_t(mOffsets.size()); i < mSteps.size(); ++i) {
        const gs::TextStep &s = mSteps[i];
        QTextCharFormat f = generated;
        if (s.forced) {
            f.setBackground(kForced);
            f.setFontWeight(QFont::Bold);
        }
        mOffsets << cursor.position();
        cursor.insertText(TextGlyphs::running(s.text), f);
    }
    mText->setTextCursor(cursor);
    mText->ensureCursorVisible();
    mRendering = false;
    showPosition();
}

void TextView::showPosition()
{
    const int index = shownPosition();
    QList<QTextEdit::ExtraSelection> marks;
    if (index < 0) {
        mBars->clear();
    } else {
        const gs::TextStep &s = mSteps[size_t(index)];
        const QString before = index == 0 ? tr("after the prompt") : tr("after “%1”").arg(TextGlyphs::label(mSteps[size_t(index - 1)].text));
        mBars->setStep(s, tr("Position %1 of %2 %3").arg(index + 1).arg(mSteps.size()).arg(before));
        if (index < mOffsets.size()) {
            QTextEdit::ExtraSelection mark;
            mark.cursor = QTextCursor(mText->document());
            mark.cursor.setPosition(mOffsets[index]);
            mark.cursor.setPosition(index + 1 < mOffsets.size() ? mOffsets[index + 1]
                                                               : mText->document()->characterCount() - 1,
                                    QTextCursor::KeepAnchor);
            mark.format.setBackground(kSelected);
            marks << mark;
        }
    }
    mText->setExtraSelections(marks);
}

void TextView::finishRun()
{
    mGenerating = false;
    updateButtons();
    requestAttention();
    if (mCompareAfterRun) {
        mCompareAfterRun = false;
        compareTemperatures();
    }
    emit generationFinished();
}

void TextView::updateButtons()
{
    const bool available = isAvailable(mInfo);
    mGenerate->setEnabled(available && !mGenerating);
    mStop->setEnabled(available && mGenerating);
    mRegenerate->setEnabled(available);
    mCompare->setEnabled(available);
    const int n = int(mSteps.size());
    if (!available)
        mStatus->clear();
    else if (mGenerating)
        mStatus->setText(tr("Writing… %1 of %2 characters").arg(n).arg(mTarget));
    else if (n > 0)
        mStatus->setText(tr("%1 characters after the prompt%2. Click a character in the text to see its "
                            "candidates; click a candidate to choose it.")
                             .arg(n)
                             .arg(n < mTarget ? tr(" (stopped)") : QString()));
    else
        mStatus->setText(tr("Press Generate to continue the prompt."));
}
