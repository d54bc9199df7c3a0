// studiocommandline.h — the studio's command line: the options of the
// genstudio executable, parsed and then applied to a MainWindow.
//
//   genstudio [checkpoint.gsckpt]   open a checkpoint at start
//   genstudio [session.gssession]   restore a session file (session/sessionkeeper.h)
//   --train                         press Train (or Continue, with a checkpoint) at start
//   --steps N                       the Steps target for that run
//   --limit N                       train on the first N images only
//   --model ID, --dataset ID        choose the model and dataset (catalog ids)
//   --explore CKPT                  explore a checkpoint in the Explore tab
//   --explore-view VIEW             the Explore tab's view (explorerViewIds())
//   --import-torchscript PATH       import a TorchScript module into the Explore tab
//                                   (described by PATH.json, or in the import dialog)
//   --playground PRESET             open the Playground tab with a preset (an id
//                                   such as gan-ring, or a dataset id such as
//                                   ring8); with --train it starts playing
//   --pane ID                       open a side pane (shell/sidepanes.cpp ids), repeatable
//
// main.cpp calls process() (which handles --help, --version and unknown
// options as QCommandLineParser::process does: it prints and exits) and then
// apply(); tests call parse() and apply() on a real window.
//
// Ownership: a value-like object owning its QCommandLineParser; apply()
// borrows the window and leaves connections and single-shot timers on it (the
// start of training, the TorchScript import) that run once the event loop
// does. Thread affinity: GUI thread, after the QApplication exists (the help
// texts are translated). Failure modes: a refused option (unknown model,
// dataset, preset, Explore view or side pane: a sentence for stderr; a bad --steps or
// --limit: the help text for stdout) is an Outcome with exit code 2, the
// codes and texts the studio always had; the window may then be partly
// configured and must not be shown to the person.
#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>

class QCoreApplication;
class MainWindow;

class StudioCommandLine
{
public:
    StudioCommandLine();

    // main(): parses the application's arguments; --help, --version and an
    // unknown option print their text and exit the process.
    void process(const QCoreApplication &app);
    // Tests: parses `arguments` (the program name first). False with `*error`
    // filled in for an unknown option or a missing value.
    bool parse(const QStringList &arguments, QString *error = nullptr);

    struct Outcome
    {
        int exitCode = 0;   // 0: show the window and run the event loop
        QString message;    // for stderr when exitCode != 0, ending with a newline
        QString usageText;  // for stdout: the help text after a bad --steps or --limit
    };
    // Applies the parsed options to `window` and shows it; on a refusal the
    // window is not shown and the outcome says why.
    Outcome apply(MainWindow *window);

    QString helpText() const { return mParser.helpText(); }

private:
    QCommandLineParser mParser;
    QCommandLineOption mTrain;
    QCommandLineOption mSteps;
    QCommandLineOption mLimit;
    QCommandLineOption mModel;
    QCommandLineOption mDataset;
    QCommandLineOption mPlayground;
    QCommandLineOption mExplore;
    QCommandLineOption mExploreView;
    QCommandLineOption mImport;
    QCommandLineOption mCompare;
    QCommandLineOption mLesson;
    QCommandLineOption mLessonStep;
    QCommandLineOption mPane;
};
