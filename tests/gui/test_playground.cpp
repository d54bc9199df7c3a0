// test_playground.cpp — the Playground tab driven like a teacher drives it, in
// the real MainWindow on the offscreen platform: the default preset is the GAN
// Lab ring; Play trains and draws real/generated points, the D(x) heatmap, the
// manifold mesh and the gradient arrows with "modes covered" below; paused,
// Step D / Step G / Step D+G advance the step by one each (a D step leaves the
// generated points where they were, a G step moves them); learning rate, loss
// and D:G ratio change live without a warning, a width change asks first
// (Cancel keeps the model, Rebuild builds a new one); a distribution drawn with
// the mouse trains; gmm1d shows histograms and curves; the VAE on moons has no
// heatmap and no arrows (greyed out); a diffusion model's "Diffusion t"
// scrubber moves its samples from noise to data with the score arrows and
// trajectories drawn; a point session started from the Training dock is
// adopted by the playground. Every preset resolves.
//
// Training signals are observed on the TrainingController, which re-emits the
// worker's in the GUI thread, so QSignalSpy never races the training thread.
#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QMessageBox>
#include <QMouseEvent>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>

#include <algorithm>
#include <cmath>
#include <memory>
#include <utility>

#include <qcustomplot.h>

#include "core/model/model_catalog.h"
#include "playground/densityplot.h"
#include "playground/diffusionscrubber.h"
#include "playground/flowstepslider.h"
#include "gui_test_main.h"
#include "training/losspanel.h"
#include "shell/mainwindow.h"
#include "widgets/parameterform.h"
#include "playground/planeplot.h"
#include "playground/playgroundpresets.h"
#include "playground/playgroundview.h"
#include "training/trainingpanel.h"
#include "training/trainingcontroller.h"

namespace {

constexpr int kTimeoutMs = 20000;

} // namespace

class PlaygroundTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void everyPresetResolves();
    void defaultPresetIsTheGanLabRing();
    void ringTrainsAndDrawsEveryLayer();
    void singleStepsAdvanceOneStepEach();
    void liveChangesAreAccepted();
    void widthChangeAsksThenRebuilds();
    void changingDataRestartsAndKeepsPlaying();
    void drawnDistributionTrains();
    void gmm1dShowsHistograms();
    void vaeOnMoonsGreysOutFieldAndArrows();
    void flowShowsItsDensityAndItsSteps();
    void diffusionShowsItsFieldAndTrajectories();
    void pointSessionFromTrainingDockIsAdopted();
    void reopenedPointCheckpointIsShown();

private:
    bool waitForView(QSignalSpy &spy, qint64 *step = nullptr);
    void clickStep(int part);
    void runShort(const QString &preset, long steps, int timeoutMs = kTimeoutMs);

    QTemporaryDir mDir;
    std::unique_ptr<MainWindow> mWindow;
    PlaygroundView *mView = nullptr;
    TrainingController *mController = nullptr;
};

void PlaygroundTest::initTestCase()
{
    QVERIFY(mDir.isValid());
    mWindow = std::make_unique<MainWindow>();
    mWindow->setConfirmDiscard(false);
    mWindow->resize(1500, 950);
    mWindow->show();
    QVERIFY(QTest::qWaitForWindowExposed(mWindow.get()));
    mView = mWindow->topView<PlaygroundView>(QStringLiteral("playground"));
    QVERIFY(mView);
    QVERIFY(mWindow->views()->indexOf(mView) >= 0);
    mWindow->views()->setCurrentWidget(mView);
    mController = mWindow->trainingController();
}

void PlaygroundTest::cleanupTestCase()
{
    QVERIFY(mWindow->shutdownWorker());
    mWindow.reset();
}

bool PlaygroundTest::waitForView(QSignalSpy &spy, qint64 *step)
{
    if (spy.isEmpty() && !spy.wait(kTimeoutMs))
        return false;
    if (step)
        *step = spy.takeFirst().at(0).toLongLong();
    return true;
}

void PlaygroundTest::clickStep(int part)
{
    const char *names[3] = {"stepBothButton", "stepDButton", "stepGButton"};
    auto *button = mView->findChild<QToolButton *>(QLatin1String(names[part]));
    QVERIFY(button);
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
}

