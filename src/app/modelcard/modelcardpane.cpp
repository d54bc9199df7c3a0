#include "modelcard/modelcardpane.h"

#include <QDockWidget>
#include <QHeaderView>
#include <QMainWindow>
#include <QLabel>
#include <QLocale>
#include <QRegularExpression>
#include <QShowEvent>
#include <QSplitter>
#include <QTextBrowser>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <exception>

#include "core/model/model_catalog.h"
#include "modelcard/modelcard.h"
#include "modelcard/modelgraphview.h"
#include "shell/sidepane.h"
#include "training/lossbuffer.h"
#include "training/sessionsummary.h"
#include "training/trainingcontroller.h"
#include "training/trainingpanel.h"
#include "widgets/parameterform.h"

namespace {

QString datasetKey(const gs::DatasetSpec &d)
{
    return QStringLiteral("%1|%2|%3|%4|%5|%6")
        .arg(QString::fromStdString(d.id), QString::fromStdString(d.path), QString::fromStdString(d.path_b))
        .arg(d.image_size)
        .arg(d.channels)
        .arg(d.drawn_points.size());
}

// The card in a narrow pane: the title is the pane's own label, the sections
// are small headings.
QString forPane(QString markdown)
{
    if (markdown.startsWith(QStringLiteral("# ")))
        markdown = markdown.mid(markdown.indexOf(QLatin1Char('\n')) + 1);
    markdown.replace(QRegularExpression(QStringLiteral("^## "), QRegularExpression::MultilineOption),
                     QStringLiteral("#### "));
    return markdown;
}

} // namespace

ModelCardPane::ModelCardPane(const SidePaneContext &context, QWidget *parent)
    : QWidget(parent)
    , mController(context.controller)
    , mPanel(context.trainingPanel)
    , mTitle(new QLabel(this))
    , mStatus(new QLabel(this))
    , mGraphView(new ModelGraphView(this))
    , mLayers(new QTreeWidget(this))
    , mCard(new QTextBrowser(this))
    , mDebounce(new QTimer(this))
{
    setObjectName(QStringLiteral("modelCardPane"));
    mTitle->setObjectName(QStringLiteral("modelCardTitle"));
    QFont f = mTitle->font();
    f.setBold(true);
    mTitle->setFont(f);
    mTitle->setWordWrap(true);
    mStatus->setObjectName(QStringLiteral("modelCardStatus"));
    mStatus->setWordWrap(true);
    mGraphView->setObjectName(QStringLiteral("modelGraph"));
    mGraphView->setToolTip(QString());
    mLayers->setObjectName(QStringLiteral("modelLayers"));
    mLayers->setColumnCount(3);
    mLayers->setHeaderLabels({tr("Layer"), tr("Kind"), tr("Parameters")});
    mLayers->setRootIsDecorated(false);
    mLayers->setUniformRowHeights(true);
    mLayers->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    mLayers->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    mLayers->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    mLayers->setWordWrap(true);
    mCard->setObjectName(QStringLiteral("modelCardText"));
    mCard->setOpenExternalLinks(false);
    setMinimumWidth(320);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(mGraphView);
    split->addWidget(mLayers);
    split->addWidget(mCard);
    split->setStretchFactor(0, 5);
    split->setStretchFactor(1, 1);
    split->setStretchFactor(2, 2);
    split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(mTitle);
    layout->addWidget(mStatus);
    layout->addWidget(split, 1);

    mDebounce->setSingleShot(true);
    mDebounce->setInterval(200);
    connect(mDebounce, &QTimer::timeout, this, &ModelCardPane::refresh);
    connect(&mWatcher, &QFutureWatcher<Result>::finished, this, &ModelCardPane::onDescribed);
    connect(mGraphView, &ModelGraphView::nodeClicked, this, &ModelCardPane::showNode);

    if (mPanel) {
        connect(mPanel, &TrainingPanel::modelSelected, this, &ModelCardPane::scheduleRefresh);
        connect(mPanel, &TrainingPanel::datasetSelected, this, &ModelCardPane::scheduleRefresh);
        connect(mPanel->parameterForm(), &ParameterForm::valueEdited, this, &ModelCardPane::scheduleRefresh);
    }
    if (mController) {
        connect(mController, &TrainingController::sessionReady, this, [this](const SessionSummary &s) {
            mSessionModel = QString::fromStdString(s.config.model_id);
            mGraphView->setLossValues({});
        });
        connect(mController, &TrainingController::sessionClosed, this, [this] {
            mSessionModel.clear();
            mGraphView->setLossValues({});
        });
        connect(mController, &TrainingController::lossesDrained, this, &ModelCardPane::onLosses);
        connect(mController, &TrainingController::stateChanged, this, [this] {
            if (mPending && mayDescribe())
                scheduleRefresh();
        });
    }
    scheduleRefresh();
}

ModelCardPane::~ModelCardPane()
{
    mWatcher.waitForFinished();
}

bool ModelCardPane::isDescribing() const
{
    return mDebounce->isActive() || mJobRunning || mPending;
}

void ModelCardPane::scheduleRefresh()
{
    mPending = true;
    if (!isVisible())
        return; // when the pane is shown (showEvent)
    if (!mayDescribe())
        return; // later (see the header)
    mDebounce->start();
}

bool ModelCardPane::mayDescribe() const
{
    if (!mController || mController->isIdle())
        return true;
    if (mController->state() == TrainingController::State::Busy)
        return false; // the session is being created from its seed
    // A run is on: only when nothing of the picked model is shown yet.
    return mPanel && mGraphView->graph().model_id != mPanel->modelId().toStdString();
}

void ModelCardPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // A dock opens at its minimum width: give the graph room once.
    auto *dock = qobject_cast<QDockWidget *>(parentWidget());
    auto *main = dock ? qobject_cast<QMainWindow *>(dock->parentWidget()) : nullptr;
    if (!mWidened && main && !dock->isFloating() && width() < sizeHint().width()) {
        mWidened = true;
        QTimer::singleShot(0, main, [main, dock, w = sizeHint().width()] { main->resizeDocks({dock}, {w}, Qt::Horizontal); });
    }
    if (mPending)
        scheduleRefresh();
}

void ModelCardPane::refresh()
{
    if (!mPanel || !isVisible() || !mayDescribe())
        return;
    if (mJobRunning) {
        mDebounce->start(); // the newest request runs once the current job is done
        return;
    }
    mPending = false;
    const gs::SessionConfig config = mPanel->sessionConfig();
    const QString id = QString::fromStdString(config.model_id);
    const gs::ModelInfo *info = gs::find_model(config.model_id);
    if (id != mModelId) {
        mModelId = id;
        mGraphView->selectNode(QString());
        mTitle->setText(info ? QString::fromStdString(info->name) : id);
        mCard->setMarkdown(info ? forPane(modelcard::cardMarkdown(*info)) : QString());
    }
    if (!info)
        return;
    const QString key = datasetKey(config.dataset);
    const auto cached = mShapes.constFind(key);
    const bool haveShape = cached != mShapes.constEnd();
    const gs::GraphDataShape shape = haveShape ? *cached : gs::GraphDataShape{};
    mStatus->setText(tr("Describing the model…"));
    const quint64 generation = ++mGeneration;
    mJobRunning = true;
    mWatcher.setFuture(QtConcurrent::run([generation, id, config, key, haveShape, shape]() {
        Result r;
        r.generation = generation;
        r.modelId = id;
        r.shapeKey = key;
        try {
            r.shape = haveShape ? shape : gs::data_shape_for(config.dataset);
            r.haveShape = true;
            r.graph = gs::describe_model(config.model_id, config.params, r.shape);
        } catch (const std::exception &e) {
            r.error = QString::fromUtf8(e.what());
        }
        return r;
    }));
}

void ModelCardPane::onDescribed()
{
    mJobRunning = false; // cleared here, not by the future: the result is shown below
    const Result r = mWatcher.result();
    if (r.haveShape)
        mShapes.insert(r.shapeKey, r.shape);
    if (r.generation != mGeneration || r.modelId != mModelId)
        return; // a newer request is on its way
    const QString keep = mGraphView->selectedNode();
    if (!r.error.isEmpty()) {
        mGraphView->setMessage(r.error);
        mStatus->setText(tr("No overview graph for these settings."));
    } else {
        mGraphView->setGraph(r.graph);
        mStatus->setText(tr("%1 data, %2 trained parameters. Click a box for its layers.")
                             .arg(QString::fromStdString(r.graph.data_shape),
                                  QLocale().toString(qlonglong(r.graph.total_parameters()))));
    }
    if (!keep.isEmpty() && r.graph.find(keep.toStdString())) {
        mGraphView->selectNode(keep);
        showNode(keep);
    } else {
        showLosses();
    }
    emit graphShown(r.modelId);
}

void ModelCardPane::showNode(const QString &id)
{
    const gs::GraphNode *n = mGraphView->graph().find(id.toStdString());
    if (!n) {
        showLosses();
        return;
    }
    mLayers->clear();
    mLayers->setHeaderLabels({tr("Layer"), tr("Kind"), tr("Parameters")});
    const QLocale locale;
    if (n->kind != gs::GraphNode::Kind::Network) {
        auto *item = new QTreeWidgetItem(mLayers, {QString::fromStdString(n->label), QString::fromStdString(n->shape),
                                                  QString()});
        item->setToolTip(1, QString::fromStdString(n->note));
        if (!n->note.empty())
            new QTreeWidgetItem(mLayers, {QString(), QString::fromStdString(n->note), QString()});
        return;
    }
    for (const auto &layer : n->layers) {
        auto *item = new QTreeWidgetItem(mLayers, {QString::fromStdString(layer.name), QString::fromStdString(layer.kind),
                                                  locale.toString(qlonglong(layer.parameters))});
        item->setToolTip(1, QString::fromStdString(layer.kind));
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
    }
    auto *total = new QTreeWidgetItem(mLayers, {tr("total"), QStringLiteral("%1 → %2").arg(
                                                                 QString::fromStdString(n->input_shape),
                                                                 QString::fromStdString(n->output_shape)),
                                               locale.toString(qlonglong(n->parameters))});
    QFont bold = total->font(0);
    bold.setBold(true);
    for (int c = 0; c < 3; ++c)
        total->setFont(c, bold);
    total->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
}

void ModelCardPane::showLosses()
{
    // Nothing selected: the losses on the graph's edges, written out.
    mLayers->clear();
    mLayers->setHeaderLabels({tr("Loss"), tr("Written out"), QString()});
    for (const auto &e : mGraphView->graph().edges) {
        if (!e.is_loss)
            continue;
        auto *item = new QTreeWidgetItem(mLayers, {QString::fromStdString(e.loss), QString::fromStdString(e.formula), QString()});
        item->setToolTip(1, QString::fromStdString(e.formula));
    }
}

void ModelCardPane::onLosses(const QStringList &names, const std::vector<LossPoint> &points)
{
    if (points.empty() || mSessionModel.isEmpty() || mSessionModel != mModelId)
        return;
    const LossPoint &last = points.back();
    QHash<QString, double> values;
    for (int i = 0; i < names.size() && i < int(last.values.size()); ++i)
        values.insert(names[i], last.values[size_t(i)]);
    mGraphView->setLossValues(values);
}
