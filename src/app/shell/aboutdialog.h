// aboutdialog.h — Help → About: the GenStudio version, the Qt version it was
// built with and runs on, and the numeric runtime (LibTorch, BLAS library and
// kernel, threads, CPU features) from the core's runtime_info(). The layout is
// the Designer form ui/aboutdialog.ui; this class fills in the version texts,
// the icon and the Copy button.
//
// Ownership: a modal dialog owned by its parent; owns its form.
// Thread affinity: GUI thread.
// Failure modes: none; unknown runtime fields read "unknown".
#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class AboutDialog;
}

class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);
    ~AboutDialog() override;

    // The text shown in the dialog's "aboutText" box (and copied by Copy).
    static QString versionText();

private:
    std::unique_ptr<Ui::AboutDialog> mUi;
};
