#include "explore/torchscriptdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include <cmath>
#include <exception>

#include "support/quotedfilename.h"
#include "support/studiosettings.h"
#include "ui_torchscriptdialog.h"
#include "widgets/notelabel.h"

TorchScriptDialog::TorchScriptDialog(QWidget *parent)
    : QDialog(parent)
    , mUi(std::make_unique<Ui::TorchScriptDialog>())
{
    mUi->setupUi(this);
    // The choices whose data the descriptor reads.
    mUi->kindBox->addItem(tr("Generator: latent → image"), QStringLiteral("generator"));
    mUi->kindBox->addItem(tr("Translator: image → image"), QStringLiteral("translator"));
    mUi->channelsBox->addItem(tr("1 (gray)"), 1);
    mUi->channelsBox->addItem(tr("3 (RGB)"), 3);
    QPalette pal = mUi->torchScriptProblem->palette();
    pal.setColor(QPalette::WindowText, QColor(0xb0, 0x20, 0x20));
    mUi->torchScriptProblem->setPalette(pal);
    styleNoteLabel(mUi->sidecarNote);
    styleNoteLabel(mUi->noteLabel);

    connect(mUi->browseButton, &QPushButton::clicked, this, &TorchScriptDialog::browse);
    connect(mUi->modulePath, &QLineEdit::editingFinished, this, &TorchScriptDialog::readSidecar);
    connect(mUi->modulePath, &QLineEdit::textChanged, this, &TorchScriptDialog::updateState);
    connect(mUi->kindBox, &QComboBox::currentIndexChanged, this, &TorchScriptDialog::updateState);
    connect(mUi->rangeBox, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index == RangeMinusOneOne) {
            mUi->rangeMin->setValue(-1);
            mUi->rangeMax->setValue(1);
        } else if (index == RangeZeroOne) {
            mUi->rangeMin->setValue(0);
            mUi->rangeMax->setValue(1);
        }
        updateState();
    });
    connect(mUi->rangeMin, &QDoubleSpinBox::valueChanged, this, &TorchScriptDialog::updateState);
    connect(mUi->rangeMax, &QDoubleSpinBox::valueChanged, this, &TorchScriptDialog::updateState);
    connect(mUi->buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(mUi->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    mUi->sidecarNote->setText(
        tr("Choose a module; a descriptor PATH.json next to it fills in the rest."));
    updateState();
}

TorchScriptDialog::~TorchScriptDialog() = default;

bool TorchScriptDialog::isModulePath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("pt") || suffix == QLatin1String("pth")
           || suffix == QLatin1String("ptl") || suffix == QLatin1String("torchscript");
}

void TorchScriptDialog::browse()
{
    StudioSettings settings;
    const QString start = mUi->modulePath->text().isEmpty() ? settings.lastDirectory()
                                                  : QFileInfo(mUi->modulePath->text()).absolutePath();
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
    mUi->modulePath->setText(QDir::toNativeSeparators(path));
    readSidecar();
}

QString TorchScriptDialog::modulePath() const
{
    return QDir::fromNativeSeparators(mUi->modulePath->text().trimmed());
}

QString TorchScriptDialog::sidecarText() const
{
    return mUi->sidecarNote->text();
}

void TorchScriptDialog::readSidecar()
{
    const QString path = modulePath();
    mSidecarUsed = false;
    if (path.isEmpty() || !QFileInfo(path).isFile()) {
        mUi->sidecarNote->setText(tr("Choose a module; a descriptor PATH.json next to it fills in the "
                             "rest."));
        updateState();
        return;
    }
    const std::string file = QFile::encodeName(path).toStdString();
    if (!gs::has_torchscript_sidecar(file)) {
        mUi->sidecarNote->setText(tr("No descriptor %1 next to the module: describe it below.")
                              .arg(quotedFileName(path + QStringLiteral(".json"))));
        updateState();
        return;
    }
    try {
        setDescriptor(gs::read_torchscript_sidecar(file));
        mSidecarUsed = true;
        mUi->sidecarNote->setText(tr("Filled in from %1.").arg(quotedFileName(path + QStringLiteral(".json"))));
    } catch (const std::exception &e) {
        mUi->sidecarNote->setText(tr("%1 could not be used (%2) — describe the module below.")
                              .arg(quotedFileName(path + QStringLiteral(".json")),
                                   QString::fromStdString(e.what())));
    }
    updateState();
}

