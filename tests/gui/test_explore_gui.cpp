// test_explore_gui.cpp — the Explore tab on the offscreen platform, with small
// checkpoints trained here (a VAE with a 4-dimensional latent): slider requests are coalesced (100 quick moves, far
// fewer decodes, the final image is the final latent's), exploring while the
// main window trains (images update, training goes on and ends at its target),
// the latent map (points, class colours, legend, hover, click, decoded grid),
// interpolation strips (N frames, lerp ≠ slerp, loops), exports that open
// again and bookmarks. Bad input is in test_explore_badinput_gui.cpp.
#include <QCheckBox>
#include <QDragEnterEvent>
#include <QBuffer>
#include <QDropEvent>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

#include "explore/interpolation/animationplayer.h"
#include "explore/bookmarkstore.h"
#include "core/explore/animation_writer.h"
#include "core/explore/explorer.h"
#include "core/train/training_session.h"
#include "explore/explorationworker.h"
#include "explore/exploreview.h"
#include "explore_test_support.h"
#include "gui_test_main.h"
#include "support/imageconvert.h"
#include "explore/interpolation/interpolationview.h"
#include "explore/map/latentmapplot.h"
#include "explore/map/latentmapview.h"
#include "explore/latent/latentpanel.h"
#include "training/losspanel.h"
#include "shell/mainwindow.h"
#include "widgets/messagebanner.h"
#include "widgets/parameterform.h"
#include "training/trainingpanel.h"
#include "training/trainingworker.h"

using namespace exploretest;

namespace {
constexpr int kLatentDim = 4;
} // namespace

class ExploreGuiTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void staleRequestsAreDropped();
    void directionsAndBookmarks();
    void exploresWhileTraining();
    void latentMapShowsClassColours();
    void interpolationStripAndToggle();
    void exportsOpenAgain();

private:
    QTemporaryDir mDir;
    QString mVae;
};

void ExploreGuiTest::initTestCase()
{
    QVERIFY(mDir.isValid());
    if (!QFileInfo::exists(kFashionMnist))
        QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    mVae = trainCheckpoint(mDir.path(), "vae", 40, kLatentDim);
}

void ExploreGuiTest::staleRequestsAreDropped()
{
    auto view = openExploreView(mVae);
    QVERIFY(waitForModel(view.get()));
    LatentPanel *panel = view->view<LatentPanel>(QStringLiteral("latent"));
    QCOMPARE(view->modelInfo().latentDim, kLatentDim);
    QCOMPARE(panel->mode(), LatentPanel::Mode::Dimensions);
    QCOMPARE(panel->sliderCount(), kLatentDim);
    QVERIFY(waitForPreview(panel));
    // The dimensions are rated by how far the test images' codes spread along them.
    QTRY_VERIFY_WITH_TIMEOUT(panel->slider(0)->toolTip().contains(QStringLiteral("spread")),
                             kTimeoutMs);
    ExplorationWorker *worker = view->worker();
    const int runBefore = worker->jobsRun(panel, LatentPanel::kPreviewPurpose);

    // 100 slider changes as fast as a drag can make them.
    for (int i = 0; i < 100; ++i)
        panel->setSliderValue(i % kLatentDim, -3.0 + 6.0 * i / 99.0);
    QVERIFY(waitForPreview(panel));
    const int decodes = worker->jobsRun(panel, LatentPanel::kPreviewPurpose) - runBefore;
    qInfo("100 slider changes -> %d decodes, %d dropped", decodes,
          worker->requestsDropped(panel, LatentPanel::kPreviewPurpose));
    QVERIFY2(decodes >= 1 && decodes <= 20, qPrintable(QString::number(decodes)));
    QVERIFY(worker->requestsDropped(panel, LatentPanel::kPreviewPurpose) >= 80);

    // The image shown is the decoded final latent (decoded here independently).
    const gs::Latent z = panel->latent();
    QCOMPARE(z.size(), size_t(kLatentDim));
    QCOMPARE(double(z[3]), 3.0); // the last change: slider 3 at +3
    auto reference = gs::Explorer::open(QFile::encodeName(mVae).toStdString());
    QCOMPARE(panel->previewImage(), toQImage(reference->decode(z)));

    // A drag with the event loop running: every image shown is a newer one.
    QSignalSpy shown(panel, &LatentPanel::previewShown);
    for (int i = 0; i < 30; ++i) {
        panel->setSliderValue(0, -1.0 + i / 15.0);
        QCoreApplication::processEvents();
    }
    QVERIFY(waitForPreview(panel));
    for (int i = 1; i < shown.size(); ++i)
        QVERIFY(shown[i].first().toULongLong() > shown[i - 1].first().toULongLong());
    QCOMPARE(panel->previewImage(), toQImage(reference->decode(panel->latent())));

    // The sweep shows one row of 9 frames.
    QTRY_VERIFY_WITH_TIMEOUT(!panel->sweepImage().isNull(), kTimeoutMs);
    QCOMPARE(panel->sweepImage().height(), 28);
    QCOMPARE(panel->sweepImage().width(), 9 * 28 + 8 * 2);

    // Seeds are reproducible and reset goes to zero.
    panel->setSeed(7);
    QTRY_VERIFY_WITH_TIMEOUT(panel->latent() == reference->random_latent(7), kTimeoutMs);
    panel->resetToZero();
    QCOMPARE(panel->latent(), gs::Latent(kLatentDim, 0.0f));
    QVERIFY(waitForPreview(panel));
    QCOMPARE(panel->previewImage(), toQImage(reference->decode(gs::Latent(kLatentDim, 0.0f))));

    // Take from a test image: the latent becomes its code.
    panel->takeDatasetImage(3);
    const gs::Latent code = reference->encode(reference->dataset_image(3));
    QTRY_VERIFY_WITH_TIMEOUT(panel->latent() == code, kTimeoutMs);
}

