// torchscriptdialog.h — "Import TorchScript Model…": pick a module saved with
// torch.jit.save and say how to call it. A sidecar PATH.json next to the module
// fills in the descriptor (gs::read_torchscript_sidecar); otherwise the person
// chooses the kind (generator: latent → image, or translator: image → image),
// the latent size (generators), the image height and width, the channels (1 or
// 3) and the module's value range ([-1, 1], [0, 1] or custom). Obvious mistakes
// are caught here (no file, not a TorchScript archive, min ≥ max); the real
// check is the dry run when the Explore tab loads the module on its thread.
// The layout is the Designer form ui/torchscriptdialog.ui; this class fills
// the choices that carry data and keeps the entries consistent.
//
// Ownership: a modal dialog owned by its parent; owns its form.
// Thread affinity: GUI thread.
// Failure modes: a missing or malformed sidecar is explained in the dialog and
// the fields stay editable; OK stays disabled, with the reason shown, until
// the entries are usable.
#pragma once

#include <QDialog>

#include <memory>

#include "core/models/torchscript/torchscript_descriptor.h"

namespace Ui {
class TorchScriptDialog;
}

class TorchScriptDialog : public QDialog
{
    Q_OBJECT

public:
    explicit TorchScriptDialog(QWidget *parent = nullptr);
    ~TorchScriptDialog() override;

    // A file name that looks like a TorchScript module (.pt, .pth, .ptl, .torchscript).
    static bool isModulePath(const QString &path);

    // Sets the file and, when its sidecar can be read, the descriptor from it.
    void setModulePath(const QString &path);
    QString modulePath() const;
    bool sidecarUsed() const { return mSidecarUsed; }
    QString sidecarText() const; // what the dialog says about the sidecar

    void setDescriptor(const gs::TorchScriptDescriptor &descriptor);
    gs::TorchScriptDescriptor descriptor() const;

    // Why OK is disabled; empty when the entries can be imported.
    QString validationMessage() const;

    // Range presets in the range box.
    enum Range { RangeMinusOneOne, RangeZeroOne, RangeCustom };
    void setRangePreset(Range range);

private:
    void browse();
    void readSidecar();
    void updateState();

    std::unique_ptr<Ui::TorchScriptDialog> mUi;
    bool mSidecarUsed = false;
};
