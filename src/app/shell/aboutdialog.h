// aboutdialog.h — Help → About: the GenStudio version, the Qt version it was
// built with and runs on, and the numeric runtime (LibTorch, BLAS library and
// kernel, threads, CPU features) from the core's runtime_info().
//
// Ownership: a modal dialog owned by its parent. Thread affinity: GUI thread.
// Failure modes: none; unknown runtime fields read "unknown".
#pragma once

#include <QDialog>

class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);

    // The text shown (and copied by the Copy button).
    static QString versionText();
};
