#include "presenter/recorddialog.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include "presenter/viewrecorder.h"
#include "support/studiosettings.h"

RecordDialog::RecordDialog(const QString &defaultFolder, QWidget *parent)
    : QDialog(parent)
    , mTarget(new QComboBox(this))
    , mFormat(new QComboBox(this))
    , mFps(new QSpinBox(this))
    , mSeconds(new QSpinBox(this))
    , mPath(new QLineEdit(this))
{
    setObjectName(QStringLiteral("recordDialog"));
    setWindowTitle(tr("Record View"));
    mTarget->setObjectName(QStringLiteral("recordTargetCombo"));
    mFormat->setObjectName(QStringLiteral("recordFormatCombo"));
    mFps->setObjectName(QStringLiteral("recordFpsSpin"));
    mSeconds->setObjectName(QStringLiteral("recordSecondsSpin"));
    mPath->setObjectName(QStringLiteral("recordPathEdit"));

    mTarget->addItem(tr("The current tab"));
    mTarget->addItem(tr("The whole window"));
    mFormat->addItem(tr("Animated GIF"), QStringLiteral("gif"));
    mFormat->addItem(tr("MP4 video"), QStringLiteral("mp4"));
    mFps->setRange(ViewRecorder::kMinFps, ViewRecorder::kMaxFps);
    mFps->setSuffix(tr(" fps"));
    mFps->setToolTip(tr("Frames per second: 5–10 is enough for training curves, 25 for "
                        "smooth slider moves"));
    mSeconds->setRange(0, 3600);
    mSeconds->setSuffix(tr(" s"));
    mSeconds->setSpecialValueText(tr("until stopped"));
    mSeconds->setToolTip(tr("Stop after this long, or record until View ▸ Stop Recording"));

    auto *browse = new QToolButton(this);
    browse->setText(tr("…"));
    browse->setToolTip(tr("Choose the file"));
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(mPath, 1);
    pathRow->addWidget(browse);

    auto *form = new QFormLayout;
    form->addRow(tr("Record:"), mTarget);
    form->addRow(tr("Format:"), mFormat);
    form->addRow(tr("Rate:"), mFps);
    form->addRow(tr("Duration:"), mSeconds);
    form->addRow(tr("File:"), pathRow);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Record"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);

    const StudioSettings settings;
    setWholeWindow(settings.recordWholeWindow());
    setFps(settings.recordFps());
    setSeconds(settings.recordSeconds());
    setFormat(settings.recordFormat());
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    setPath(QDir(defaultFolder).filePath(QStringLiteral("genstudio-%1.%2")
                                             .arg(stamp, mFormat->currentData().toString())));

    connect(browse, &QToolButton::clicked, this, &RecordDialog::browse);
    connect(mFormat, &QComboBox::currentIndexChanged, this, &RecordDialog::followFormat);
    connect(mPath, &QLineEdit::textChanged, this, [this, buttons] {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!mPath->text().trimmed().isEmpty());
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

bool RecordDialog::wholeWindow() const { return mTarget->currentIndex() == 1; }
int RecordDialog::fps() const { return mFps->value(); }
int RecordDialog::seconds() const { return mSeconds->value(); }

QString RecordDialog::path() const
{
    QString path = mPath->text().trimmed();
    const QString suffix = mFormat->currentData().toString();
    if (!path.isEmpty() && QFileInfo(path).suffix().toLower() != suffix)
        path += QLatin1Char('.') + suffix;
    return path;
}

void RecordDialog::setPath(const QString &path) { mPath->setText(path); }
void RecordDialog::setFps(int fps) { mFps->setValue(fps); }
void RecordDialog::setSeconds(int seconds) { mSeconds->setValue(seconds); }
void RecordDialog::setWholeWindow(bool on) { mTarget->setCurrentIndex(on ? 1 : 0); }

void RecordDialog::setFormat(const QString &suffix)
{
    const int index = mFormat->findData(suffix);
    mFormat->setCurrentIndex(index >= 0 ? index : 0);
}

void RecordDialog::followFormat()
{
    // The file's suffix follows the format.
    const QString suffix = mFormat->currentData().toString();
    const QFileInfo info(mPath->text().trimmed());
    const QString old = info.suffix().toLower();
    if (old == QLatin1String("gif") || old == QLatin1String("mp4")) {
        QString text = mPath->text().trimmed();
        text.chop(old.size());
        mPath->setText(text + suffix);
    }
}

void RecordDialog::browse()
{
    const QString suffix = mFormat->currentData().toString();
    const QString filter = suffix == QLatin1String("mp4") ? tr("MP4 video (*.mp4)")
                                                          : tr("Animated GIF (*.gif)");
    const QString chosen
        = QFileDialog::getSaveFileName(this, tr("Record to"), mPath->text(), filter);
    if (!chosen.isEmpty())
        mPath->setText(chosen);
}

void RecordDialog::saveChoices() const
{
    StudioSettings settings;
    settings.setRecordWholeWindow(wholeWindow());
    settings.setRecordFps(fps());
    settings.setRecordSeconds(seconds());
    settings.setRecordFormat(mFormat->currentData().toString());
    settings.setLastDirectory(QFileInfo(path()).absolutePath());
}
