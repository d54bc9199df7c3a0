// test_session_gui.cpp — sessions in the running studio: Save Session after a
// small run writes the checkpoint beside it and a second window's Open
// Session brings back the model at its step, the loss history, a bookmark,
// the tab, the explorer view and its controls; an autosave followed by a
// simulated crash (the autosave left without its clean-exit mark, as kill -9
// leaves it) makes the next window offer a restore with the time, and
// Restore brings back the model, the step and the bookmark; Discard forgets
// it; a clean quit offers nothing; damaged, newer and checkpoint-less session
// files give sentences and restore what they can.
#include <QAction>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>

#include <memory>

#include "core/session/session_file.h"
#include "explore/bookmarkstore.h"
#include "explore/exploreview.h"
#include "explore/latent/latentpanel.h"
#include "explore/samples/samplesview.h"
#include "gui_test_main.h"
#include "session/sessionkeeper.h"
#include "shell/mainwindow.h"
#include "support/studiosettings.h"
#include "training/losspanel.h"
#include "training/trainingcontroller.h"
#include "training/trainingpanel.h"
#include "widgets/messagebanner.h"
#include "widgets/parameterform.h"

namespace {

const QString kFashionMnist = QStringLiteral("/usr/share/datasets/fashion-mnist");
constexpr int kRunTimeoutMs = 90000;

ExploreView *exploreOf(MainWindow *w)
{
    return w->topView<ExploreView>(QStringLiteral("explore"));
}

bool hasBookmark(MainWindow *w, const QString &name)
{
    for (const LatentBookmark &b : exploreOf(w)->bookmarkStore()->all()) {
        if (b.name == name)
            return true;
    }
    return false;
}

} // namespace

class SessionGuiTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!QFileInfo::exists(kFashionMnist))
            QSKIP("dataset-fashion-mnist not installed");
    }
    void saveAndOpenRestoresEverything();
    void saveWhileTrainingSavesACheckpointBeside();
    void crashOfferRestoresModelStepAndBookmark();
    void discardAndCleanQuitOfferNothing();
    void badSessionFilesGiveSentences();

private:
    std::unique_ptr<MainWindow> makeWindow();
    void trainSmallRun(MainWindow *window, long steps);
    void addBookmark(MainWindow *window, const QString &name);

    QTemporaryDir mDir;
};

std::unique_ptr<MainWindow> SessionGuiTest::makeWindow()
{
    auto window = std::make_unique<MainWindow>();
    window->setConfirmDiscard(false);
    window->resize(1200, 800);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        qWarning("window not exposed");
    return window;
}

void SessionGuiTest::trainSmallRun(MainWindow *window, long steps)
{
    TrainingPanel *panel = window->trainingPanel();
    QVERIFY(panel->selectModel(QStringLiteral("vae")));
    QVERIFY(panel->selectDataset(QStringLiteral("fashion-mnist")));
    panel->setTotalSteps(steps);
    panel->setImageLimit(1000);
    auto *batch = qobject_cast<QSpinBox *>(panel->parameterForm()->editor(QStringLiteral("batch_size")));
    QVERIFY(batch);
    batch->setValue(32);
    QSignalSpy finished(window->trainingController(), &TrainingController::runFinished);
    window->startTraining();
    QVERIFY(finished.wait(kRunTimeoutMs));
    QCOMPARE(window->sessionStep(), steps);
    QTRY_VERIFY(window->lossPanel()->pointCount() > 0);
}

void SessionGuiTest::addBookmark(MainWindow *window, const QString &name)
{
    const SessionSummary &s = window->trainingController()->session();
    LatentBookmark b;
    b.name = name;
    b.modelId = QString::fromStdString(s.config.model_id);
    b.latentDim = std::stoi(s.config.params.at("latent_dim"));
    b.latent.assign(size_t(b.latentDim), 0.25f);
    b.step = window->sessionStep();
    QVERIFY(exploreOf(window)->bookmarkStore()->add(b));
}

