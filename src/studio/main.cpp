// main.cpp — the GenStudio studio: pick the BLAS kernels, start Qt, show the
// main window.
//
// Command line:
//   genstudio [checkpoint.gsckpt]   open a checkpoint at start
//   --train                         press Train (or Continue, with a checkpoint) at start
//   --steps N                       the Steps target for that run
//   --limit N                       train on the first N images only
//   --model ID, --dataset ID        choose the model and dataset (catalog ids)
//   --explore CKPT                  explore a checkpoint in the Explore tab
//   --explore-view VIEW             the Explore tab's view: latent, map, interpolation, style
//                                   or translate
//   --import-torchscript PATH       import a TorchScript module into the Explore tab
//                                   (described by PATH.json, or in the import dialog)
//   --playground PRESET             open the Playground tab with a preset (an id
//                                   such as gan-ring, or a dataset id such as
//                                   ring8); with --train it starts playing
#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QTabWidget>
#include <QTimer>

#include <cstdio>

#include "core/common/blas_setup.h"
#include "core/models/torchscript/torchscript_descriptor.h"
#include "explore/explorerviews.h"
#include "explore/exploreview.h"
#include "shell/mainwindow.h"
#include "playground/playgroundpresets.h"
#include "playground/playgroundview.h"
#include "training/trainingpanel.h"