// Applies `preset`, trains it to `steps` and waits until the run has finished.
void PlaygroundTest::runShort(const QString &preset, long steps, int timeoutMs)
{
    if (mWindow->state() == MainWindow::State::Running || mWindow->state() == MainWindow::State::Paused)
        mWindow->stopTraining();
    QTRY_VERIFY_WITH_TIMEOUT(mWindow->state() == MainWindow::State::Ready
                                 || mWindow->state() == MainWindow::State::NoSession,
                             kTimeoutMs);
    QVERIFY(mView->applyPreset(preset));
    mView->setTargetSteps(steps);
    QSignalSpy finished(mController, &TrainingController::runFinished);
    QSignalSpy views(mView, &PlaygroundView::viewDrawn);
    QTest::mouseClick(mView->findChild<QPushButton *>(QStringLiteral("playButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), timeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(mWindow->state(), MainWindow::State::Ready, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(mView->viewStep() == steps, kTimeoutMs);
    QVERIFY(mView->followsSession());
}

void PlaygroundTest::everyPresetResolves()
{
    QVERIFY(playgroundPresets().size() >= 8);
    for (const PlaygroundPreset &preset : playgroundPresets()) {
        const gs::ModelInfo *model = gs::find_model(preset.modelId.toStdString());
        QVERIFY2(model, qPrintable(preset.id));
        const gs::DatasetInfo *data = gs::find_dataset(preset.datasetId.toStdString());
        QVERIFY2(data && data->points, qPrintable(preset.id));
        QVERIFY(model->capabilities & gs::kCanSample);
        gs::resolve_params(model->params, preset.params); // throws on a bad key or value
        QVERIFY(!preset.description.isEmpty());
        QCOMPARE(findPlaygroundPreset(preset.id), &preset);
    }
    QCOMPARE(findPlaygroundPreset(QStringLiteral("ring8"))->id, QStringLiteral("gan-ring"));
    QVERIFY(!findPlaygroundPreset(QStringLiteral("no-such-preset")));
}

void PlaygroundTest::defaultPresetIsTheGanLabRing()
{
    QCOMPARE(mView->presetId(), QStringLiteral("gan-ring"));
    const gs::SessionConfig config = mView->sessionConfig();
    QCOMPARE(config.model_id, std::string("gan"));
    QCOMPARE(config.dataset.id, std::string("ring8"));
    const gs::ParamValues p = gs::resolve_params(gs::require_model("gan").params, config.params);
    QCOMPARE(p.at("latent_dim"), std::string("2"));
    QCOMPARE(p.at("batch_size"), std::string("256"));
    QCOMPARE(QString::fromStdString(p.at("lr_g")).toDouble(), 1e-4);
    QCOMPARE(QString::fromStdString(p.at("lr_d")).toDouble(), 1e-4);
    // The live keys are in the live form, width and layers in the rebuilding one.
    QVERIFY(mView->liveForm()->editor(QStringLiteral("lr_d")));
    QVERIFY(mView->liveForm()->editor(QStringLiteral("loss")));
    QVERIFY(mView->liveForm()->editor(QStringLiteral("n_critic")));
    QVERIFY(mView->modelForm()->editor(QStringLiteral("width")));
    QVERIFY(mView->modelForm()->editor(QStringLiteral("layers")));
    QCOMPARE(mWindow->state(), MainWindow::State::NoSession);
    QVERIFY(!mView->findChild<QToolButton *>(QStringLiteral("stepDButton"))->isEnabled());
}

void PlaygroundTest::ringTrainsAndDrawsEveryLayer()
{
    QSignalSpy views(mView, &PlaygroundView::viewDrawn);
    QSignalSpy metrics(mView, &PlaygroundView::metricsShown);
    QSignalSpy warnings(mController, &TrainingController::warning);
    mView->setTargetSteps(100000);
    auto *play = mView->findChild<QPushButton *>(QStringLiteral("playButton"));
    QTest::mouseClick(play, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(mWindow->state(), MainWindow::State::Running, kTimeoutMs);
    QCOMPARE(play->text(), QStringLiteral("Pause"));
    QTRY_VERIFY_WITH_TIMEOUT(mView->viewStep() >= 200, kTimeoutMs);
    QVERIFY(mView->followsSession());
    QCOMPARE(mView->toggleBox(PlaygroundView::Toggle::Mesh)->text(), QStringLiteral("Generator manifold"));

    PlanePlot *plot = mView->planePlot();
    using L = PlanePlot::Layer;
    QCOMPARE(plot->itemCount(L::Real), 1000);
    QCOMPARE(plot->itemCount(L::Fake), 1000);
    QCOMPARE(plot->itemCount(L::Field), 64 * 64);
    QCOMPARE(plot->itemCount(L::Mesh), 2 * 21);
    QVERIFY(plot->itemCount(L::Arrows) > 50);
    // Hiding a layer empties it; showing it brings it back.
    mView->setToggle(PlaygroundView::Toggle::Arrows, false);
    QCOMPARE(plot->itemCount(L::Arrows), 0);
    mView->setToggle(PlaygroundView::Toggle::Arrows, true);
    QVERIFY(plot->itemCount(L::Arrows) > 50);

    // Metrics under the plot: modes covered out of 8, KL and JS.
    QTRY_VERIFY_WITH_TIMEOUT(!metrics.isEmpty(), kTimeoutMs);
    const QStringList names = metrics.last().at(1).toStringList();
    QVERIFY(names.contains(QStringLiteral("modes_covered")));
    QVERIFY(names.contains(QStringLiteral("js_density")));
    auto *modes = mView->findChild<QLabel *>(QStringLiteral("modesLabel"));
    QVERIFY(modes->text().contains(QStringLiteral(" / 8")));
    QVERIFY(!mView->findChild<QLabel *>(QStringLiteral("klLabel"))->text().contains(QStringLiteral("–")));
    QVERIFY(mView->lossPanel()->pointCount() > 0);
    QCOMPARE(warnings.count(), 0);
}

void PlaygroundTest::singleStepsAdvanceOneStepEach()
{
    QCOMPARE(mWindow->state(), MainWindow::State::Running);
    QTest::mouseClick(mView->findChild<QPushButton *>(QStringLiteral("playButton")), Qt::LeftButton);
    QCOMPARE(mWindow->state(), MainWindow::State::Paused);
    QTest::qWait(300); // let the step in flight and its view arrive
    QSignalSpy views(mView, &PlaygroundView::viewDrawn);

    clickStep(1); // D only: the generated points stay, the field changes
    qint64 first = 0;
    QVERIFY(waitForView(views, &first));
    const auto afterFirst = mView->currentView();
    // A second D step, to compare two views of the same kind of step.
    clickStep(1);
    qint64 step = 0;
    QVERIFY(waitForView(views, &step));
    QCOMPARE(step, first + 1);
    const auto afterD = mView->currentView();
    QCOMPARE(afterD->fake, afterFirst->fake);
    QVERIFY(afterD->field != afterFirst->field);

    clickStep(2); // G only: the generated points move
    QVERIFY(waitForView(views, &step));
    QCOMPARE(step, first + 2);
    const auto afterG = mView->currentView();
    QVERIFY(afterG->fake != afterD->fake);

    clickStep(0); // both
    QVERIFY(waitForView(views, &step));
    QCOMPARE(step, first + 3);
    QVERIFY(mView->currentView()->fake != afterG->fake);
    QTRY_COMPARE_WITH_TIMEOUT(mWindow->sessionStep(), long(first + 3), kTimeoutMs);
    QCOMPARE(mWindow->state(), MainWindow::State::Paused);
}

void PlaygroundTest::liveChangesAreAccepted()
{
    QCOMPARE(mWindow->state(), MainWindow::State::Paused);
    QSignalSpy warnings(mController, &TrainingController::warning);
    QSignalSpy ready(mController, &TrainingController::sessionReady);
    auto *lrD = qobject_cast<QDoubleSpinBox *>(mView->liveForm()->editor(QStringLiteral("lr_d")));
    auto *loss = qobject_cast<QComboBox *>(mView->liveForm()->editor(QStringLiteral("loss")));
    auto *nCritic = qobject_cast<QSpinBox *>(mView->liveForm()->editor(QStringLiteral("n_critic")));
    QVERIFY(lrD && loss && nCritic);
    QVERIFY(lrD->isEnabled() && loss->isEnabled() && nCritic->isEnabled());
    lrD->setValue(3e-4);
    loss->setCurrentText(QStringLiteral("hinge"));
    nCritic->setValue(2);
    mView->setSlowMotion(20);
    QCOMPARE(mController->stepDelay(), 20);

    // The commands are served before the next step; step once and resume.
    QSignalSpy views(mView, &PlaygroundView::viewDrawn);
    clickStep(0);
    QVERIFY(waitForView(views));
    QTest::mouseClick(mView->findChild<QPushButton *>(QStringLiteral("playButton")), Qt::LeftButton);
    QCOMPARE(mWindow->state(), MainWindow::State::Running);
    QTest::qWait(400);
    QCOMPARE(warnings.count(), 0); // accepted: no "needs a rebuild" warning
    QCOMPARE(ready.count(), 0);    // and no new session
    // The Training dock shows the session's live values.
    const gs::ParamValues dock = mWindow->trainingPanel()->parameterForm()->values();
    QCOMPARE(QString::fromStdString(dock.at("loss")), QStringLiteral("hinge"));
    QCOMPARE(QString::fromStdString(dock.at("lr_d")).toDouble(), 3e-4);
    QCOMPARE(dock.at("n_critic"), std::string("2"));
    mView->setSlowMotion(0);
    QTest::mouseClick(mView->findChild<QPushButton *>(QStringLiteral("playButton")), Qt::LeftButton);
    QCOMPARE(mWindow->state(), MainWindow::State::Paused);
}

void PlaygroundTest::widthChangeAsksThenRebuilds()
{
    QCOMPARE(mWindow->state(), MainWindow::State::Paused);
    QVERIFY(mWindow->sessionStep() > 0);
    auto *width = qobject_cast<QSpinBox *>(mView->modelForm()->editor(QStringLiteral("width")));
    QVERIFY(width && width->isEnabled());
    const int before = width->value();
    QSignalSpy ready(mController, &TrainingController::sessionReady);

    // Cancel: nothing changes, the editor shows the model's width again.
    bool asked = false;
    answerNextMessageBox(QString(), &asked, kTimeoutMs);
    width->setValue(64);
    QTRY_VERIFY_WITH_TIMEOUT(asked, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(width->value(), before, kTimeoutMs);
    QTest::qWait(200);
    QCOMPARE(ready.count(), 0);
    QCOMPARE(mWindow->state(), MainWindow::State::Paused);

    // Rebuild: a new session with the new width, paused at step 0 as before.
    asked = false;
    answerNextMessageBox(QStringLiteral("rebuildButton"), &asked, kTimeoutMs);
    QSignalSpy views(mView, &PlaygroundView::viewDrawn);
    width->setValue(64);
    QTRY_VERIFY_WITH_TIMEOUT(asked, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty(), kTimeoutMs);
    const SessionSummary summary = ready.first().at(0).value<SessionSummary>();
    QCOMPARE(summary.config.params.at("width"), std::string("64"));
    QCOMPARE(summary.config.params.at("loss"), std::string("hinge")); // live edits kept
    QCOMPARE(summary.step, 0L);
    QTRY_COMPARE_WITH_TIMEOUT(mWindow->state(), MainWindow::State::Paused, kTimeoutMs);
    qint64 step = -1;
    QVERIFY(waitForView(views, &step));
    QCOMPARE(step, 0); // the untrained model is shown before the first step
    QCOMPARE(width->value(), 64);
}

void PlaygroundTest::changingDataRestartsAndKeepsPlaying()
{
    QCOMPARE(mWindow->state(), MainWindow::State::Paused);
    QTest::mouseClick(mView->findChild<QPushButton *>(QStringLiteral("playButton")), Qt::LeftButton);
    QCOMPARE(mWindow->state(), MainWindow::State::Running);
    QSignalSpy ready(mController, &TrainingController::sessionReady);
    auto *data = mView->findChild<QComboBox *>(QStringLiteral("playgroundDataCombo"));
    QVERIFY(data);
    data->setCurrentIndex(data->findData(QStringLiteral("spiral")));
    emit data->activated(data->currentIndex()); // as a user's pick
    QCOMPARE(mView->presetId(), QString());     // no longer a preset
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty(), kTimeoutMs);
    QCOMPARE(ready.first().at(0).value<SessionSummary>().config.dataset.id, std::string("spiral"));
    QCOMPARE(ready.first().at(0).value<SessionSummary>().config.params.at("width"),
             std::string("64")); // the form's settings came along
    QTRY_COMPARE_WITH_TIMEOUT(mWindow->state(), MainWindow::State::Running, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(mView->viewStep() > 0, kTimeoutMs);
    QCOMPARE(mView->planePlot()->itemCount(PlanePlot::Layer::Fake), 1000);
}

void PlaygroundTest::drawnDistributionTrains()
{
    // Choosing drawn data stops the ring (there is nothing to train on yet).
    QVERIFY(mView->selectDataset(QStringLiteral("drawn")));
    QTRY_COMPARE_WITH_TIMEOUT(mWindow->state(), MainWindow::State::Ready, kTimeoutMs);
    PlanePlot *plot = mView->planePlot();
    QVERIFY(plot->isDrawingEnabled());
    auto *play = mView->findChild<QPushButton *>(QStringLiteral("playButton"));
    QVERIFY(!play->isEnabled()); // nothing drawn yet

    // Two strokes: a horizontal line at y = 1 and a dot at (−1, −1).
    QCustomPlot *canvas = plot->plot();
    auto send = [canvas](QEvent::Type type, const QPoint &pos, Qt::MouseButton button,
                         Qt::MouseButtons buttons) {
        QMouseEvent event(type, QPointF(pos), canvas->mapToGlobal(QPointF(pos)), button, buttons,
                          Qt::NoModifier);
        QCoreApplication::sendEvent(canvas, &event);
    };
    send(QEvent::MouseButtonPress, plot->pixelFor(-1.5, 1), Qt::LeftButton, Qt::LeftButton);
    for (double x = -1.4; x <= 1.5; x += 0.05)
        send(QEvent::MouseMove, plot->pixelFor(x, 1), Qt::NoButton, Qt::LeftButton);
    send(QEvent::MouseButtonRelease, plot->pixelFor(1.5, 1), Qt::LeftButton, Qt::NoButton);
    send(QEvent::MouseButtonPress, plot->pixelFor(-1, -1), Qt::LeftButton, Qt::LeftButton);
    send(QEvent::MouseButtonRelease, plot->pixelFor(-1, -1), Qt::LeftButton, Qt::NoButton);
    const std::vector<float> drawn = plot->drawnPoints();
    QVERIFY2(drawn.size() / 2 >= 20, qPrintable(QString::number(drawn.size() / 2)));
    QVERIFY(std::abs(drawn[1] - 1.0f) < 0.05f);
    QVERIFY(play->isEnabled());
    QCOMPARE(mView->sessionConfig().dataset.drawn_points, drawn);

    mView->setTargetSteps(300);
    QSignalSpy ready(mController, &TrainingController::sessionReady);
    QSignalSpy finished(mController, &TrainingController::runFinished);
    QTest::mouseClick(play, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty(), kTimeoutMs);
    const SessionSummary summary = ready.first().at(0).value<SessionSummary>();
    QCOMPARE(summary.config.dataset.id, std::string("drawn"));
    QCOMPARE(summary.config.dataset.drawn_points, drawn);
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(mView->viewStep(), 300L, kTimeoutMs);
    // The real points follow the drawing: most lie on the line at y = 1.
    const auto view = mView->currentView();
    int onLine = 0;
    for (size_t i = 1; i < view->real.size(); i += 2)
        onLine += std::abs(view->real[i] - 1.0f) < 0.3f;
    QVERIFY(onLine > int(view->real.size() / 2) * 8 / 10);
    QCOMPARE(plot->itemCount(PlanePlot::Layer::Fake), 1000);
    // Drawing is possible again now that the run is over; the dock remembers it.
    QTRY_VERIFY_WITH_TIMEOUT(plot->isDrawingEnabled(), kTimeoutMs);
    QCOMPARE(mWindow->trainingPanel()->sessionConfig().dataset.drawn_points, drawn);
}

void PlaygroundTest::gmm1dShowsHistograms()
{
    runShort(QStringLiteral("gan-gmm1d"), 200);
    DensityPlot *plot = mView->densityPlot();
    QVERIFY(plot->isVisible());
    using L = DensityPlot::Layer;
    QVERIFY(plot->itemCount(L::Real) > 10);
    QVERIFY(plot->itemCount(L::Fake) > 0);
    QCOMPARE(plot->itemCount(L::Density), 64); // the true density curve
    QCOMPARE(plot->itemCount(L::Field), 64);   // D(x)
    // 2-D layers are hidden for 1-D data, the density toggle is shown.
    QVERIFY(mView->toggleBox(PlaygroundView::Toggle::Mesh)->isHidden());
    QVERIFY(mView->toggleBox(PlaygroundView::Toggle::Arrows)->isHidden());
    QVERIFY(!mView->toggleBox(PlaygroundView::Toggle::Density)->isHidden());
    mView->setToggle(PlaygroundView::Toggle::Fake, false);
    QCOMPARE(plot->itemCount(L::Fake), 0);
    mView->setToggle(PlaygroundView::Toggle::Fake, true);
    QVERIFY(mView->findChild<QLabel *>(QStringLiteral("modesLabel"))->text().contains(QStringLiteral("n/a")));
}

void PlaygroundTest::vaeOnMoonsGreysOutFieldAndArrows()
{
    QSignalSpy warnings(mController, &TrainingController::warning);
    QSignalSpy failures(mController, &TrainingController::failed);
    runShort(QStringLiteral("vae-moons"), 300);
    QCOMPARE(failures.count(), 0);
    QCOMPARE(mView->modelId(), QStringLiteral("vae"));
    PlanePlot *plot = mView->planePlot();
    QVERIFY(plot->isVisible());
    using L = PlanePlot::Layer;
    QCOMPARE(plot->itemCount(L::Fake), 1000);
    QCOMPARE(plot->itemCount(L::Real), 1000);
    QCOMPARE(plot->itemCount(L::Mesh), 2 * 21); // the decoder's manifold
    QCOMPARE(plot->itemCount(L::Field), 0);
    QCOMPARE(plot->itemCount(L::Arrows), 0);
    QCheckBox *field = mView->toggleBox(PlaygroundView::Toggle::Field);
    QCheckBox *arrows = mView->toggleBox(PlaygroundView::Toggle::Arrows);
    QVERIFY(!field->isEnabled());
    QVERIFY(!arrows->isEnabled());
    QVERIFY(field->toolTip().contains(QStringLiteral("no discriminator")));
    QVERIFY(arrows->toolTip().contains(QStringLiteral("not adversarial")));
    // The VAE takes its learning rate live, and a paused VAE steps both at once only.
    QVERIFY(mView->liveForm()->editor(QStringLiteral("lr")));
    mView->reset();
    QTRY_COMPARE_WITH_TIMEOUT(mWindow->state(), MainWindow::State::Paused, kTimeoutMs);
    QVERIFY(mView->findChild<QToolButton *>(QStringLiteral("stepBothButton"))->isEnabled());
    QVERIFY(!mView->findChild<QToolButton *>(QStringLiteral("stepDButton"))->isEnabled());
    QCOMPARE(warnings.count(), 0);
}

// A RealNVP flow on the ring: its field is a log-density (labelled so), the
// true density is drawn beside it, and the flow-steps slider pulls the fixed
// samples back from the ring (data space) to the standard-normal latent.
void PlaygroundTest::flowShowsItsDensityAndItsSteps()
{
    QSignalSpy failures(mController, &TrainingController::failed);
    runShort(QStringLiteral("realnvp-ring"), 600);
    QCOMPARE(failures.count(), 0);
    const auto view = mView->currentView();
    QVERIFY(view);
    QVERIFY(view->field_is_log_density);
    QVERIFY(!view->true_field.empty());
    QVERIFY(mView->trueDensityPlot()->isVisibleTo(mView));
    QCOMPARE(mView->toggleBox(PlaygroundView::Toggle::Field)->text(), QStringLiteral("Log-density heatmap"));
    QCOMPARE(mView->toggleBox(PlaygroundView::Toggle::Mesh)->text(), QStringLiteral("Latent grid through the flow"));

    FlowStepSlider *slider = mView->flowStepSlider();
    QVERIFY(slider->isVisibleTo(mView));
    const int steps = int(view->flow_step_names.size());
    QVERIFY(steps >= 2);
    QCOMPARE(int(view->flow_meshes.size()), steps + 1);
    QCOMPARE(slider->undone(), steps); // data space
    auto meanSquaredNorm = [](const std::vector<float> &points) {
        double sum = 0;
        for (size_t i = 0; i + 1 < points.size(); i += 2)
            sum += points[i] * points[i] + points[i + 1] * points[i + 1];
        return sum / double(points.size() / 2);
    };
    // On the ring of radius 2, |x|² ≈ 4; in the latent, |z|² of a 2-D standard normal averages 2.
    const double data = meanSquaredNorm(slider->viewAt(*view).fake);
    QVERIFY2(data > 2.8 && data < 5.5, qPrintable(QString::number(data)));
    slider->setUndone(0);
    const gs::PlaneView latent = slider->viewAt(*view);
    QCOMPARE(latent.fake, view->flow_fakes[0]);
    const double z = meanSquaredNorm(latent.fake);
    QVERIFY2(z > 1.6 && z < 2.4, qPrintable(QString::number(z)));
    slider->setUndone(steps);
}

// A 2-D diffusion model on two moons: the "Diffusion t" scrubber appears at the
// finished samples, the denoising field is drawn as arrows on its grid with a
// dozen trajectories, scrubbing changes the drawn points, the finished samples
// lie much closer to the data than the noise at t = T−1, and Play runs the
// reverse process from the noise to the end.
void PlaygroundTest::diffusionShowsItsFieldAndTrajectories()
{
    QSignalSpy failures(mController, &TrainingController::failed);
    QSignalSpy warnings(mController, &TrainingController::warning);
    runShort(QStringLiteral("ddpm-moons"), 600, 4 * kTimeoutMs);
    QCOMPARE(failures.count(), 0);
    const auto view = mView->currentView();
    QVERIFY(view);
    QVERIFY(view->diffusion_T > 0);

    DiffusionScrubber *scrubber = mView->diffusionScrubber();
    QVERIFY(scrubber->isVisibleTo(mView));
    QVERIFY(!mView->flowStepSlider()->isVisibleTo(mView));
    const int last = scrubber->states() - 1;
    QVERIFY(last >= 10);
    QCOMPARE(scrubber->position(), last); // the finished samples
    QCOMPARE(scrubber->timestepAt(0), view->diffusion_T - 1);

    PlanePlot *plot = mView->planePlot();
    using L = PlanePlot::Layer;
    QCOMPARE(plot->itemCount(L::Real), 1000);
    QCOMPARE(plot->itemCount(L::Fake), 1000);
    QCOMPARE(plot->itemCount(L::Mesh), 0);
    QCOMPARE(plot->itemCount(L::Field), 0);
    QVERIFY2(plot->itemCount(L::Arrows) > 100, qPrintable(QString::number(plot->itemCount(L::Arrows))));
    QCOMPARE(plot->itemCount(L::Trajectories), view->trajectory_count);
    QVERIFY(view->trajectory_count >= 5);
    QCheckBox *arrows = mView->toggleBox(PlaygroundView::Toggle::Arrows);
    QVERIFY(arrows->isEnabled());
    QVERIFY(arrows->toolTip().contains(QStringLiteral("score")));
    QVERIFY(mView->toggleBox(PlaygroundView::Toggle::Trajectories)->isVisibleTo(mView));
    mView->setToggle(PlaygroundView::Toggle::Trajectories, false);
    QCOMPARE(plot->itemCount(L::Trajectories), 0);
    mView->setToggle(PlaygroundView::Toggle::Trajectories, true);
    QCOMPARE(plot->itemCount(L::Trajectories), view->trajectory_count);

    // The generated points as drawn (the graph keeps them sorted by x: compare sorted
    // lists), and their mean distance to the nearest real point.
    auto sorted = [](const std::vector<float> &xy) {
        std::vector<std::pair<float, float>> pairs;
        for (size_t i = 0; i + 1 < xy.size(); i += 2)
            pairs.emplace_back(xy[i], xy[i + 1]);
        std::sort(pairs.begin(), pairs.end());
        std::vector<float> out;
        for (const auto &[x, y] : pairs) {
            out.push_back(x);
            out.push_back(y);
        }
        return out;
    };
    auto drawnFake = [plot, &sorted] {
        std::vector<float> xy;
        for (int i = 0; i < plot->plot()->graphCount(); ++i) {
            QCPGraph *graph = plot->plot()->graph(i);
            if (graph->name() != QStringLiteral("generated"))
                continue;
            for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
                xy.push_back(float(it->key));
                xy.push_back(float(it->value));
            }
        }
        return sorted(xy);
    };
    auto distanceToData = [&view](const std::vector<float> &xy) {
        double sum = 0;
        for (size_t i = 0; i + 1 < xy.size(); i += 2) {
            double best = 1e30;
            for (size_t j = 0; j + 1 < view->real.size(); j += 2)
                best = std::min(best, std::hypot(double(xy[i] - view->real[j]), double(xy[i + 1] - view->real[j + 1])));
            sum += best;
        }
        return sum / double(xy.size() / 2);
    };
    const std::vector<float> finished = drawnFake();
    QCOMPARE(int(finished.size()), 2000);
    QCOMPARE(finished, sorted(view->fake));
    const std::vector<float> arrowsAtEnd = scrubber->viewAt(*view).push;
    scrubber->setPosition(0); // t = T−1: the noise batch
    const std::vector<float> noise = drawnFake();
    QCOMPARE(noise, sorted(view->diffusion_points.front()));
    QVERIFY(noise != finished);
    QVERIFY(scrubber->viewAt(*view).push != arrowsAtEnd); // the field changes with t
    const double atNoise = distanceToData(noise), atData = distanceToData(finished);
    QVERIFY2(atData < 0.5 * atNoise, qPrintable(QStringLiteral("%1 vs %2").arg(atData).arg(atNoise)));
    QVERIFY2(atData < 0.12, qPrintable(QString::number(atData)));
    scrubber->setPosition(3 * last / 4); // most of the way: the moons show through the noise
    const double late = distanceToData(drawnFake());
    qInfo("mean distance to the nearest real point: noise %.3f, 3/4 of the way %.3f, samples %.3f", atNoise, late,
          atData);
    QVERIFY2(late < atNoise && late > atData, qPrintable(QStringLiteral("%1 vs %2").arg(late).arg(atNoise)));
    QVERIFY(mView->findChild<QLabel *>(QStringLiteral("diffusionLabel"))->text().startsWith(QStringLiteral("t = ")));

    // Play from the end replays from the noise and stops at the finished samples.
    scrubber->setPosition(last);
    QTest::mouseClick(mView->findChild<QToolButton *>(QStringLiteral("diffusionPlayButton")), Qt::LeftButton);
    QVERIFY(scrubber->isPlaying());
    QVERIFY(scrubber->position() < last / 2);
    QTRY_VERIFY_WITH_TIMEOUT(!scrubber->isPlaying(), kTimeoutMs);
    QCOMPARE(scrubber->position(), last);
    QCOMPARE(drawnFake(), finished);
    QCOMPARE(warnings.count(), 0);
}

void PlaygroundTest::pointSessionFromTrainingDockIsAdopted()
{
    mWindow->stopTraining();
    QTRY_COMPARE_WITH_TIMEOUT(mWindow->state(), MainWindow::State::Ready, kTimeoutMs);
    mWindow->views()->setCurrentIndex(0);
    TrainingPanel *panel = mWindow->trainingPanel();
    QVERIFY(panel->selectModel(QStringLiteral("gan")));
    QVERIFY(panel->selectDataset(QStringLiteral("moons")));
    panel->setTotalSteps(100);
    QSignalSpy finished(mController, &TrainingController::runFinished);
    mWindow->startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kTimeoutMs);
    QCOMPARE(mWindow->views()->currentWidget(), mView); // the playground came forward
    QCOMPARE(mView->datasetId(), QStringLiteral("moons"));
    QCOMPARE(mView->modelId(), QStringLiteral("gan"));
    QCOMPARE(mView->presetId(), QString()); // custom: the dock's settings, not a preset
    QTRY_COMPARE_WITH_TIMEOUT(mView->viewStep(), 100L, kTimeoutMs);
}

void PlaygroundTest::reopenedPointCheckpointIsShown()
{
    QCOMPARE(mWindow->state(), MainWindow::State::Ready);
    const QString path = mDir.filePath(QStringLiteral("moons.gsckpt"));
    mWindow->saveCheckpointFile(path);
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(path), kTimeoutMs);
    QVERIFY(mView->applyPreset(QStringLiteral("gan-ring"))); // the form moves away …
    QVERIFY(mView->viewStep() < 0);
    QSignalSpy views(mView, &PlaygroundView::viewDrawn);
    mWindow->openCheckpointFile(path); // … and the reopened session brings it back
    qint64 step = -1;
    QVERIFY(waitForView(views, &step));
    QCOMPARE(step, 100);
    QCOMPARE(mView->datasetId(), QStringLiteral("moons"));
    QCOMPARE(mView->planePlot()->itemCount(PlanePlot::Layer::Field), 64 * 64);
    // Play continues the reopened session (same model, same step count).
    mView->setTargetSteps(150);
    QSignalSpy finished(mController, &TrainingController::runFinished);
    QSignalSpy ready(mController, &TrainingController::sessionReady);
    QTest::mouseClick(mView->findChild<QPushButton *>(QStringLiteral("playButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kTimeoutMs);
    QCOMPARE(finished.first().at(0).toLongLong(), 150);
    QCOMPARE(ready.count(), 0);
}

GS_GUI_TEST_MAIN(PlaygroundTest)
#include "test_playground.moc"
