// textview.h — the Text view of the Explore tab, for models that generate
// text (kGeneratesText): a prompt continued character by character while it is
// sampled (short chains of jobs of a few characters each, so the text streams,
// Stop stops at once and the newest request wins), with temperature, top-k,
// top-p, a seed and the length; Stop and Regenerate (the next seed). For the
// current position (the newest character, or one clicked in the text) the top
// candidates as a bar chart with the chosen one highlighted; clicking a
// candidate forces it there and continues from it ("choose your own
// continuation"). The first time a model is shown the default prompt is
// continued and compared by itself. The attention of a chosen layer and head over the context as
// a heatmap (a sentence instead for models without attention, such as an
// LSTM), and the temperature demonstration (temperaturecomparison.h). Every
// job runs against the exploration copy, which follows the live weights while
// training goes on.
//
// Ownership: a widget owned by the ExploreView's tab widget; borrows the
// ExplorationWorker. Thread affinity: GUI thread; jobs on the exploration
// thread (purposes "describe", "generate", "attention", "temperature N").
// Failure modes: failed jobs and unknown prompt characters are reported
// through the host's banner; what is shown stays.
#pragma once

#include <QString>
#include <QVector>
#include <QWidget>

#include <vector>

#include "core/explore/text_explorer.h"
#include "explore/controlstate.h"
#include "explore/explorerview.h"

class AttentionHeatmap;
class CandidateBars;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTextEdit;
class TemperatureComparison;
class UnavailableStack;

class TextView : public QWidget, public ExplorerView
{
    Q_OBJECT

public:
    static constexpr int kChunk = 4; // characters per job while streaming

    explicit TextView(ExplorationWorker *worker, QWidget *parent = nullptr);

    // Controls, as the widgets set them.
    void setPrompt(const QString &prompt);
    void setTemperature(double t); // 0–5
    void setTopK(int k);           // 0 = all
    void setTopP(double p);        // (0, 1]
    void setSeed(int seed);
    void setLength(int characters); // 1–2000
    void setAttentionHead(int layer, int head);
    void generate();   // from the prompt (Generate)
    void stop();       // Stop
    void regenerate(); // the next seed, from the prompt (Regenerate)
    void choose(qint64 token); // force the shown position's character and continue
    void selectPosition(int index); // show step `index`'s candidates (−1: follow the newest)
    void compareTemperatures();

    // State, for tests and captions.
    bool isGenerating() const { return mGenerating; }
    QString promptText() const { return mPromptText; }
    QString continuation() const; // the generated characters so far
    const std::vector<gs::TextStep> &steps() const { return mSteps; }
    int shownPosition() const; // the step in the bar chart, −1 for none
    CandidateBars *bars() const { return mBars; }
    AttentionHeatmap *heatmap() const { return mHeatmap; }
    TemperatureComparison *comparison() const { return mComparison; }
    bool hasAttention() const { return mLayers > 0; }
    QString unavailableText() const;
    quint64 attentionShown() const { return mShownAttention; }

    // ExplorerView (textview_explorer.cpp)
    bool isAvailable(const ExplorerInfo &info) const override;
    QString unavailableReason(const ExplorerInfo &info) const override;
    void attach(ExplorerHost &host) override;
    void modelChanged(const ExplorerInfo &info) override;
    // Session files: the prompt, temperature, top-k, top-p, seed and length (explore/controlstate.h; applied again when a model comes).
    QJsonObject sessionState() const override;
    void restoreSessionState(const QJsonObject &state) override;
    QWidget *widget() override { return this; }
    QString dropRefusal(const ExplorerInfo &info, const QString &label) const override;

protected:
    void showEvent(QShowEvent *event) override;

signals:
    void error(const QString &message);
    void notice(const QString &message);
    void textChanged();        // characters arrived (or the text was reset)
    void generationFinished(); // reached the length or stopped
    void attentionChanged();

private:
    static Traits explorerTraits(); // textview_explorer.cpp
    // textview_generation.cpp
    void startRun(bool fromPrompt, qint64 forced);
    void submitChunk(qint64 forced);
    void requestAttention();
    void describe();
    void startFirstRun(); // textview_explorer.cpp
    gs::TextSettings settings() const;
    // textview.cpp
    void render();
    void showPosition();
    void finishRun();
    void updateButtons();

    ExplorationWorker *mWorker;
    ExplorerInfo mInfo;
    // The run: the prompt as the model read it, the steps after it.
    quint64 mRun = 0;          // increases with every start, force and stop; stale replies are dropped
    bool mGenerating = false;
    bool mCompareAfterRun = false; // the first run compares temperatures when it ends
    bool mStarted = false; // the first run for this model began (by itself or by a click)
    std::vector<int64_t> mPromptTokens;
    QString mPromptText;
    std::vector<gs::TextStep> mSteps;
    int mTarget = 0;    // steps to reach
    int mSelected = -1; // step shown in the bars, −1 the newest
    quint64 mRequestedAttention = 0, mShownAttention = 0;
    int mLayers = 0, mHeads = 0, mContextLength = 0, mVocabulary = 0;
    // The text box: where each step starts, the prompt's length, the run rendered.
    QVector<int> mOffsets;
    int mPromptLength = 0;
    quint64 mRenderedRun = 0;
    bool mRendering = false;

    UnavailableStack *mStack;
    QLineEdit *mPrompt;
    QDoubleSpinBox *mTemperature;
    QSpinBox *mTopK;
    QDoubleSpinBox *mTopP;
    QSpinBox *mSeed;
    QSpinBox *mLength;
    QPushButton *mGenerate;
    QPushButton *mStop;
    QPushButton *mRegenerate;
    QTextEdit *mText;
    QLabel *mStatus;
    CandidateBars *mBars;
    QComboBox *mLayer;
    QComboBox *mHead;
    AttentionHeatmap *mHeatmap;
    QLabel *mAttentionCaption;
    QPushButton *mCompare;
    TemperatureComparison *mComparison;

    QList<QWidget *> sessionControls() const; // textview_session.cpp
    ControlState mSessionControls;
};
