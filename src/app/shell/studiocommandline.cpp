// StudioCommandLine: see studiocommandline.h.
#include "shell/studiocommandline.h"

#include <QApplication>
#include <QDockWidget>
#include <QFileInfo>
#include <QTabWidget>
#include <QTimer>

#include <memory>

#include "compare/compareview.h"
#include "explore/explorerviews.h"
#include "explore/exploreview.h"
#include "lessons/lessonpane.h"
#include "playground/playgroundpresets.h"
#include "playground/playgroundview.h"
#include "session/sessionkeeper.h"
#include "shell/mainwindow.h"
#include "shell/sidepane.h"
#include "training/trainingpanel.h"

namespace {

QStringList sidePaneIds()
{
    QStringList ids;
    for (const SidePaneDescriptor &pane : sidePanes())
        ids << pane.id;
    return ids;
}

StudioCommandLine::Outcome refused(const QString &message)
{
    return {2, message + QLatin1Char('\n'), QString()};
}

} // namespace

StudioCommandLine::StudioCommandLine()
    : mTrain(QStringLiteral("train"),
             QApplication::translate("main", "Start training at once (Continue with a checkpoint)."))
    , mSteps(QStringLiteral("steps"), QApplication::translate("main", "Steps target."), QStringLiteral("N"))
    , mLimit(QStringLiteral("limit"), QApplication::translate("main", "Train on the first N images only (0: all)."),
             QStringLiteral("N"))
    , mModel(QStringLiteral("model"), QApplication::translate("main", "Model id (e.g. vae)."), QStringLiteral("ID"))
    , mDataset(QStringLiteral("dataset"), QApplication::translate("main", "Dataset id (e.g. fashion-mnist)."),
               QStringLiteral("ID"))
    , mPlayground(QStringLiteral("playground"),
                  QApplication::translate("main", "Open the Playground tab with this preset (e.g. gan-ring, or a dataset id "
                     "such as ring8)."),
                  QStringLiteral("PRESET"))
    , mExplore(QStringLiteral("explore"),
               QApplication::translate("main", "Explore this checkpoint in the Explore tab (the training session is not "
                  "touched)."),
               QStringLiteral("CKPT"))
    , mExploreView(
          QStringLiteral("explore-view"),
          QApplication::translate("main", "The Explore tab's view: %1 or %2.")
              .arg(explorerViewIds().mid(0, explorerViewIds().size() - 1).join(QStringLiteral(", ")),
                   explorerViewIds().constLast()),
          QStringLiteral("VIEW"))
    , mImport(QStringLiteral("import-torchscript"),
              QApplication::translate("main", "Import this TorchScript module into the Explore tab (described by PATH.json "
                 "next to it, or else in the import dialog)."),
              QStringLiteral("PATH"))
    , mCompare(QStringLiteral("compare"),
               QApplication::translate("main", "Open the Compare tab with this run folder or checkpoint (repeat for "
                  "several runs)."),
               QStringLiteral("RUN"))
    , mLesson(QStringLiteral("lesson"),
              QApplication::translate("main", "Open this lesson in the Lessons pane: a lesson file, or a built-in "
                 "lesson's file name (e.g. 03-gan-ring)."),
              QStringLiteral("LESSON"))
    , mLessonStep(QStringLiteral("lesson-step"),
                  QApplication::translate("main", "Show this step of the lesson (1 is the first)."),
                  QStringLiteral("N"))
    , mPane(QStringLiteral("pane"),
            QApplication::translate("main", "Open this side pane (%1; repeat for several).")
                .arg(sidePaneIds().join(QStringLiteral(", "))),
            QStringLiteral("ID"))
{
    mParser.setApplicationDescription(QApplication::translate("main", "Train generative models and watch them learn."));
    mParser.addHelpOption();
    mParser.addVersionOption();
    mParser.addOption(mPlayground);
    mParser.addOption(mModel);
    mParser.addOption(mDataset);
    mParser.addOption(mTrain);
    mParser.addOption(mSteps);
    mParser.addOption(mLimit);
    mParser.addPositionalArgument(QStringLiteral("file"),
                                  QApplication::translate("main", "Checkpoint (.gsckpt) or session (.gssession) to open."),
                                  QStringLiteral("[checkpoint|session]"));
    mParser.addOption(mExplore);
    mParser.addOption(mExploreView);
    mParser.addOption(mImport);
    mParser.addOption(mCompare);
    mParser.addOption(mLesson);
    mParser.addOption(mLessonStep);
    mParser.addOption(mPane);
}

void StudioCommandLine::process(const QCoreApplication &app)
{
    mParser.process(app);
}

bool StudioCommandLine::parse(const QStringList &arguments, QString *error)
{
    const bool ok = mParser.parse(arguments);
    if (!ok && error)
        *error = mParser.errorText();
    return ok;
}