void TorchScriptDialog::setDescriptor(const gs::TorchScriptDescriptor &d)
{
    mUi->kindBox->setCurrentIndex(d.kind == "translator" ? 1 : 0);
    if (d.latent_dim > 0)
        mUi->latentSpin->setValue(int(d.latent_dim));
    if (d.height > 0)
        mUi->heightSpin->setValue(int(d.height));
    if (d.width > 0)
        mUi->widthSpin->setValue(int(d.width));
    mUi->channelsBox->setCurrentIndex(d.channels == 3 ? 1 : 0);
    if (d.range_min == -1 && d.range_max == 1) {
        setRangePreset(RangeMinusOneOne);
    } else if (d.range_min == 0 && d.range_max == 1) {
        setRangePreset(RangeZeroOne);
    } else {
        setRangePreset(RangeCustom);
        mUi->rangeMin->setValue(d.range_min);
        mUi->rangeMax->setValue(d.range_max);
    }
    updateState();
}

void TorchScriptDialog::setRangePreset(Range range)
{
    mUi->rangeBox->setCurrentIndex(int(range));
}

gs::TorchScriptDescriptor TorchScriptDialog::descriptor() const
{
    gs::TorchScriptDescriptor d;
    d.kind = mUi->kindBox->currentData().toString().toStdString();
    d.latent_dim = d.kind == "generator" ? mUi->latentSpin->value() : 0;
    d.height = mUi->heightSpin->value();
    d.width = mUi->widthSpin->value();
    d.channels = mUi->channelsBox->currentData().toInt();
    d.range_min = mUi->rangeMin->value();
    d.range_max = mUi->rangeMax->value();
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
        return tr("%1 is not a file.").arg(quotedFileName(path));
    if (info.size() == 0)
        return tr("%1 is empty (0 bytes).").arg(quotedFileName(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tr("%1 cannot be read (%2).").arg(quotedFileName(path), file.errorString());
    if (file.read(4) != QByteArray("PK\x03\x04", 4))
        return tr("%1 is not a TorchScript module: torch.jit.save writes a zip archive, and "
                  "this file is not one. Save the model with torch.jit.save(torch.jit.script(m)) "
                  "or torch.jit.trace.")
            .arg(quotedFileName(path));
    if (!(mUi->rangeMin->value() < mUi->rangeMax->value()))
        return tr("The value range must go from a smaller to a larger number (%1 to %2).")
            .arg(mUi->rangeMin->value())
            .arg(mUi->rangeMax->value());
    return {};
}

void TorchScriptDialog::updateState()
{
    const bool generator = mUi->kindBox->currentIndex() == 0;
    mUi->latentSpin->setEnabled(generator);
    mUi->sizeLabel->setText(generator ? tr("Output size:") : tr("Training size:"));
    mUi->heightSpin->setToolTip(generator ? tr("Height of the images the generator makes")
                                  : tr("Height of the images the translator was trained on "
                                       "(it takes any size)"));
    mUi->widthSpin->setToolTip(mUi->heightSpin->toolTip().replace(tr("Height"), tr("Width")));
    const bool custom = mUi->rangeBox->currentIndex() == RangeCustom;
    mUi->rangeMin->setEnabled(custom);
    mUi->rangeMax->setEnabled(custom);
    const QString problem = validationMessage();
    mUi->torchScriptProblem->setText(problem);
    mUi->torchScriptProblem->setVisible(!problem.isEmpty());
    mUi->buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}
