#include "dataset/generatedatasetdialog.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "core/explore/dataset_maker.h"
#include "core/explore/explorer.h"
#include "support/guardedjob.h"
#include "support/studiosettings.h"
#include "training/trainingcontroller.h"

namespace {

struct JobResult
{
    bool ok = false;
    bool cancelled = false;
    QString message;
};

} // namespace

QAction *GenerateDatasetDialog::createAction(TrainingController *controller, QWidget *parent)
{
    auto *action = new QAction(tr("Generate a Dataset…"), parent);
    action->setToolTip(tr("Draw N images from a checkpoint and write them as a PNG folder or IDX files that open "
                          "again as a dataset"));
    QObject::connect(action, &QAction::triggered, parent, [controller, parent] {
        QString checkpoint = controller ? controller->checkpointPath() : QString();
        if (checkpoint.isEmpty() && !StudioSettings().recentCheckpoints().isEmpty())
            checkpoint = StudioSettings().recentCheckpoints().first();
        auto *dialog = new GenerateDatasetDialog(checkpoint, parent->window());
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    return action;
}

GenerateDatasetDialog::GenerateDatasetDialog(const QString &checkpoint, QWidget *parent)
    : QDialog(parent)
    , mPoll(new QTimer(this))
{
    setWindowTitle(tr("Generate a Dataset"));
    mCheckpoint = new QLineEdit(checkpoint, this);
    auto *browseCheckpoint = new QPushButton(tr("Browse…"), this);
    auto *checkpointRow = new QHBoxLayout;
    checkpointRow->addWidget(mCheckpoint, 1);
    checkpointRow->addWidget(browseCheckpoint);
    mCount = new QSpinBox(this);
    mCount->setRange(1, 100000);
    mCount->setValue(1000);
    mFormat = new QComboBox(this);
    mFormat->addItem(tr("PNG folder (opens as the image folder dataset)"));
    mFormat->addItem(tr("IDX files (open as Fashion-MNIST with --data-path; gray images only)"));
    mSeed = new QSpinBox(this);
    mSeed->setRange(0, 1000000000);
    mSeed->setValue(1);
    mSeed->setToolTip(tr("Image i is drawn from seed + i, the Samples view's seeds"));
    mTruncate = new QCheckBox(tr("Truncation ψ (style-based models)"), this);
    mPsi = new QDoubleSpinBox(this);
    mPsi->setRange(0.0, 2.0);
    mPsi->setSingleStep(0.1);
    mPsi->setValue(0.7);
    mPsi->setEnabled(false);
    auto *psiRow = new QHBoxLayout;
    psiRow->addWidget(mTruncate);
    psiRow->addWidget(mPsi);
    const QString base = QDir(StudioSettings().lastDirectory()).filePath(QStringLiteral("generated-dataset"));
    mFolder = new QLineEdit(base, this);
    auto *browseFolder = new QPushButton(tr("Browse…"), this);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(mFolder, 1);
    folderRow->addWidget(browseFolder);

    auto *form = new QFormLayout;
    form->addRow(tr("Checkpoint:"), checkpointRow);
    form->addRow(tr("Images:"), mCount);
    form->addRow(tr("Format:"), mFormat);
    form->addRow(tr("First seed:"), mSeed);
    form->addRow(QString(), psiRow);
    form->addRow(tr("New folder:"), folderRow);

    mProgress = new QProgressBar(this);
    mProgress->setFormat(tr("%v of %m images"));
    mProgress->setValue(0);
    mStatus = new QLabel(this);
    mStatus->setWordWrap(true);
    mStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    mGenerate = new QPushButton(tr("Generate"), this);
    mGenerate->setDefault(true);
    mCancel = new QPushButton(tr("Cancel"), this);
    mCancel->setEnabled(false);
    auto *close = new QPushButton(tr("Close"), this);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(mGenerate);
    buttons->addWidget(mCancel);
    buttons->addWidget(close);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(mProgress);
    layout->addWidget(mStatus);
    layout->addLayout(buttons);
    resize(620, sizeHint().height());

    connect(mTruncate, &QCheckBox::toggled, mPsi, &QWidget::setEnabled);
    connect(browseCheckpoint, &QPushButton::clicked, this, &GenerateDatasetDialog::chooseCheckpoint);
    connect(browseFolder, &QPushButton::clicked, this, &GenerateDatasetDialog::chooseFolder);
    connect(mGenerate, &QPushButton::clicked, this, &GenerateDatasetDialog::start);
    connect(mCancel, &QPushButton::clicked, this, &GenerateDatasetDialog::cancel);
    connect(close, &QPushButton::clicked, this, &QDialog::close);
    connect(mPoll, &QTimer::timeout, this, [this] {
        if (!mShared)
            return;
        mProgress->setRange(0, std::max(1, mShared->total.load()));
        mProgress->setValue(mShared->done.load());
    });
}

GenerateDatasetDialog::~GenerateDatasetDialog()
{
    if (mShared)
        mShared->cancel = true; // the job stops after its batch and removes what it wrote
}

void GenerateDatasetDialog::setCheckpoint(const QString &path) { mCheckpoint->setText(path); }
void GenerateDatasetDialog::setOutputFolder(const QString &path) { mFolder->setText(path); }
void GenerateDatasetDialog::setCount(int n) { mCount->setValue(n); }
void GenerateDatasetDialog::setIdx(bool idx) { mFormat->setCurrentIndex(idx ? 1 : 0); }
void GenerateDatasetDialog::setSeed(unsigned long seed) { mSeed->setValue(int(seed)); }

void GenerateDatasetDialog::chooseCheckpoint()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Checkpoint"), QFileInfo(mCheckpoint->text()).absolutePath(),
                                                      tr("GenStudio checkpoints (*.gsckpt)"));
    if (!path.isEmpty())
        mCheckpoint->setText(path);
}