void ExploreGuiTest::directionsAndBookmarks()
{
    auto view = openExploreView(mVae);
    QVERIFY(waitForModel(view.get()));
    LatentPanel *panel = view->view<LatentPanel>(QStringLiteral("latent"));
    QVERIFY(waitForPreview(panel));
    QSignalSpy directions(panel, &LatentPanel::directionsChanged);
    panel->setDirectionCount(3);
    QVERIFY(panel->setMode(LatentPanel::Mode::Directions));
    QVERIFY(directions.wait(kTimeoutMs));
    QCOMPARE(panel->sliderCount(), 3);
    const gs::Latent base = panel->latent();
    panel->setSliderValue(0, 2.0); // +2σ along PC1
    QVERIFY(panel->latent() != base);
    QVERIFY(waitForPreview(panel));

    // Bookmarks persist (QSettings) and bring the latent back.
    QVERIFY(panel->saveBookmark(QStringLiteral("two sigma")));
    const gs::Latent saved = panel->latent();
    QVERIFY(!panel->saveBookmark(QStringLiteral("   ")));
    QVERIFY(view->messageBanner()->isVisible());
    panel->resetToZero();
    QVERIFY(panel->latent() != saved);
    QVERIFY(panel->applyBookmark(QStringLiteral("two sigma")));
    QCOMPARE(panel->latent(), saved);
    BookmarkStore fresh;
    const auto stored = fresh.bookmarks(QStringLiteral("vae"), kLatentDim);
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.first().latent, saved);
    QVERIFY(fresh.bookmarks(QStringLiteral("gan"), kLatentDim).isEmpty());
}

