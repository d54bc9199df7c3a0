#include "explore/torchscriptdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>
#include <exception>

#include "widgets/notelabel.h"
#include "support/studiosettings.h"

namespace {

QString quoted(const QString &path)
{
    return QStringLiteral("“%1”").arg(QFileInfo(path).fileName());
}

} // namespace

TorchScriptDialog::TorchScriptDialog(QWidget *parent)
    : QDialog(parent)
    , mPath(new QLineEdit(this))
    , mSidecar(makeNoteLabel(this))
    , mKind(new QComboBox(this))
    , mLatent(new QSpinBox(this))
    , mSizeLabel(new QLabel(this))
    , mHeight(new QSpinBox(this))
    , mWidth(new QSpinBox(this))
    , mChannels(new QComboBox(this))
    , mRange(new QComboBox(this))
    , mRangeMin(new QDoubleSpinBox(this))
    , mRangeMax(new QDoubleSpinBox(this))
    , mProblem(new QLabel(this))
    , mButtons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("torchScriptDialog"));
    setWindowTitle(tr("Import a TorchScript Model"));
    mPath->setObjectName(QStringLiteral("modulePath"));
    mPath->setPlaceholderText(tr("A module saved with torch.jit.save (.pt)"));
    mPath->setMinimumWidth(360);
    auto *browse = new QPushButton(tr("Browse…"), this);
    mKind->addItem(tr("Generator: latent → image"), QStringLiteral("generator"));
    mKind->addItem(tr("Translator: image → image"), QStringLiteral("translator"));
    mLatent->setRange(1, 4096);
    mLatent->setValue(100);
    mLatent->setToolTip(tr("The length of the latent vector the generator takes (N × latent)"));
    for (QSpinBox *box : {mHeight, mWidth}) {
        box->setRange(1, 4096);
        box->setValue(28);
        box->setSuffix(tr(" px"));
    }
    mChannels->addItem(tr("1 (gray)"), 1);
    mChannels->addItem(tr("3 (RGB)"), 3);
    mRange->addItem(tr("[−1, 1] (tanh output)"));
    mRange->addItem(tr("[0, 1] (sigmoid output)"));
    mRange->addItem(tr("Custom"));
    for (QDoubleSpinBox *box : {mRangeMin, mRangeMax}) {
        box->setRange(-1e6, 1e6);
        box->setDecimals(3);
    }
    mRangeMin->setValue(-1);
    mRangeMax->setValue(1);
    mProblem->setObjectName(QStringLiteral("torchScriptProblem"));
    mProblem->setWordWrap(true);
    QPalette pal = mProblem->palette();
    pal.setColor(QPalette::WindowText, QColor(0xb0, 0x20, 0x20));
    mProblem->setPalette(pal);
    mSidecar->setObjectName(QStringLiteral("sidecarNote"));

    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(mPath, 1);
    pathRow->addWidget(browse);
    auto *sizeRow = new QHBoxLayout;
    sizeRow->addWidget(mHeight);
    sizeRow->addWidget(new QLabel(QStringLiteral("×"), this));
    sizeRow->addWidget(mWidth);
    sizeRow->addStretch(1);
    auto *rangeRow = new QHBoxLayout;
    rangeRow->addWidget(mRange, 1);
    rangeRow->addWidget(mRangeMin);
    rangeRow->addWidget(new QLabel(tr("to"), this));
    rangeRow->addWidget(mRangeMax);
    auto *form = new QFormLayout;
    form->addRow(tr("Module:"), pathRow);
    form->addRow(QString(), mSidecar);
    form->addRow(tr("Kind:"), mKind);
    form->addRow(tr("Latent size:"), mLatent);
    form->addRow(mSizeLabel, sizeRow);
    form->addRow(tr("Channels:"), mChannels);
    form->addRow(tr("Value range:"), rangeRow);
    auto *note = makeNoteLabel(this);
    note->setText(tr("The module is run once on a small batch when it loads; if its output "
                     "differs from what is described here, the Explore tab says how and keeps "
                     "the model it had."));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(mProblem);
    layout->addWidget(mButtons);

    connect(browse, &QPushButton::clicked, this, &TorchScriptDialog::browse);
    connect(mPath, &QLineEdit::editingFinished, this, &TorchScriptDialog::readSidecar);
    connect(mPath, &QLineEdit::textChanged, this, &TorchScriptDialog::updateState);
    connect(mKind, &QComboBox::currentIndexChanged, this, &TorchScriptDialog::updateState);
    connect(mRange, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index == RangeMinusOneOne) {
            mRangeMin->setValue(-1);
            mRangeMax->setValue(1);
        } else if (index == RangeZeroOne) {
            mRangeMin->setValue(0);
            mRangeMax->setValue(1);
        }
        updateState();
    });
    connect(mRangeMin, &QDoubleSpinBox::valueChanged, this, &TorchScriptDialog::updateState);
    connect(mRangeMax, &QDoubleSpinBox::valueChanged, this, &TorchScriptDialog::updateState);
    connect(mButtons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(mButtons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    mSidecar->setText(tr("Choose a module; a descriptor PATH.json next to it fills in the rest."));
    updateState();
}

bool TorchScriptDialog::isModulePath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("pt") || suffix == QLatin1String("pth")
           || suffix == QLatin1String("ptl") || suffix == QLatin1String("torchscript");
}