StudioCommandLine::Outcome StudioCommandLine::apply(MainWindow *window)
{
    const Outcome showHelp{2, QString(), mParser.helpText()};
    TrainingPanel *panel = window->trainingPanel();
    if (mParser.isSet(mModel) && !panel->selectModel(mParser.value(mModel)))
        return refused(QStringLiteral("genstudio: unknown model \"%1\"").arg(mParser.value(mModel)));
    if (mParser.isSet(mDataset) && !panel->selectDataset(mParser.value(mDataset)))
        return refused(
            QStringLiteral("genstudio: unknown dataset \"%1\"").arg(mParser.value(mDataset)));
    if (mParser.isSet(mSteps)) {
        bool ok = false;
        const long steps = mParser.value(mSteps).toLong(&ok);
        if (!ok || steps <= 0)
            return showHelp;
        panel->setTotalSteps(steps);
    }
    if (mParser.isSet(mLimit)) {
        bool ok = false;
        const int limit = mParser.value(mLimit).toInt(&ok);
        if (!ok || limit < 0)
            return showHelp;
        panel->setImageLimit(limit);
    }
    PlaygroundView *playground = nullptr;
    if (mParser.isSet(mPlayground)) {
        playground = window->topView<PlaygroundView>(QStringLiteral("playground"));
        if (!playground || !playground->applyPreset(mParser.value(mPlayground))) {
            QStringList ids;
            for (const PlaygroundPreset &preset : playgroundPresets())
                ids << preset.id;
            return refused(QStringLiteral("genstudio: unknown playground preset \"%1\" (presets: %2)")
                               .arg(mParser.value(mPlayground), ids.join(QStringLiteral(", "))));
        }
        window->views()->setCurrentWidget(playground);
    }
    if (mParser.isSet(mExplore) || mParser.isSet(mExploreView) || mParser.isSet(mImport)) {
        ExploreView *explore = window->topView<ExploreView>(QStringLiteral("explore"));
        const QString view = mParser.value(mExploreView);
        if (mParser.isSet(mExploreView) && !explore->showSubView(view))
            return refused(QStringLiteral("genstudio: unknown explore view \"%1\" (%2)")
                               .arg(view, explorerViewIds().join(QStringLiteral(", "))));
        window->views()->setCurrentWidget(explore);
        if (mParser.isSet(mExplore))
            explore->openCheckpoint(mParser.value(mExplore));
        if (mParser.isSet(mImport)) {
            // Without PATH.json the import dialog asks for the description, once
            // the window is up.
            const QString module = mParser.value(mImport);
            QTimer::singleShot(0, explore, [explore, module] { explore->openTorchScriptFile(module); });
        }
    }
    if (mParser.isSet(mCompare)) {
        CompareView *compare = window->topView<CompareView>(QStringLiteral("compare"));
        for (const QString &run : mParser.values(mCompare)) {
            if (!compare->runPaths().contains(QFileInfo(run).absoluteFilePath()) && !compare->addRun(run))
                return refused(QStringLiteral("genstudio: %1").arg(compare->lastError()));
        }
        window->views()->setCurrentWidget(compare);
    }
    if (mParser.isSet(mLesson) || mParser.isSet(mLessonStep)) {
        int step = 1;
        if (mParser.isSet(mLessonStep)) {
            bool ok = false;
            step = mParser.value(mLessonStep).toInt(&ok);
            if (!ok || step < 1)
                return showHelp;
        }
        QDockWidget *dock = window->sidePaneDock(QStringLiteral("lessons"));
        auto *pane = dock ? dock->findChild<LessonPane *>() : nullptr;
        if (!pane)
            return refused(QStringLiteral("genstudio: this studio has no Lessons pane"));
        const QString error = pane->openNamed(mParser.value(mLesson), step);
        if (!error.isEmpty())
            return refused(QStringLiteral("genstudio: %1").arg(error));
        dock->show();
    }
    for (const QString &pane : mParser.values(mPane)) {
        QDockWidget *dock = window->sidePaneDock(pane);
        if (!dock)
            return refused(QStringLiteral("genstudio: unknown side pane \"%1\" (%2)")
                               .arg(pane, sidePaneIds().join(QStringLiteral(", "))));
        dock->show();
    }
    window->show();

    const QStringList positional = mParser.positionalArguments();
    const bool train = mParser.isSet(mTrain);
    if (playground) {
        if (train)
            QTimer::singleShot(0, playground, [playground] { playground->play(); });
    } else if (!positional.isEmpty()
               && positional.first().endsWith(QLatin1Char('.') + SessionKeeper::kSuffix, Qt::CaseInsensitive)) {
        window->sessionKeeper()->openSession(positional.first()); // --train does not apply to sessions
    } else if (!positional.isEmpty()) {
        window->openCheckpointFile(positional.first());
        if (train) {
            // Continue once the checkpoint is open (once: later Ready states
            // are the person's).
            auto connection = std::make_shared<QMetaObject::Connection>();
            *connection = QObject::connect(
                window, &MainWindow::stateChanged, window,
                [window, connection](MainWindow::State state) {
                    if (state != MainWindow::State::Ready)
                        return;
                    QObject::disconnect(*connection);
                    window->continueTraining();
                });
        }
    } else if (train) {
        QTimer::singleShot(0, window, [window] { window->startTraining(); });
    }
    return {};
}
