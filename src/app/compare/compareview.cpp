// compareview.cpp — the Compare tab's layout and its list of runs.
#include "compare/compareview.h"

#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

#include "compare/compareplot.h"
#include "compare/comparesamples.h"
#include "compare/comparetable.h"
#include "core/train/run_comparison.h"
#include "support/guardedjob.h"
#include "support/studiosettings.h"
#include "training/trainingcontroller.h"
#include "widgets/messagebanner.h"

CompareView::CompareView(TrainingController *controller, MessageBanner *banner, QWidget *parent)
    : QWidget(parent)
    , mController(controller)
    , mBanner(banner)
{
    setAcceptDrops(true);
    buildLayout();
    if (mController) {
        // A saved checkpoint of a run in the list: read that run again.
        connect(mController, &TrainingController::checkpointSaved, this, [this](const QString &path, qint64) {
            const QString folder = QFileInfo(path).absolutePath();
            for (const QString &p : std::as_const(mPaths)) {
                if (p == QFileInfo(path).absoluteFilePath() || p == folder) {
                    reloadRuns();
                    break;
                }
            }
            refreshRecentRuns();
        });
    }
    const StudioSettings settings;
    setSmoothing(settings.compareSmoothing());
    for (const QString &path : settings.comparedRuns()) {
        if (QFileInfo::exists(path))
            addRun(path);
    }
    mLastError.clear();
    refreshRecentRuns();
}