void GenerateDatasetDialog::chooseFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Dataset Folder (new or empty)"),
                                                          QFileInfo(mFolder->text()).absolutePath());
    if (!dir.isEmpty())
        mFolder->setText(dir);
}

bool GenerateDatasetDialog::start()
{
    if (mRunning)
        return false;
    const QString checkpoint = mCheckpoint->text().trimmed();
    if (checkpoint.isEmpty()) {
        finish(false, false, tr("Choose the checkpoint of a model that samples images."));
        return false;
    }
    gs::DatasetRequest request;
    request.out_dir = mFolder->text().trimmed().toStdString();
    request.n = mCount->value();
    request.format = mFormat->currentIndex() == 1 ? gs::DatasetFormat::Idx : gs::DatasetFormat::Png;
    request.seed = static_cast<unsigned long>(mSeed->value());
    request.truncation = mTruncate->isChecked() ? mPsi->value() : -1.0;
    request.checkpoint_path = QFileInfo(checkpoint).absoluteFilePath().toStdString();

    mShared = std::make_shared<Shared>();
    mShared->total = request.n;
    mRunning = true;
    mSucceeded = false;
    mGenerate->setEnabled(false);
    mCancel->setEnabled(true);
    mProgress->setRange(0, request.n);
    mProgress->setValue(0);
    mStatus->setText(tr("Opening the checkpoint…"));
    mPoll->start(100);

    std::shared_ptr<Shared> shared = mShared;
    auto *watcher = new QFutureWatcher<JobResult>(this);
    connect(watcher, &QFutureWatcher<JobResult>::finished, this, [this, watcher] {
        const JobResult r = watcher->result();
        watcher->deleteLater();
        finish(r.ok, r.cancelled, r.message);
    });
    watcher->setFuture(QtConcurrent::run([shared, request]() {
        JobResult r;
        QString message;
        r.ok = runGuarded(
            [&] {
                auto explorer = gs::Explorer::open(request.checkpoint_path);
                const gs::DatasetResult result = gs::make_dataset(*explorer, request, [&](int done, int total) {
                    shared->done = done;
                    shared->total = total;
                    return !shared->cancel.load();
                });
                r.cancelled = result.cancelled;
                const QString dir = QDir::toNativeSeparators(QString::fromStdString(result.out_dir));
                if (result.cancelled)
                    r.message = tr("Cancelled after %1 of %2 images; nothing was written.").arg(result.written).arg(request.n);
                else if (request.format == gs::DatasetFormat::Idx)
                    r.message = tr("Wrote %1 images of %2 to %3 as IDX files in %4 s. Train on them with "
                                   "genstudio-cli train --dataset fashion-mnist --data-path %3.")
                                    .arg(result.written)
                                    .arg(QString::fromStdString(explorer->model_info().name), dir)
                                    .arg(result.seconds, 0, 'f', 1);
                else
                    r.message = tr("Wrote %1 %2images of %3 to %4 in %5 s. Open it as a dataset: choose the image "
                                   "folder dataset in the Training panel and this folder.")
                                    .arg(result.written)
                                    .arg(result.labelled ? tr("labelled ") : QString(),
                                         QString::fromStdString(explorer->model_info().name), dir)
                                    .arg(result.seconds, 0, 'f', 1);
            },
            message,
            {tr("There is not enough memory to generate this many images."), tr("The dataset could not be generated: %1")});
        if (!r.ok)
            r.message = message;
        return r;
    }));
    return true;
}

void GenerateDatasetDialog::cancel()
{
    if (mShared)
        mShared->cancel = true;
    mStatus->setText(tr("Cancelling…"));
}

void GenerateDatasetDialog::finish(bool ok, bool cancelled, const QString &message)
{
    mPoll->stop();
    if (mShared) {
        mProgress->setRange(0, std::max(1, mShared->total.load()));
        mProgress->setValue(mShared->done.load());
    }
    mRunning = false;
    mSucceeded = ok && !cancelled;
    mMessage = message;
    mGenerate->setEnabled(true);
    mCancel->setEnabled(false);
    mStatus->setText(message);
    if (mSucceeded)
        StudioSettings().setLastDirectory(QFileInfo(mFolder->text()).absolutePath());
    emit generationFinished(mSucceeded, message);
}
