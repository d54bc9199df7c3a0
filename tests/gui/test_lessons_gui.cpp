// test_lessons_gui — the Lessons side pane in a real MainWindow on the
// offscreen platform: it walks EVERY step of EVERY built-in lesson with Do it
// (training capped to a few steps through LessonPerformer::setStepCap) and
// checks that each step's promise holds, that its highlighted controls get a
// frame that goes when the step changes, that Back / Next / Restart and Page
// Down move through the steps, that the person can still use the controls in
// between, and that a broken lesson file is refused with its sentence in the
// pane while the open lesson stays.
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTextBrowser>

#include "gui_test_main.h"
#include "lessons/controlhighlight.h"
#include "lessons/lessonpane.h"
#include "lessons/lessonperformer.h"
#include "shell/mainwindow.h"
#include "shell/studiocommandline.h"
#include "training/trainingcontroller.h"
#include "training/trainingpanel.h"

namespace {

constexpr long kStepCap = 12;        // every train action and min_steps promise, at most
constexpr int kPromiseTimeoutMs = 75000; // a failing QTRY waits up to 3× this: below the 300 s watchdog

} // namespace

class LessonsGuiTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        mWindow = std::make_unique<MainWindow>();
        mWindow->resize(1500, 950);
        mWindow->show();
        QDockWidget *dock = mWindow->sidePaneDock(QStringLiteral("lessons"));
        QVERIFY(dock);
        dock->show();
        mPane = dock->findChild<LessonPane *>();
        QVERIFY(mPane);
        QVERIFY2(mPane->lastError().isEmpty(), qPrintable(mPane->lastError()));
        mPane->performer()->setStepCap(kStepCap);
        QVERIFY(QTest::qWaitForWindowExposed(mWindow.get()));
        // A lesson never asks a modal question on its own runs: one that opens
        // is recorded (and closed, so the test cannot hang) and fails the step.
        auto *watchdog = new QTimer(this);
        connect(watchdog, &QTimer::timeout, this, [this] {
            if (QWidget *modal = QApplication::activeModalWidget()) {
                auto *box = qobject_cast<QMessageBox *>(modal);
                mModals << (box ? box->text() : modal->objectName());
                modal->close();
            }
        });
        watchdog->start(100);
    }

    void cleanupTestCase()
    {
        if (mWindow)
            QVERIFY(mWindow->shutdownWorker());
        mWindow.reset();
    }

    void listsEveryBuiltinLesson()
    {
        auto *combo = mPane->findChild<QComboBox *>(QStringLiteral("lessonCombo"));
        QVERIFY(combo);
        QCOMPARE(combo->count(), Lesson::builtinFiles().size());
        QVERIFY(combo->count() >= 10);
        // The first one is open, at its first step.
        QCOMPARE(mPane->stepIndex(), 0);
        QVERIFY(!mPane->lesson().steps.isEmpty());
    }

    void navigationAndPageDown()
    {
        QVERIFY(mPane->openLesson(Lesson::builtinFiles().first()));
        auto *counter = mPane->findChild<QLabel *>(QStringLiteral("lessonStepCounter"));
        auto *back = mPane->findChild<QPushButton *>(QStringLiteral("lessonBackButton"));
        auto *next = mPane->findChild<QPushButton *>(QStringLiteral("lessonNextButton"));
        auto *restart = mPane->findChild<QPushButton *>(QStringLiteral("lessonRestartButton"));
        QVERIFY(counter && back && next && restart);
        QVERIFY(!back->isEnabled());
        QVERIFY(counter->text().startsWith(QStringLiteral("Step 1 of")));
        next->click();
        QCOMPARE(mPane->stepIndex(), 1);
        back->click();
        QCOMPARE(mPane->stepIndex(), 0);
        // Page Down anywhere in the window: the next step.
        mWindow->activateWindow();
        QTest::keyClick(mWindow.get(), Qt::Key_PageDown);
        QCOMPARE(mPane->stepIndex(), 1);
        QTest::keyClick(mWindow.get(), Qt::Key_PageDown);
        QCOMPARE(mPane->stepIndex(), 2);
        QVERIFY(counter->text().startsWith(QStringLiteral("Step 3 of")));
        restart->click();
        QCOMPARE(mPane->stepIndex(), 0);
    }

    void highlightsFollowTheStep()
    {
        QVERIFY(mPane->openLesson(Lesson::builtinFiles().first()));
        mPane->showStep(0);
        const QStringList names = mPane->lesson().steps[0].highlights;
        QVERIFY(!names.isEmpty());
        QCOMPARE(mPane->highlights().size(), names.size());
        for (const ControlHighlight *highlight : mPane->highlights()) {
            QVERIFY(highlight->target());
            QVERIFY(highlight->overlay());
            // The frame is over its control and lets the mouse through.
            QVERIFY(highlight->overlay()->testAttribute(Qt::WA_TransparentForMouseEvents));
        }
        QTRY_VERIFY(mPane->highlights().first()->isShown());
        const QString first = QStringLiteral("lessonHighlight_") + names.first();
        QVERIFY(mWindow->findChild<QWidget *>(first));
        mPane->next();
        QVERIFY(!mWindow->findChild<QWidget *>(first) || mPane->lesson().steps[1].highlights.contains(names.first()));
    }

    void walksEveryStepOfEveryLesson_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString &file : Lesson::builtinFiles())
            QTest::newRow(qPrintable(QFileInfo(file).fileName())) << file;
    }
    void walksEveryStepOfEveryLesson()
    {
        QFETCH(QString, file);
        QVERIFY2(mPane->openLesson(file), qPrintable(mPane->lastError()));
        auto *status = mPane->findChild<QLabel *>(QStringLiteral("lessonStatus"));
        auto *doIt = mPane->findChild<QPushButton *>(QStringLiteral("lessonDoItButton"));
        auto *text = mPane->findChild<QTextBrowser *>(QStringLiteral("lessonText"));
        const Lesson lesson = mPane->lesson();
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < lesson.steps.size(); ++i) {
            const LessonStep &step = lesson.steps[i];
            const QString where = QStringLiteral("%1 step %2").arg(QFileInfo(file).fileName()).arg(i + 1);
            mPane->showStep(i);
            QVERIFY2(!text->toPlainText().trimmed().isEmpty(), qPrintable(where));
            if (doIt->isEnabled()) {
                // Wait for a run that is stopping or loading before the step acts.
                QTRY_VERIFY_WITH_TIMEOUT(mWindow->findChild<TrainingController *>()->state()
                                             != TrainingController::State::Busy
                                             && mWindow->findChild<TrainingController *>()->state()
                                                    != TrainingController::State::Stopping,
                                         kPromiseTimeoutMs);
                doIt->click();
                const bool error = status->property("error").toBool();
                QVERIFY2(!error, qPrintable(where + QStringLiteral(": ") + status->text()));
            }
            QVERIFY2(mModals.isEmpty(), qPrintable(where + QStringLiteral(" asked: ") + mModals.join(QLatin1Char('|'))));
            // What the step promises holds (training steps capped); a step that
            // gave up (an error in the status) fails here with its sentence.
            QTRY_VERIFY2_WITH_TIMEOUT(mPane->promiseGap().isEmpty() || !mModals.isEmpty()
                                          || status->property("error").toBool(),
                                      qPrintable(where + QStringLiteral(": ") + mPane->promiseGap() + QStringLiteral(" | status: ") + status->text()),
                                      kPromiseTimeoutMs);
            QVERIFY2(!status->property("error").toBool(), qPrintable(where + QStringLiteral(": ") + status->text()));
            // Every highlighted control exists now and is framed.
            for (const QString &name : step.highlights)
                QVERIFY2(mPane->performer()->findControl(name), qPrintable(where + QStringLiteral(": ") + name));
            QTRY_COMPARE(mPane->highlights().size(), step.highlights.size());
            QVERIFY2(mModals.isEmpty(), qPrintable(where + QStringLiteral(" asked: ") + mModals.join(QLatin1Char('|'))));
            if (doIt->isEnabled() && !step.promise.isEmpty())
                QTRY_VERIFY2_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Done")),
                                          qPrintable(where + QStringLiteral(": ") + status->text()), 5000);
        }
        qInfo("%s: %d steps walked in %.1f s", qPrintable(QFileInfo(file).fileName()), int(lesson.steps.size()),
              clock.elapsed() / 1000.0);
    }

    void theClassCanTouchControlsInBetween()
    {
        // After a lesson step the Training form is still the person's: edits are kept.
        TrainingController *controller = mWindow->findChild<TrainingController *>();
        QTRY_VERIFY_WITH_TIMEOUT(controller->isIdle(), kPromiseTimeoutMs);
        auto *panel = mWindow->findChild<TrainingPanel *>();
        QVERIFY(panel->findChild<QComboBox *>(QStringLiteral("modelCombo"))->isEnabled());
        QVERIFY(mPane->openLesson(Lesson::builtinFiles().at(1))); // the VAE lesson
        mPane->showStep(0);
        mPane->doIt();
        QTRY_VERIFY(mPane->promiseGap().isEmpty());
        auto *seed = panel->findChild<QSpinBox *>(QStringLiteral("seedSpin"));
        QVERIFY(seed->isEnabled());
        seed->setValue(42);
        mPane->next();
        QCOMPARE(seed->value(), 42);
    }

    void commandLineOpensALessonAtAStep()
    {
        {
            StudioCommandLine line;
            QVERIFY(line.parse({QStringLiteral("genstudio"), QStringLiteral("--lesson"), QStringLiteral("03-gan-ring"),
                                QStringLiteral("--lesson-step"), QStringLiteral("3")}));
            const StudioCommandLine::Outcome outcome = line.apply(mWindow.get());
            QCOMPARE(outcome.exitCode, 0);
            QCOMPARE(QFileInfo(mPane->lesson().source).fileName(), QStringLiteral("03-gan-ring.json"));
            QCOMPARE(mPane->stepIndex(), 2);
            QVERIFY(mWindow->sidePaneDock(QStringLiteral("lessons"))->isVisible());
        }
        {
            StudioCommandLine line;
            QVERIFY(line.parse({QStringLiteral("genstudio"), QStringLiteral("--lesson"), QStringLiteral("no-such-lesson")}));
            const StudioCommandLine::Outcome outcome = line.apply(mWindow.get());
            QCOMPARE(outcome.exitCode, 2);
            QVERIFY2(outcome.message.contains(QStringLiteral("“no-such-lesson”"))
                         && outcome.message.contains(QStringLiteral("03-gan-ring")),
                     qPrintable(outcome.message));
        }
        {
            StudioCommandLine line;
            QVERIFY(line.parse({QStringLiteral("genstudio"), QStringLiteral("--lesson"), QStringLiteral("03-gan-ring.json"),
                                QStringLiteral("--lesson-step"), QStringLiteral("99")}));
            const StudioCommandLine::Outcome outcome = line.apply(mWindow.get());
            QCOMPARE(outcome.exitCode, 2);
            QVERIFY2(outcome.message.contains(QStringLiteral("no step 99")), qPrintable(outcome.message));
        }
        QVERIFY(StudioCommandLine().helpText().contains(QStringLiteral("--lesson-step")));
    }

    void brokenLessonShowsItsSentence()
    {
        QVERIFY(mPane->openLesson(Lesson::builtinFiles().first()));
        const QString title = mPane->lesson().title;
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"version": 1, "title": "Broken", "steps": [
            {"body": "a", "preset": {"model": "vae", "dataset": "fashion-mnist"}},
            {"body": "b", "action": {"do": "set_parameter", "key": "btea", "value": 4}}]})");
        file.close();
        QVERIFY(!mPane->openLesson(path));
        auto *status = mPane->findChild<QLabel *>(QStringLiteral("lessonStatus"));
        QVERIFY(status->isVisible());
        QVERIFY2(status->text().contains(QStringLiteral("“broken.json”"))
                     && status->text().contains(QStringLiteral("step 2"))
                     && status->text().contains(QStringLiteral("“btea”")),
                 qPrintable(status->text()));
        QCOMPARE(status->text(), mPane->lastError());
        QCOMPARE(mPane->lesson().title, title); // the open lesson stays

        // An unknown control is caught when the file opens, against the real studio.
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(R"({"version": 1, "title": "Broken", "steps": [{"body": "a", "highlight": ["psiSlidr"]}]})");
        file.close();
        QVERIFY(!mPane->openLesson(path));
        QVERIFY2(status->text().contains(QStringLiteral("“psiSlidr”")), qPrintable(status->text()));

        // A valid file from disk opens and is listed.
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(R"({"version": 1, "title": "Mine", "steps": [{"body": "a", "highlight": ["psiSlider"]}]})");
        file.close();
        QVERIFY2(mPane->openLesson(path), qPrintable(mPane->lastError()));
        QCOMPARE(mPane->lesson().title, QStringLiteral("Mine"));
        auto *combo = mPane->findChild<QComboBox *>(QStringLiteral("lessonCombo"));
        QVERIFY(combo->currentText().contains(QStringLiteral("Mine")));
        QVERIFY(!status->isVisible());
    }

private:
    std::unique_ptr<MainWindow> mWindow;
    LessonPane *mPane = nullptr;
    QStringList mModals; // texts of modal questions that opened
};

GS_GUI_TEST_MAIN(LessonsGuiTest)
#include "test_lessons_gui.moc"