void ExploreGuiTest::exploresWhileTraining()
{
    MainWindow window;
    window.setConfirmDiscard(false);
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    TrainingPanel *form = window.trainingPanel();
    QVERIFY(form->selectModel(QStringLiteral("vae")));
    QVERIFY(form->selectDataset(QStringLiteral("fashion-mnist")));
    form->setTotalSteps(100000); // stopped below
    form->setImageLimit(2000);
    auto editor = [form](const char *key) {
        return qobject_cast<QSpinBox *>(form->parameterForm()->editor(QLatin1String(key)));
    };
    editor("batch_size")->setValue(32);
    editor("latent_dim")->setValue(8);
    ExploreView *explore = window.topView<ExploreView>(QStringLiteral("explore"));
    // File → Explore a Checkpoint File… opens files here without touching training.
    auto *exploreAction = window.findChild<QAction *>(QStringLiteral("exploreCheckpointAction"));
    QVERIFY(exploreAction);
    QVERIFY(window.menuBar()->actions().first()->menu()->actions().contains(exploreAction));
    window.views()->setCurrentWidget(explore);
    QVERIFY(explore->followsTraining());
    QSignalSpy models(explore, &ExploreView::modelChanged);

    window.startTraining();
    QTRY_COMPARE_WITH_TIMEOUT(window.state(), MainWindow::State::Running, kTimeoutMs);
    QVERIFY(models.wait(kTimeoutMs));
    const ExplorerInfo first = explore->modelInfo();
    QVERIFY(first.fromTraining);
    QCOMPARE(first.latentDim, 8);
    LatentPanel *panel = explore->view<LatentPanel>(QStringLiteral("latent"));
    QVERIFY(waitForPreview(panel));
    // Sliders work while the trainer runs.
    for (int i = 0; i < 20; ++i) {
        panel->setSliderValue(i % 8, (i % 7) - 3.0);
        QTest::qWait(5);
    }
    QVERIFY(waitForPreview(panel));
    const QImage before = panel->previewImage();
    // A newer copy arrives by itself (every 2 s while training) and redraws.
    QTRY_VERIFY_WITH_TIMEOUT(explore->modelInfo().step > first.step + 5, kTimeoutMs);
    QVERIFY(explore->modelInfo().generation > first.generation);
    QCOMPARE(window.state(), MainWindow::State::Running);
    QVERIFY(waitForPreview(panel));
    QVERIFY(panel->previewImage() != before); // the weights changed
    const gs::Latent z = panel->latent();

    // Stop: the run ends cleanly; the explorer gets the final weights.
    QSignalSpy finished(window.trainingController()->worker(), &TrainingWorker::runFinished);
    QSignalSpy failed(window.trainingController()->worker(), &TrainingWorker::failed);
    window.findChild<QAction *>(QStringLiteral("stopAction"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(window.state(), MainWindow::State::Ready, kTimeoutMs);
    QVERIFY(failed.isEmpty());
    const long stoppedAt = window.sessionStep();
    QVERIFY(stoppedAt > first.step);
    QTRY_COMPARE_WITH_TIMEOUT(explore->modelInfo().step, qint64(stoppedAt), kTimeoutMs);

    // Continue to a target: training reaches it exactly, losses stay finite.
    form->setTotalSteps(stoppedAt + 30);
    window.continueTraining();
    QTRY_COMPARE_WITH_TIMEOUT(window.state(), MainWindow::State::Ready, kTimeoutMs);
    QVERIFY(failed.isEmpty());
    QCOMPARE(window.sessionStep(), stoppedAt + 30);
    QTRY_COMPARE_WITH_TIMEOUT(explore->modelInfo().step, qint64(stoppedAt + 30), kTimeoutMs);
    QVERIFY(window.lossPanel()->pointCount() > 0);
    QVERIFY(waitForPreview(panel));
    QCOMPARE(panel->latent(), z); // the latent survives refreshes of the same model
    QVERIFY(explore->snapshotsRequested() >= 2);
}

void ExploreGuiTest::latentMapShowsClassColours()
{
    auto view = openExploreView(mVae);
    QVERIFY(waitForModel(view.get()));
    LatentMapView *map = view->view<LatentMapView>(QStringLiteral("map"));
    QSignalSpy shown(map, &LatentMapView::mapShown);
    view->showSubView(QStringLiteral("map"));
    QVERIFY(shown.wait(kTimeoutMs));
    QCOMPARE(map->pointCount(), LatentMapView::kDefaultPoints);
    const QStringList legend = map->legendNames();
    QCOMPARE(legend.size(), 10);
    QVERIFY(legend.contains(QStringLiteral("T-shirt/top")));
    QVERIFY(legend.contains(QStringLiteral("Ankle boot")));
    // One colour per class, and each point in its class colour.
    LatentMapPlot *plot = map->plot();
    QSet<QRgb> colours;
    for (int label = 0; label < 10; ++label)
        colours.insert(LatentMapPlot::classColor(label).rgb());
    QCOMPARE(colours.size(), 10);
    int coloured = 0;
    for (int i = 0; i < plot->legend->itemCount(); ++i) {
        auto *item = qobject_cast<QCPPlottableLegendItem *>(plot->legend->item(i));
        QVERIFY(item);
        auto *graph = qobject_cast<QCPGraph *>(item->plottable());
        QVERIFY(graph);
        QCOMPARE(graph->scatterStyle().brush().color().rgb(),
                 LatentMapPlot::classColor(legend.indexOf(graph->name())).rgb());
        coloured += graph->data()->size();
    }
    QCOMPARE(coloured, LatentMapView::kDefaultPoints);

    // Hovering a point shows its test image.
    auto reference = gs::Explorer::open(QFile::encodeName(mVae).toStdString());
    QSignalSpy hovered(map, &LatentMapView::hoverShown);
    map->hoverAt(5, QPointF(50, 50));
    QVERIFY(hovered.wait(kTimeoutMs));
    QCOMPARE(hovered.first().first().toInt(), map->pointIndex(5));
    QCOMPARE(map->hoverImage(), toQImage(reference->dataset_image(map->pointIndex(5))));
    // A point's own pixel position finds it.
    QCOMPARE(plot->nearestPoint(QPointF(plot->xAxis->coordToPixel(map->pointPosition(7).x()),
                                        plot->yAxis->coordToPixel(map->pointPosition(7).y())),
                                0.5),
             7);

    // Clicking decodes that point of the plane (axes z0, z1 here).
    map->setAxes(2, 3);
    const gs::Latent at = map->latentAt(0.5, -1.0);
    QVERIFY(std::abs(at[0] - 0.5f) < 1e-5f);
    QVERIFY(std::abs(at[1] + 1.0f) < 1e-5f);
    QSignalSpy picked(map, &LatentMapView::pickShown);
    map->pickAt(0.5, -1.0);
    QVERIFY(picked.wait(kTimeoutMs));
    QCOMPARE(map->pickedImage(), toQImage(reference->decode(at)));
    // In the principal plane too.
    map->setAxes(0, 1);
    const gs::Latent pc = map->latentAt(1.0, 0.25);
    QCOMPARE(pc.size(), size_t(kLatentDim));
    picked.clear();
    map->pickAt(1.0, 0.25);
    QVERIFY(picked.wait(kTimeoutMs));
    QCOMPARE(map->pickedImage(), toQImage(reference->decode(pc)));

    // The decoded grid fills the plane.
    QSignalSpy grid(map, &LatentMapView::gridShown);
    map->setGridMode(true);
    QVERIFY(grid.wait(kTimeoutMs));
    QCOMPARE(map->gridImage().width(), 14 * 28); // 14 across
    QVERIFY(map->gridImage().height() >= 28 && map->gridImage().height() % 28 == 0);
}

void ExploreGuiTest::interpolationStripAndToggle()
{
    auto view = openExploreView(mVae);
    QVERIFY(waitForModel(view.get()));
    view->showSubView(QStringLiteral("interpolation"));
    InterpolationView *interpolation = view->view<InterpolationView>(QStringLiteral("interpolation"));
    QSignalSpy strip(interpolation, &InterpolationView::stripShown);
    QVERIFY(strip.wait(kTimeoutMs)); // the default endpoints: three test images
    QCOMPARE(interpolation->endpointCount(), 3);

    interpolation->clearEndpoints();
    interpolation->setFramesPerSegment(7);
    interpolation->setSpherical(true);
    interpolation->addSeed(1);
    strip.clear();
    interpolation->addSeed(2);
    QTRY_VERIFY_WITH_TIMEOUT(!strip.isEmpty() && strip.last().first().toInt() == 7, kTimeoutMs);
    QCOMPARE(interpolation->frameCount(), 7);
    const QVector<QImage> slerp = interpolation->frames();
    auto reference = gs::Explorer::open(QFile::encodeName(mVae).toStdString());
    const auto path = reference->interpolate(
        {reference->random_latent(1), reference->random_latent(2)}, 7, true);
    QCOMPARE(slerp[3], toQImage(reference->decode(path[3])));

    strip.clear();
    interpolation->setSpherical(false);
    QVERIFY(strip.wait(kTimeoutMs));
    const QVector<QImage> lerp = interpolation->frames();
    QCOMPARE(lerp.size(), 7);
    QCOMPARE(lerp.first(), slerp.first()); // same endpoints
    QCOMPARE(lerp.last(), slerp.last());
    QVERIFY(lerp[3] != slerp[3]); // a different path between them
    QVERIFY(!interpolation->stripImage().isNull());

    // A third endpoint and a loop back to the first.
    strip.clear();
    interpolation->addDatasetImage(4);
    QTRY_VERIFY_WITH_TIMEOUT(interpolation->frameCount() == 13, kTimeoutMs);
    interpolation->setLoop(true);
    QTRY_VERIFY_WITH_TIMEOUT(interpolation->frameCount() == 18, kTimeoutMs);
    interpolation->setLoop(false);
    QTRY_VERIFY_WITH_TIMEOUT(interpolation->frameCount() == 13, kTimeoutMs);

    // The animation plays.
    AnimationPlayer *player = interpolation->player();
    player->setFps(60);
    player->setPlaying(true);
    const int start = player->currentFrame();
    QTRY_VERIFY_WITH_TIMEOUT(player->currentFrame() != start, 5000);
    player->setPlaying(false);
    QVERIFY(!player->isPlaying());
    QCOMPARE(player->image(), interpolation->frames()[player->currentFrame()]);
    player->setFps(12);
}

void ExploreGuiTest::exportsOpenAgain()
{
    auto view = openExploreView(mVae);
    QVERIFY(waitForModel(view.get()));
    InterpolationView *interpolation = view->view<InterpolationView>(QStringLiteral("interpolation"));
    interpolation->clearEndpoints();
    interpolation->setFramesPerSegment(9);
    interpolation->addSeed(3);
    interpolation->addSeed(4);
    QTRY_VERIFY_WITH_TIMEOUT(interpolation->frameCount() == 9, kTimeoutMs);

    QSignalSpy finished(interpolation, &InterpolationView::exportFinished);
    const QString gif = mDir.filePath(QStringLiteral("walk.gif"));
    QVERIFY(interpolation->exportTo(gif, InterpolationView::ExportFormat::Gif));
    QVERIFY(interpolation->isExporting() || !finished.isEmpty());
    QVERIFY(!interpolation->exportTo(gif, InterpolationView::ExportFormat::Gif)); // busy
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kTimeoutMs);
    QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(2).toString()));
    QCOMPARE(gs::count_animation_frames(QFile::encodeName(gif).toStdString()), 9);

    const QString mp4 = mDir.filePath(QStringLiteral("walk.mp4"));
    QVERIFY(interpolation->exportTo(mp4, InterpolationView::ExportFormat::Mp4));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, kTimeoutMs);
    QVERIFY(finished.last().at(1).toBool());
    QCOMPARE(gs::count_animation_frames(QFile::encodeName(mp4).toStdString()), 9);

    const QString strip = mDir.filePath(QStringLiteral("strip.png"));
    QVERIFY(interpolation->exportTo(strip, InterpolationView::ExportFormat::PngStrip));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, kTimeoutMs);
    const QImage stripImage(strip);
    QVERIFY(!stripImage.isNull());
    QVERIFY(stripImage.width() > 8 * stripImage.height()); // one row of 9

    const QString grid = mDir.filePath(QStringLiteral("grid.png"));
    QVERIFY(interpolation->exportTo(grid, InterpolationView::ExportFormat::PngGrid));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 4, kTimeoutMs);
    const QImage gridImage(grid);
    QVERIFY(!gridImage.isNull());
    QCOMPARE(gridImage.width(), gridImage.height()); // 3 × 3

    // A folder that does not exist: a message, no file, the view goes on.
    const QString bad = mDir.filePath(QStringLiteral("no-such-dir/walk.gif"));
    QVERIFY(interpolation->exportTo(bad, InterpolationView::ExportFormat::Gif));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 5, kTimeoutMs);
    QVERIFY(!finished.last().at(1).toBool());
    QVERIFY(!QFileInfo::exists(bad));
    QVERIFY(view->messageBanner()->isVisible());
    QCOMPARE(interpolation->frameCount(), 9);
}

GS_GUI_TEST_MAIN(ExploreGuiTest)
#include "test_explore_gui.moc"
