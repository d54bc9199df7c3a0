#include "training/runrecordingbox.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>

#include "support/studiosettings.h"
#include "training/trainingcontroller.h"

RunRecordingBox::RunRecordingBox(QWidget *parent)
    : QWidget(parent)
    , mEverySpin(new QSpinBox(this))
    , mFolderLabel(new QLabel(this))
    , mShowButton(new QPushButton(tr("Show run folder"), this))
{
    setObjectName(QStringLiteral("runRecordingBox"));
    mEverySpin->setObjectName(QStringLiteral("checkpointEverySpin"));
    mEverySpin->setRange(0, 1000000);
    mEverySpin->setSingleStep(50);
    mEverySpin->setSuffix(tr(" steps"));
    mEverySpin->setSpecialValueText(tr("never"));
    mEverySpin->setToolTip(tr("Training keeps a checkpoint in the run folder every this many steps, "
                              "for the Explore tab's Timeline. The newest %1 stay; older ones thin "
                              "out (the spacing doubles with age), so a long run keeps a few dozen.")
                               .arg(StudioSettings::kDefaultCheckpointsKept));
    mEverySpin->setValue(int(StudioSettings().checkpointEvery()));
    connect(mEverySpin, &QSpinBox::valueChanged, this,
            [](int steps) { StudioSettings().setCheckpointEvery(steps); });

    mFolderLabel->setObjectName(QStringLiteral("runFolderLabel"));
    mFolderLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    mFolderLabel->setWordWrap(true);
    mShowButton->setObjectName(QStringLiteral("showRunFolderButton"));
    mShowButton->setToolTip(tr("Open the session's run folder (metrics.csv, run.json, checkpoints) "
                               "in the file manager"));
    connect(mShowButton, &QPushButton::clicked, this, &RunRecordingBox::showRunFolder);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(6, 0, 6, 6);
    layout->addWidget(new QLabel(tr("Keep a checkpoint every"), this), 0, 0);
    layout->addWidget(mEverySpin, 0, 1);
    layout->addWidget(mFolderLabel, 1, 0);
    layout->addWidget(mShowButton, 1, 1);
    layout->setColumnStretch(0, 1);
    setRunFolder(QString());
}

void RunRecordingBox::setController(TrainingController *controller)
{
    connect(controller, &TrainingController::runFolderChanged, this, &RunRecordingBox::setRunFolder);
    setRunFolder(controller->runFolder());
}

long RunRecordingBox::checkpointEvery() const
{
    return mEverySpin->value();
}

void RunRecordingBox::setCheckpointEvery(long steps)
{
    mEverySpin->setValue(int(steps));
}

void RunRecordingBox::setRunFolder(const QString &folder)
{
    mFolder = folder;
    mShowButton->setEnabled(!folder.isEmpty());
    if (folder.isEmpty()) {
        mFolderLabel->setText(tr("Run folder: made when training starts"));
        mFolderLabel->setToolTip(tr("Runs go to %1").arg(QDir::toNativeSeparators(StudioSettings().runsFolder())));
        return;
    }
    mFolderLabel->setText(tr("Run folder: %1").arg(QFileInfo(folder).fileName()));
    mFolderLabel->setToolTip(QDir::toNativeSeparators(folder));
}

void RunRecordingBox::showRunFolder() const
{
    if (mFolder.isEmpty())
        return;
    emit const_cast<RunRecordingBox *>(this)->showRunFolderRequested(mFolder);
    QDesktopServices::openUrl(QUrl::fromLocalFile(mFolder));
}