void TorchScriptDialog::browse()
{
    StudioSettings settings;
    const QString start = mPath->text().isEmpty() ? settings.lastDirectory()
                                                  : QFileInfo(mPath->text()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Choose a TorchScript Module"), start,
        tr("TorchScript modules (*.pt *.pth *.ptl *.torchscript);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setLastDirectory(QFileInfo(path).absolutePath());
    setModulePath(path);
}

void TorchScriptDialog::setModulePath(const QString &path)
{
    mPath->setText(QDir::toNativeSeparators(path));
    readSidecar();
}

QString TorchScriptDialog::modulePath() const
{
    return QDir::fromNativeSeparators(mPath->text().trimmed());
}

QString TorchScriptDialog::sidecarText() const
{
    return mSidecar->text();
}

void TorchScriptDialog::readSidecar()
{
    const QString path = modulePath();
    mSidecarUsed = false;
    if (path.isEmpty() || !QFileInfo(path).isFile()) {
        mSidecar->setText(tr("Choose a module; a descriptor PATH.json next to it fills in the "
                             "rest."));
        updateState();
        return;
    }
    const std::string file = QFile::encodeName(path).toStdString();
    if (!gs::has_torchscript_sidecar(file)) {
        mSidecar->setText(tr("No descriptor %1 next to the module: describe it below.")
                              .arg(quoted(path + QStringLiteral(".json"))));
        updateState();
        return;
    }
    try {
        setDescriptor(gs::read_torchscript_sidecar(file));
        mSidecarUsed = true;
        mSidecar->setText(tr("Filled in from %1.").arg(quoted(path + QStringLiteral(".json"))));
    } catch (const std::exception &e) {
        mSidecar->setText(tr("%1 could not be used (%2) — describe the module below.")
                              .arg(quoted(path + QStringLiteral(".json")),
                                   QString::fromStdString(e.what())));
    }
    updateState();
}

void TorchScriptDialog::setDescriptor(const gs::TorchScriptDescriptor &d)
{
    mKind->setCurrentIndex(d.kind == "translator" ? 1 : 0);
    if (d.latent_dim > 0)
        mLatent->setValue(int(d.latent_dim));
    if (d.height > 0)
        mHeight->setValue(int(d.height));
    if (d.width > 0)
        mWidth->setValue(int(d.width));
    mChannels->setCurrentIndex(d.channels == 3 ? 1 : 0);
    if (d.range_min == -1 && d.range_max == 1) {
        setRangePreset(RangeMinusOneOne);
    } else if (d.range_min == 0 && d.range_max == 1) {
        setRangePreset(RangeZeroOne);
    } else {
        setRangePreset(RangeCustom);
        mRangeMin->setValue(d.range_min);
        mRangeMax->setValue(d.range_max);
    }
    updateState();
}

void TorchScriptDialog::setRangePreset(Range range)
{
    mRange->setCurrentIndex(int(range));
}

gs::TorchScriptDescriptor TorchScriptDialog::descriptor() const
{
    gs::TorchScriptDescriptor d;
    d.kind = mKind->currentData().toString().toStdString();
    d.latent_dim = d.kind == "generator" ? mLatent->value() : 0;
    d.height = mHeight->value();
    d.width = mWidth->value();
    d.channels = mChannels->currentData().toInt();
    d.range_min = mRangeMin->value();
    d.range_max = mRangeMax->value();
    return d;
}

QString TorchScriptDialog::validationMessage() const
{
    const QString path = modulePath();
    if (path.isEmpty())
        return tr("Choose the module file (saved with torch.jit.save).");
    const QFileInfo info(path);
    if (!info.exists())
        return tr("%1 does not exist.").arg(QDir::toNativeSeparators(path));
    if (!info.isFile())
        return tr("%1 is not a file.").arg(quoted(path));
    if (info.size() == 0)
        return tr("%1 is empty (0 bytes).").arg(quoted(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tr("%1 cannot be read (%2).").arg(quoted(path), file.errorString());
    if (file.read(4) != QByteArray("PK\x03\x04", 4))
        return tr("%1 is not a TorchScript module: torch.jit.save writes a zip archive, and "
                  "this file is not one. Save the model with torch.jit.save(torch.jit.script(m)) "
                  "or torch.jit.trace.")
            .arg(quoted(path));
    if (!(mRangeMin->value() < mRangeMax->value()))
        return tr("The value range must go from a smaller to a larger number (%1 to %2).")
            .arg(mRangeMin->value())
            .arg(mRangeMax->value());
    return {};
}

void TorchScriptDialog::updateState()
{
    const bool generator = mKind->currentIndex() == 0;
    mLatent->setEnabled(generator);
    mSizeLabel->setText(generator ? tr("Output size:") : tr("Training size:"));
    mHeight->setToolTip(generator ? tr("Height of the images the generator makes")
                                  : tr("Height of the images the translator was trained on "
                                       "(it takes any size)"));
    mWidth->setToolTip(mHeight->toolTip().replace(tr("Height"), tr("Width")));
    const bool custom = mRange->currentIndex() == RangeCustom;
    mRangeMin->setEnabled(custom);
    mRangeMax->setEnabled(custom);
    const QString problem = validationMessage();
    mProblem->setText(problem);
    mProblem->setVisible(!problem.isEmpty());
    mButtons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}
