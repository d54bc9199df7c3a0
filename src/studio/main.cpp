// main.cpp — the GenStudio studio: pick the BLAS kernels, start Qt, show the
// main window configured by the command line (shell/studiocommandline.h lists
// the options: a checkpoint to open, --train, --steps, --limit, --model,
// --dataset, --explore, --explore-view, --import-torchscript, --playground).
#include <QApplication>
#include <QIcon>

#include <cstdio>

#include "core/common/blas_setup.h"
#include "shell/mainwindow.h"
#include "shell/studiocommandline.h"
#include "soak/soakdriver.h"

int main(int argc, char **argv)
{
    gs::set_up_numeric_libraries(argc, argv); // may re-execute the program; before any thread

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("GenStudio"));
    QApplication::setApplicationName(QStringLiteral("GenStudio"));
    QApplication::setApplicationDisplayName(QStringLiteral("GenStudio"));
    QApplication::setApplicationVersion(QStringLiteral(GENSTUDIO_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/genstudio.png")));

    StudioCommandLine commandLine;
    commandLine.process(app); // --help, --version and unknown options exit here

    MainWindow window;
    const StudioCommandLine::Outcome outcome = commandLine.apply(&window);
    if (outcome.exitCode != 0) {
        std::fputs(qPrintable(outcome.usageText), stdout);
        std::fputs(qPrintable(outcome.message), stderr);
        return outcome.exitCode;
    }
    SoakDriver::fromEnvironment(&window); // only with GENSTUDIO_SOAK set (bench/soak.sh)
    return app.exec();
}
