// modelcardpane.h — the "Model" side pane: it follows the Training dock's
// model picker (TrainingPanel::modelSelected), its dataset and its parameters,
// and shows the model's overview graph (ModelGraphView over
// gs::describe_model), the layers of the box clicked in it, and the model's
// explanation card (modelcard.h) with every parameter's help.
//
// Nothing is built while the pane is hidden; showing it brings it up to date.
// The graph is built on the thread pool (a dataset's shape may take a second
// to read; building the model takes some milliseconds); the newest request
// wins. A fresh model's initialisation draws from LibTorch's global generator,
// which a session being created (Busy) seeds and a run draws from: so nothing
// is built while a session is created, and during a run only when the pane has
// no graph of the picked model yet (opened mid-run); parameter edits during a
// run are shown when the controller is idle again (every run reseeds before its
// first step, so describing while idle changes nothing of the runs). Live loss values (the last
// drained point of the controller's losses) appear on the loss edges while
// the running session is of the shown model.
//
// Ownership: a widget owned by its dock; the context's pointers are borrowed.
// Thread affinity: GUI thread (the describe job runs on the pool and touches
// nothing of the pane). Failure modes: a model that cannot be built (invalid
// parameters, a dataset that cannot be read) shows the error's sentence in
// place of the graph.
#pragma once

#include <QFutureWatcher>
#include <QHash>
#include <QWidget>

#include <vector>

#include "core/model/model_graph.h"

class QLabel;
class QTextBrowser;
class QTimer;
class QTreeWidget;
class ModelGraphView;
struct SidePaneContext;
class TrainingController;
class TrainingPanel;
struct LossPoint;

class ModelCardPane : public QWidget
{
    Q_OBJECT

public:
    ModelCardPane(const SidePaneContext &context, QWidget *parent = nullptr);
    ~ModelCardPane() override;

    QString modelId() const { return mModelId; }
    ModelGraphView *graphView() const { return mGraphView; }
    QTreeWidget *layersTree() const { return mLayers; }
    QTextBrowser *cardBrowser() const { return mCard; }
    QSize sizeHint() const override { return {480, 800}; }
    // True while a describe job runs or waits (for tests).
    bool isDescribing() const;

signals:
    void graphShown(const QString &modelId); // after a new graph (or its error) is shown

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct Result
    {
        quint64 generation = 0;
        QString modelId;
        gs::ModelGraph graph;
        gs::GraphDataShape shape;
        QString shapeKey;
        bool haveShape = false;
        QString error;
    };

    void scheduleRefresh();
    bool mayDescribe() const;
    void refresh();
    void onDescribed();
    void showNode(const QString &id);
    void showLosses();
    void onLosses(const QStringList &names, const std::vector<LossPoint> &points);

    TrainingController *mController;
    TrainingPanel *mPanel;
    QLabel *mTitle;
    QLabel *mStatus;
    ModelGraphView *mGraphView;
    QTreeWidget *mLayers;
    QTextBrowser *mCard;
    QTimer *mDebounce;
    QFutureWatcher<Result> mWatcher;
    quint64 mGeneration = 0;
    bool mPending = false;
    bool mWidened = false;    // the dock was given its width once
    bool mJobRunning = false; // from refresh() until onDescribed()
    QString mModelId;
    QString mSessionModel; // the model of the controller's session, empty without one
    QHash<QString, gs::GraphDataShape> mShapes; // by dataset (id, path, size, channels)
};