int main(int argc, char **argv)
{
    gs::select_blas_kernels(argc, argv); // may re-execute the program; before any thread

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("GenStudio"));
    QApplication::setApplicationName(QStringLiteral("GenStudio"));
    QApplication::setApplicationDisplayName(QStringLiteral("GenStudio"));
    QApplication::setApplicationVersion(QStringLiteral(GENSTUDIO_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/genstudio.png")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Train generative models and watch them learn."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption trainOption(
        QStringLiteral("train"),
        QApplication::translate("main", "Start training at once (Continue with a checkpoint)."));
    const QCommandLineOption stepsOption(QStringLiteral("steps"),
                                         QApplication::translate("main", "Steps target."),
                                         QStringLiteral("N"));
    const QCommandLineOption limitOption(
        QStringLiteral("limit"),
        QApplication::translate("main", "Train on the first N images only (0: all)."),
        QStringLiteral("N"));
    const QCommandLineOption modelOption(QStringLiteral("model"),
                                         QApplication::translate("main", "Model id (e.g. vae)."),
                                         QStringLiteral("ID"));
    const QCommandLineOption datasetOption(
        QStringLiteral("dataset"),
        QApplication::translate("main", "Dataset id (e.g. fashion-mnist)."), QStringLiteral("ID"));
    const QCommandLineOption playgroundOption(
        QStringLiteral("playground"),
        QApplication::translate("main", "Open the Playground tab with this preset (e.g. gan-ring, "
                                        "or a dataset id such as ring8)."),
        QStringLiteral("PRESET"));
    parser.addOption(playgroundOption);
    parser.addOption(modelOption);
    parser.addOption(datasetOption);
    parser.addOption(trainOption);
    parser.addOption(stepsOption);
    parser.addOption(limitOption);
    parser.addPositionalArgument(QStringLiteral("checkpoint"),
                                 QApplication::translate("main", "Checkpoint to open."),
                                 QStringLiteral("[checkpoint]"));
    const QCommandLineOption exploreOption(
        QStringLiteral("explore"),
        QApplication::translate("main", "Explore this checkpoint in the Explore tab (the "
                                        "training session is not touched)."),
        QStringLiteral("CKPT"));
    const QCommandLineOption exploreViewOption(
        QStringLiteral("explore-view"),
        QApplication::translate("main", "The Explore tab's view: %1 or %2.")
            .arg(explorerViewIds().mid(0, explorerViewIds().size() - 1).join(QStringLiteral(", ")),
                 explorerViewIds().constLast()),
        QStringLiteral("VIEW"));
    parser.addOption(exploreOption);
    parser.addOption(exploreViewOption);
    const QCommandLineOption importOption(
        QStringLiteral("import-torchscript"),
        QApplication::translate("main", "Import this TorchScript module into the Explore tab "
                                        "(described by PATH.json next to it, or else in the "
                                        "import dialog)."),
        QStringLiteral("PATH"));
    parser.addOption(importOption);
    parser.process(app);

    MainWindow window;
    TrainingPanel *panel = window.trainingPanel();
    if (parser.isSet(modelOption) && !panel->selectModel(parser.value(modelOption))) {
        std::fprintf(stderr, "genstudio: unknown model \"%s\"\n",
                     qPrintable(parser.value(modelOption)));
        return 2;
    }
    if (parser.isSet(datasetOption) && !panel->selectDataset(parser.value(datasetOption))) {
        std::fprintf(stderr, "genstudio: unknown dataset \"%s\"\n",
                     qPrintable(parser.value(datasetOption)));
        return 2;
    }
    if (parser.isSet(stepsOption)) {
        bool ok = false;
        const long steps = parser.value(stepsOption).toLong(&ok);
        if (!ok || steps <= 0)
            parser.showHelp(2);
        panel->setTotalSteps(steps);
    }
    if (parser.isSet(limitOption)) {
        bool ok = false;
        const int limit = parser.value(limitOption).toInt(&ok);
        if (!ok || limit < 0)
            parser.showHelp(2);
        panel->setImageLimit(limit);
    }
    PlaygroundView *playground = nullptr;
    if (parser.isSet(playgroundOption)) {
        playground = window.topView<PlaygroundView>(QStringLiteral("playground"));
        if (!playground || !playground->applyPreset(parser.value(playgroundOption))) {
            QStringList ids;
            for (const PlaygroundPreset &preset : playgroundPresets())
                ids << preset.id;
            std::fprintf(stderr, "genstudio: unknown playground preset \"%s\" (presets: %s)\n",
                         qPrintable(parser.value(playgroundOption)), qPrintable(ids.join(", ")));
            return 2;
        }
        window.views()->setCurrentWidget(playground);
    }
    if (parser.isSet(exploreOption) || parser.isSet(exploreViewOption)
        || parser.isSet(importOption)) {
        ExploreView *explore = window.topView<ExploreView>(QStringLiteral("explore"));
        const QString view = parser.value(exploreViewOption);
        if (parser.isSet(exploreViewOption) && !explore->showSubView(view)) {
            std::fprintf(stderr, "genstudio: unknown explore view \"%s\" (%s)\n", qPrintable(view),
                         qPrintable(explorerViewIds().join(QStringLiteral(", "))));
            return 2;
        }
        window.views()->setCurrentWidget(explore);
        if (parser.isSet(exploreOption))
            explore->openCheckpoint(parser.value(exploreOption));
        if (parser.isSet(importOption)) {
            // Without PATH.json the import dialog asks for the description, once
            // the window is up.
            const QString module = parser.value(importOption);
            QTimer::singleShot(0, explore, [explore, module] { explore->openTorchScriptFile(module); });
        }
    }
    window.show();

    const QStringList positional = parser.positionalArguments();
    const bool train = parser.isSet(trainOption);
    if (playground) {
        if (train)
            QTimer::singleShot(0, playground, [playground] { playground->play(); });
    } else if (!positional.isEmpty()) {
        window.openCheckpointFile(positional.first());
        if (train) {
            // Continue once the checkpoint is open.
            QObject::connect(&window, &MainWindow::stateChanged, &window,
                             [&window](MainWindow::State state) {
                                 static bool started = false;
                                 if (!started && state == MainWindow::State::Ready) {
                                     started = true;
                                     window.continueTraining();
                                 }
                             });
        }
    } else if (train) {
        QTimer::singleShot(0, &window, [&window] { window.startTraining(); });
    }
    return app.exec();
}