void SessionGuiTest::saveAndOpenRestoresEverything()
{
    const QString path = mDir.filePath(QStringLiteral("lesson.gssession"));
    int points = 0;
    gs::Latent shownLatent;
    {
        auto window = makeWindow();
        trainSmallRun(window.get(), 30);
        addBookmark(window.get(), QStringLiteral("round trip"));
        points = window->lossPanel()->pointCount();
        auto *samples = dynamic_cast<SamplesView *>(exploreOf(window.get())->explorerView(QStringLiteral("samples")));
        QVERIFY(samples);
        samples->setCount(9);
        samples->setSeed(1234);
        window->views()->setCurrentWidget(exploreOf(window.get()));
        QTRY_VERIFY(exploreOf(window.get())->hasModel());
        auto *latent = dynamic_cast<LatentPanel *>(exploreOf(window.get())->explorerView(QStringLiteral("latent")));
        QVERIFY(latent);
        QTRY_VERIFY(latent->isReady());
        shownLatent.assign(latent->latent().size(), 0.0f);
        for (size_t i = 0; i < shownLatent.size(); ++i)
            shownLatent[i] = 0.1f * float(i) - 0.5f;
        latent->setLatent(shownLatent, QStringLiteral("a test latent"));
        QVERIFY(exploreOf(window.get())->showSubView(QStringLiteral("samples")));

        QSignalSpy saved(window->sessionKeeper(), &SessionKeeper::sessionSaved);
        // Through the menu item's shortcut target, without its dialog.
        QCOMPARE(window->findChild<QAction *>(QStringLiteral("saveSessionAction"))->shortcut(),
                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
        QVERIFY(window->sessionKeeper()->saveSession(path));
        QTRY_COMPARE(saved.count(), 1);
    }
    // The session refers to a checkpoint saved beside it, or the run's newest.
    const gs::SessionRead read = gs::read_session_file(path.toStdString());
    QVERIFY(read.problems.empty());
    QCOMPARE(read.session.step, 30L);
    QVERIFY(QFileInfo::exists(QString::fromStdString(read.session.checkpoint)));

    StudioSettings().setLatentBookmarks("[]"); // the restore must bring it back
    auto window = makeWindow();
    QVERIFY(!hasBookmark(window.get(), QStringLiteral("round trip")));
    QSignalSpy restored(window->sessionKeeper(), &SessionKeeper::sessionRestored);
    QVERIFY(window->sessionKeeper()->openSession(path));
    QVERIFY(restored.count() == 1 || restored.wait(kRunTimeoutMs));
    QVERIFY2(restored.first().at(1).toStringList().isEmpty(),
             qPrintable(restored.first().at(1).toStringList().join(' ')));
    QCOMPARE(window->trainingController()->session().config.model_id, std::string("vae"));
    QCOMPARE(window->sessionStep(), 30L);
    QCOMPARE(window->state(), MainWindow::State::Ready); // continuable
    QCOMPARE(window->lossPanel()->pointCount(), points);
    QVERIFY(hasBookmark(window.get(), QStringLiteral("round trip")));
    QCOMPARE(window->views()->currentWidget(), static_cast<QWidget *>(exploreOf(window.get())));
    auto *samples = dynamic_cast<SamplesView *>(exploreOf(window.get())->explorerView(QStringLiteral("samples")));
    QCOMPARE(samples->count(), 9);
    QCOMPARE(samples->seed(), 1234UL);
    QTRY_COMPARE(exploreOf(window.get())->currentViewId(), QStringLiteral("samples"));
    // The Latent view's latent comes back once the Explore tab has the model.
    auto *latent = dynamic_cast<LatentPanel *>(exploreOf(window.get())->explorerView(QStringLiteral("latent")));
    QTRY_VERIFY_WITH_TIMEOUT(latent->isReady() && latent->latent() == shownLatent, kRunTimeoutMs);
}

void SessionGuiTest::saveWhileTrainingSavesACheckpointBeside()
{
    auto window = makeWindow();
    TrainingPanel *panel = window->trainingPanel();
    QVERIFY(panel->selectModel(QStringLiteral("vae")));
    QVERIFY(panel->selectDataset(QStringLiteral("fashion-mnist")));
    panel->setTotalSteps(100000);
    panel->setImageLimit(1000);
    window->startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(window->state() == MainWindow::State::Running && window->sessionStep() > 5,
                             kRunTimeoutMs);
    const QString path = mDir.filePath(QStringLiteral("live.gssession"));
    QSignalSpy saved(window->sessionKeeper(), &SessionKeeper::sessionSaved);
    QVERIFY(window->sessionKeeper()->saveSession(path));
    QVERIFY(saved.count() == 1 || saved.wait(kRunTimeoutMs));
    QCOMPARE(window->state(), MainWindow::State::Running); // training went on
    const gs::SessionRead read = gs::read_session_file(path.toStdString());
    QVERIFY(read.problems.empty());
    QCOMPARE(QString::fromStdString(read.session.checkpoint), mDir.filePath(QStringLiteral("live.gsckpt")));
    QVERIFY(read.session.step > 5);
    window->stopTraining();
    QTRY_COMPARE(window->state(), MainWindow::State::Ready);
}

void SessionGuiTest::crashOfferRestoresModelStepAndBookmark()
{
    const QString autosave = StudioSettings().autosavePath();
    const QString atCrash = mDir.filePath(QStringLiteral("as-killed.gssession"));
    {
        auto window = makeWindow();
        trainSmallRun(window.get(), 20);
        addBookmark(window.get(), QStringLiteral("before the crash"));
        QVERIFY(window->sessionKeeper()->autosave(false)); // the minute's autosave
        // kill -9 now: the file stays as it is on disk, without the clean-exit mark.
        QFile::remove(atCrash);
        QVERIFY(QFile::copy(autosave, atCrash));
    } // (this window's normal teardown marks a clean exit; the crash would not have)
    QVERIFY(gs::read_session_file(autosave.toStdString()).session.clean_exit);
    QFile::remove(autosave);
    QVERIFY(QFile::copy(atCrash, autosave));
    const QDateTime savedAt = QDateTime::fromString(
        QString::fromStdString(gs::read_session_file(autosave.toStdString()).session.saved_utc), Qt::ISODate);

    StudioSettings().setLatentBookmarks("[]");
    auto window = makeWindow();
    SessionKeeper *keeper = window->sessionKeeper();
    QVERIFY(keeper->hasRestoreOffer());
    QCOMPARE(keeper->restoreOfferTime().toSecsSinceEpoch(), savedAt.toSecsSinceEpoch());
    QVERIFY2(keeper->restoreOfferText().contains(
                 QLocale().toString(keeper->restoreOfferTime().toLocalTime(), QLocale::ShortFormat)),
             qPrintable(keeper->restoreOfferText()));
    QVERIFY(!hasBookmark(window.get(), QStringLiteral("before the crash")));

    QSignalSpy restored(keeper, &SessionKeeper::sessionRestored);
    auto *button = window->findChild<QPushButton *>(QStringLiteral("restoreSessionButton"));
    QVERIFY(button && button->isVisible());
    button->click();
    QVERIFY(restored.count() == 1 || restored.wait(kRunTimeoutMs));
    QVERIFY(!keeper->hasRestoreOffer());
    QCOMPARE(window->trainingController()->session().config.model_id, std::string("vae"));
    QCOMPARE(window->sessionStep(), 20L);
    QCOMPARE(window->state(), MainWindow::State::Ready);
    QVERIFY(hasBookmark(window.get(), QStringLiteral("before the crash")));
}

void SessionGuiTest::discardAndCleanQuitOfferNothing()
{
    const QString autosave = StudioSettings().autosavePath();
    gs::SessionFile crashed;
    crashed.clean_exit = false;
    gs::write_session_file(autosave.toStdString(), crashed);
    {
        auto window = makeWindow();
        QVERIFY(window->sessionKeeper()->hasRestoreOffer());
        window->findChild<QPushButton *>(QStringLiteral("discardSessionButton"))->click();
        QVERIFY(!window->sessionKeeper()->hasRestoreOffer());
        window->close(); // a clean quit: the autosave is marked
    }
    QVERIFY(gs::read_session_file(autosave.toStdString()).session.clean_exit);
    auto window = makeWindow();
    QVERIFY(!window->sessionKeeper()->hasRestoreOffer());
}

void SessionGuiTest::badSessionFilesGiveSentences()
{
    auto window = makeWindow();
    SessionKeeper *keeper = window->sessionKeeper();
    const QString broken = mDir.filePath(QStringLiteral("broken.gssession"));
    QFile f(broken);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"format\": \"genstudio-session\", \"vers");
    f.close();
    QVERIFY(!keeper->openSession(broken));
    QVERIFY2(window->messageBanner()->text().contains(QStringLiteral("is damaged")),
             qPrintable(window->messageBanner()->text()));

    const QString newer = mDir.filePath(QStringLiteral("newer.gssession"));
    QFile n(newer);
    QVERIFY(n.open(QIODevice::WriteOnly));
    n.write("{\"format\": \"genstudio-session\", \"version\": 2}");
    n.close();
    QVERIFY(!keeper->openSession(newer));
    QVERIFY(window->messageBanner()->text().contains(QStringLiteral("newer GenStudio")));

    // A session whose checkpoint is gone: the bookmark and form come back, the banner names the rest.
    gs::SessionFile s;
    s.config.model_id = "vae";
    s.config.params = {{"latent_dim", "4"}};
    s.has_session = true;
    s.step = 500;
    s.checkpoint = mDir.filePath(QStringLiteral("deleted.gsckpt")).toStdString();
    s.total_steps = 777;
    s.bookmarks.push_back({"orphan", "vae", 4, 500, "", {1, 2, 3, 4}});
    const QString missing = mDir.filePath(QStringLiteral("missing.gssession"));
    gs::write_session_file(missing.toStdString(), s);
    QSignalSpy restored(keeper, &SessionKeeper::sessionRestored);
    QVERIFY(keeper->openSession(missing));
    QCOMPARE(restored.count(), 1);
    QVERIFY(hasBookmark(window.get(), QStringLiteral("orphan")));
    QCOMPARE(window->trainingPanel()->totalSteps(), 777L);
    QCOMPARE(window->trainingPanel()->modelId(), QStringLiteral("vae"));
    QCOMPARE(window->state(), MainWindow::State::NoSession);
    const QString text = window->messageBanner()->text();
    QVERIFY2(text.contains(QStringLiteral("deleted.gsckpt")) && text.contains(QStringLiteral("is missing")),
             qPrintable(text));
}

GS_GUI_TEST_MAIN(SessionGuiTest)
#include "test_session_gui.moc"