void CompareView::buildLayout()
{
    auto *runsBox = new QGroupBox(tr("Runs"), this);
    auto *runsLayout = new QVBoxLayout(runsBox);
    mRunList = new QListWidget(runsBox);
    mRunList->setToolTip(tr("The runs compared, in their plot colours. Drop run folders or checkpoints here."));
    runsLayout->addWidget(mRunList, 2);
    auto *addFolder = new QPushButton(tr("Add Run Folder…"), runsBox);
    auto *addCheckpoint = new QPushButton(tr("Add Checkpoint…"), runsBox);
    auto *addSession = new QPushButton(tr("Add Current Session"), runsBox);
    addSession->setToolTip(tr("The training session's last saved checkpoint and the run it belongs to"));
    auto *remove = new QPushButton(tr("Remove"), runsBox);
    auto *reload = new QPushButton(tr("Reload"), runsBox);
    reload->setToolTip(tr("Read every run again (runs still training have grown)"));
    auto *grid = new QGridLayout;
    grid->addWidget(addFolder, 0, 0);
    grid->addWidget(addCheckpoint, 0, 1);
    grid->addWidget(addSession, 1, 0, 1, 2);
    grid->addWidget(remove, 2, 0);
    grid->addWidget(reload, 2, 1);
    runsLayout->addLayout(grid);
    runsLayout->addWidget(new QLabel(tr("Recent runs (double-click to add):"), runsBox));
    mRecentList = new QListWidget(runsBox);
    runsLayout->addWidget(mRecentList, 1);
    mRunsFolderLabel = new QLabel(runsBox);
    mRunsFolderLabel->setWordWrap(true);
    mRunsFolderLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *changeFolder = new QPushButton(tr("Runs Folder…"), runsBox);
    runsLayout->addWidget(mRunsFolderLabel);
    runsLayout->addWidget(changeFolder);
    runsBox->setMinimumWidth(250);
    runsBox->setMaximumWidth(340);

    connect(addFolder, &QPushButton::clicked, this, &CompareView::chooseFolder);
    connect(addCheckpoint, &QPushButton::clicked, this, &CompareView::chooseCheckpoint);
    connect(addSession, &QPushButton::clicked, this, &CompareView::addCurrentSession);
    connect(remove, &QPushButton::clicked, this, [this] { removeRun(mRunList->currentRow()); });
    connect(reload, &QPushButton::clicked, this, &CompareView::reloadRuns);
    connect(changeFolder, &QPushButton::clicked, this, &CompareView::chooseRunsFolder);
    connect(mRecentList, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { addRun(item->data(Qt::UserRole).toString()); });

    // Controls over the chart.
    mSeries = new QComboBox(this);
    mSeries->setToolTip(tr("The loss or metric drawn for every run"));
    mSmoothing = new QSlider(Qt::Horizontal, this);
    mSmoothing->setRange(0, 99);
    mSmoothing->setToolTip(tr("Smoothing: an exponential moving average as in TensorBoard; the raw values stay faint behind"));
    mSmoothing->setMaximumWidth(160);
    mSmoothingValue = new QLabel(this);
    mXAxis = new QComboBox(this);
    mXAxis->addItem(tr("Step"));
    mXAxis->addItem(tr("Wall time"));
    auto *csv = new QPushButton(tr("Export Table…"), this);
    csv->setToolTip(tr("The table as CSV"));
    auto *png = new QPushButton(tr("Export View…"), this);
    png->setToolTip(tr("This view as a PNG picture"));
    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Series:"), this));
    controls->addWidget(mSeries, 1);
    controls->addWidget(new QLabel(tr("Smoothing:"), this));
    controls->addWidget(mSmoothing);
    controls->addWidget(mSmoothingValue);
    controls->addWidget(new QLabel(tr("X axis:"), this));
    controls->addWidget(mXAxis);
    controls->addStretch(0);
    controls->addWidget(csv);
    controls->addWidget(png);

    mPlot = new ComparePlot(this);
    mTable = new CompareTable(this);
    mSamples = new CompareSamples(this);
    mSeed = new QSpinBox(this);
    mSeed->setRange(0, 1000000);
    mSeed->setValue(1);
    mSeed->setToolTip(tr("Every run draws from the same seeds: this one and the next seven"));
    mProgress = new QProgressBar(this);
    mProgress->setMaximumWidth(200);
    mProgress->setFormat(tr("%v of %m checkpoints"));
    mProgress->hide();
    auto *samplesBox = new QGroupBox(tr("Samples from the same seeds"), this);
    auto *samplesLayout = new QVBoxLayout(samplesBox);
    auto *seedRow = new QHBoxLayout;
    seedRow->addWidget(new QLabel(tr("First seed:"), samplesBox));
    seedRow->addWidget(mSeed);
    seedRow->addWidget(mProgress);
    seedRow->addStretch(1);
    samplesLayout->addLayout(seedRow);
    samplesLayout->addWidget(mSamples, 1);

    mEmpty = new QLabel(tr("Add two or more runs to compare them: run folders written by training (metrics.csv, "
                           "checkpoints), or checkpoints. Drop them here, use the buttons, or double-click a recent run."),
                        this);
    mEmpty->setWordWrap(true);
    mEmpty->setAlignment(Qt::AlignCenter);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(mPlot);
    split->addWidget(mTable);
    split->addWidget(samplesBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setStretchFactor(2, 2);
    auto *right = new QVBoxLayout;
    right->addLayout(controls);
    right->addWidget(mEmpty);
    right->addWidget(split, 1);

    auto *layout = new QHBoxLayout(this);
    layout->addWidget(runsBox);
    layout->addLayout(right, 1);

    connect(mSeries, &QComboBox::currentTextChanged, mPlot, &ComparePlot::setSeries);
    connect(mSmoothing, &QSlider::valueChanged, this, [this](int value) {
        mPlot->setSmoothing(value / 100.0);
        mSmoothingValue->setText(QString::number(value / 100.0, 'f', 2));
        StudioSettings().setCompareSmoothing(value / 100.0);
    });
    connect(mXAxis, &QComboBox::currentIndexChanged, this, [this](int index) { mPlot->setWallTime(index == 1); });
    connect(mSeed, &QSpinBox::valueChanged, this, [this](int seed) { mSamples->setFirstSeed(static_cast<unsigned long>(seed)); });
    connect(mSamples, &CompareSamples::progress, this, [this](int done, int total) {
        mProgress->setRange(0, total);
        mProgress->setValue(done);
        mProgress->setVisible(done < total);
    });
    connect(csv, &QPushButton::clicked, this, &CompareView::chooseCsv);
    connect(png, &QPushButton::clicked, this, &CompareView::choosePng);
    mSmoothingValue->setText(QString::number(0.0, 'f', 2));
}

bool CompareView::refuse(const QString &sentence)
{
    mLastError = sentence;
    if (mBanner)
        mBanner->showMessage(MessageBanner::Kind::Error, sentence);
    return false;
}

bool CompareView::addRun(const QString &path)
{
    const QFileInfo info(path);
    const QString absolute = info.absoluteFilePath();
    if (path.isEmpty() || !info.exists())
        return refuse(tr("“%1” does not exist, so it cannot be compared.").arg(path));
    if (info.isDir()) {
        const QDir dir(absolute);
        if (!dir.exists(QStringLiteral("metrics.csv")) && !dir.exists(QStringLiteral("checkpoint.gsckpt"))
            && dir.entryList({QStringLiteral("step-*.gsckpt")}, QDir::Files).isEmpty())
            return refuse(tr("“%1” is not a run: it holds no metrics.csv and no checkpoint. Pick a folder that "
                             "training wrote, or a checkpoint.")
                              .arg(info.fileName()));
    }
    gs::RunRecord record;
    QString message;
    const bool ok = runGuarded([&] { record = gs::read_run(absolute.toStdString()); }, message,
                               {tr("There is not enough memory to read this run."),
                                tr("“%1” could not be read as a run: %2").arg(info.fileName(), QStringLiteral("%1"))});
    if (!ok)
        return refuse(message);
    if (record.metrics.rows.empty() && record.latest_checkpoint.empty())
        return refuse(tr("“%1” holds neither training metrics nor a checkpoint, so there is nothing to compare.")
                          .arg(info.fileName()));
    const QString key = record.folder.empty() ? absolute : QFileInfo(QString::fromStdString(record.folder)).absoluteFilePath();
    for (size_t i = 0; i < mRuns.size(); ++i) {
        const QString other = mRuns[i].folder.empty() ? mPaths[int(i)]
                                                      : QFileInfo(QString::fromStdString(mRuns[i].folder)).absoluteFilePath();
        if (other == key)
            return refuse(tr("The run “%1” is already in the comparison.").arg(QString::fromStdString(record.name)));
    }
    mRuns.push_back(std::move(record));
    mPaths.push_back(absolute);
    mLastError.clear();
    runsUpdated();
    return true;
}

bool CompareView::addCurrentSession()
{
    if (!mController || !mController->hasSession())
        return refuse(tr("There is no training session yet: train a model or open a checkpoint first."));
    const QString path = mController->checkpointPath();
    if (path.isEmpty())
        return refuse(tr("The current session has not been saved yet: save a checkpoint (File menu), then add it."));
    return addRun(path);
}

void CompareView::removeRun(int index)
{
    if (index < 0 || index >= runCount())
        return;
    mRuns.erase(mRuns.begin() + index);
    mPaths.removeAt(index);
    runsUpdated();
}

void CompareView::reloadRuns()
{
    for (int i = 0; i < runCount(); ++i) {
        QString message;
        gs::RunRecord record;
        if (runGuarded([&] { record = gs::read_run(mPaths[i].toStdString()); }, message,
                       {tr("There is not enough memory to read this run."), tr("A run could not be read again: %1")}))
            mRuns[i] = std::move(record);
        else
            refuse(message);
    }
    runsUpdated();
}

QStringList CompareView::seriesNames() const
{
    QStringList names;
    for (int i = 0; i < mSeries->count(); ++i)
        names << mSeries->itemText(i);
    return names;
}

void CompareView::setSeries(const QString &name)
{
    mSeries->setCurrentText(name);
}

void CompareView::setSmoothing(double weight)
{
    mSmoothing->setValue(qRound(std::clamp(weight, 0.0, 0.99) * 100));
    mPlot->setSmoothing(mSmoothing->value() / 100.0);
}

void CompareView::setWallTime(bool on)
{
    mXAxis->setCurrentIndex(on ? 1 : 0);
}

void CompareView::setFirstSeed(unsigned long seed)
{
    mSeed->setValue(int(seed));
}

void CompareView::runsUpdated()
{
    mRunList->clear();
    for (size_t i = 0; i < mRuns.size(); ++i) {
        const gs::RunRecord &run = mRuns[i];
        QPixmap swatch(12, 12);
        swatch.fill(ComparePlot::runColor(int(i)));
        auto *item = new QListWidgetItem(QIcon(swatch), QString::fromStdString(run.name), mRunList);
        item->setToolTip(tr("%1\n%2 on %3, %4 logged rows%5")
                             .arg(mPaths[int(i)], QString::fromStdString(run.model_id), QString::fromStdString(run.dataset_id))
                             .arg(run.metrics.rows.size())
                             .arg(run.skipped_rows ? tr(", %1 damaged rows skipped").arg(run.skipped_rows) : QString()));
    }
    const QString current = mSeries->currentText();
    const QSignalBlocker block(mSeries);
    mSeries->clear();
    for (const std::string &s : gs::comparison_series(mRuns))
        mSeries->addItem(QString::fromStdString(s));
    const int keep = mSeries->findText(current);
    mSeries->setCurrentIndex(keep >= 0 ? keep : 0);
    mPlot->setRuns(mRuns);
    mPlot->setSeries(mSeries->currentText());
    mTable->setRuns(mRuns);
    mSamples->setRuns(mRuns);
    mEmpty->setVisible(mRuns.empty());
    StudioSettings().setComparedRuns(mPaths);
    emit runsChanged();
}
