// test_pixelcnn_gui.cpp — the Explore tab's PixelCNN view on the offscreen
// platform, for a small PixelCNN trained here: the recorded sampling run
// (every pixel a step, the scrubber replaying it, the bar chart a distribution
// summing to 1), completions that keep the visible part of the test image
// (bottom half, right half, a rectangle painted with the mouse), the heatmap
// whose mean is the image's NLL per dimension (checked against the facade on
// a copy of the checkpoint), and the tab disabled with its sentence for a VAE.
#include <QPushButton>
#include <QSlider>
#include <QTabWidget>
#include <QTemporaryDir>

#include "core/explore/explorer.h"
#include "core/explore/pixel_explorer.h"
#include "explore/pixelcnn/pixelcnnview.h"
#include "explore/pixelcnn/pixelplayer.h"
#include "explore/pixelcnn/probabilitybars.h"
#include "explore_test_support.h"
#include "gui_test_main.h"
#include "support/imageconvert.h"
#include "widgets/imageview.h"
#include "widgets/messagebanner.h"

using namespace exploretest;

namespace {

QString trainPixelCnn(const QString &dir)
{
    gs::SessionConfig config;
    config.model_id = "pixelcnn";
    config.params = {{"features", "8"}, {"layers", "3"}, {"head", "16"}, {"batch_size", "16"}, {"lr", "0.003"}};
    config.dataset.limit = 256;
    auto session = gs::TrainingSession::create(config);
    gs::RunOptions options;
    options.total_steps = 30;
    options.sample_seconds = 0;
    gs::TrainControl control;
    gs::TrainObserver quiet;
    session->run(options, control, quiet);
    const QString path = QDir(dir).filePath(QStringLiteral("pixelcnn.gsckpt"));
    session->save(QFile::encodeName(path).toStdString());
    return path;
}

// Pixels of `a` and `b` (same size, gray) differ nowhere outside `hidden` (row-major).
bool sameOutside(const QImage &a, const QImage &b, const QVector<quint8> &hidden)
{
    const QImage ga = a.convertToFormat(QImage::Format_Grayscale8), gb = b.convertToFormat(QImage::Format_Grayscale8);
    if (ga.size() != gb.size())
        return false;
    for (int r = 0; r < ga.height(); ++r)
        for (int c = 0; c < ga.width(); ++c)
            if (!hidden[r * ga.width() + c] && ga.constScanLine(r)[c] != gb.constScanLine(r)[c])
                return false;
    return true;
}

} // namespace

class PixelCnnGuiTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void samplingPlaybackAndBars();
    void completionsKeepTheVisiblePart();
    void heatmapIsTheImagesNll();
    void unavailableForAVae();

private:
    PixelCnnView *openView();
    bool waitForRun(PixelCnnView *view, quint64 after);

    QTemporaryDir mDir;
    QString mCheckpoint;
    std::unique_ptr<ExploreView> mExplore;
};

void PixelCnnGuiTest::initTestCase()
{
    QVERIFY(mDir.isValid());
    if (!QFileInfo::exists(kFashionMnist))
        QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    mCheckpoint = trainPixelCnn(mDir.path());
    mExplore = openExploreView(mCheckpoint);
    QVERIFY(waitForModel(mExplore.get()));
}

PixelCnnView *PixelCnnGuiTest::openView()
{
    auto *view = mExplore->view<PixelCnnView>(QStringLiteral("pixels"));
    if (view)
        mExplore->showSubView(QStringLiteral("pixels"));
    return view;
}

bool PixelCnnGuiTest::waitForRun(PixelCnnView *view, quint64 after)
{
    return QTest::qWaitFor([&] { return view->shownRun() > after && !view->isBusy(); }, kTimeoutMs);
}

void PixelCnnGuiTest::samplingPlaybackAndBars()
{
    PixelCnnView *view = openView();
    QVERIFY(view);
    auto *tabs = mExplore->findChild<QTabWidget *>(QStringLiteral("exploreTabs"));
    const int tab = tabs->indexOf(view);
    QCOMPARE(tabs->tabText(tab), QStringLiteral("PixelCNN"));
    QVERIFY(tabs->isTabEnabled(tab));
    QCOMPARE(mExplore->currentViewId(), QStringLiteral("pixels"));

    // Shown: a first run starts by itself; a new one at temperature 0.8.
    QVERIFY(waitForRun(view, 0));
    const quint64 first = view->shownRun();
    view->setCount(4);
    view->setTemperature(0.8);
    view->sample();
    QVERIFY(waitForRun(view, first));
    const gs::PixelRecording *rec = view->recording();
    QVERIFY(rec);
    QCOMPARE(rec->count, 4);
    QCOMPARE(int(rec->steps.size()), 28 * 28); // every pixel a step, in raster order
    QCOMPARE(rec->steps[29].row, 1);
    QCOMPARE(rec->steps[29].col, 1);

    // The scrubber replays the run: at the last step the images are the finished ones.
    PixelPlayer *player = view->player();
    auto *scrubber = view->findChild<QSlider *>(QStringLiteral("pixelScrubber"));
    QCOMPARE(scrubber->maximum(), 28 * 28 - 1);
    scrubber->setValue(scrubber->maximum());
    QVERIFY(!player->isPlaying());
    for (int i = 0; i < rec->count; ++i)
        QCOMPARE(player->images().at(i), toQImage(rec->final[size_t(i)]).convertToFormat(QImage::Format_Grayscale8));
    // Halfway: drawn pixels so far, black after.
    scrubber->setValue(100);
    QCOMPARE(player->step(), 100);
    const QImage mid = player->images().at(0);
    QCOMPARE(int(mid.constScanLine(3)[16]), int(rec->steps[100].values[0])); // step 100 = (3, 16)
    QCOMPARE(int(mid.constScanLine(3)[17]), 0);
    QCOMPARE(int(mid.constScanLine(3)[15]), int(rec->steps[99].values[0]));

    // The bar chart: the current pixel's distribution, summing to 1, its drawn value marked.
    ProbabilityBars *bars = view->bars();
    QCOMPARE(bars->distribution().size(), 256);
    QVERIFY2(std::abs(bars->total() - 1.0) < 1e-4, qPrintable(QString::number(bars->total(), 'g', 8)));
    QCOMPARE(bars->drawnValue(), int(rec->steps[100].values[0]));
    QVERIFY(bars->distribution().at(bars->drawnValue()) > 0);

    // Play runs to the end and stops there.
    auto *play = view->findChild<QPushButton *>(QStringLiteral("pixelPlayButton"));
    play->click();
    QVERIFY(player->isPlaying());
    QVERIFY(QTest::qWaitFor([&] { return !player->isPlaying(); }, kTimeoutMs));
    QCOMPARE(player->step(), 28 * 28 - 1);
    QCOMPARE(scrubber->value(), 28 * 28 - 1);
    QVERIFY(!mExplore->messageBanner()->isVisible());
}

void PixelCnnGuiTest::completionsKeepTheVisiblePart()
{
    PixelCnnView *view = openView();
    QVERIFY(QTest::qWaitFor([&] { return view->shownLikelihood() > 0 && !view->isBusy(); }, kTimeoutMs));
    view->setTestIndex(3);
    QVERIFY(QTest::qWaitFor([&] { return !view->isBusy() && !view->testImage().isNull(); }, kTimeoutMs));
    const QImage test = view->testImage();
    view->setCount(3);
    for (MaskCanvas::Hide hide : {MaskCanvas::Hide::BottomHalf, MaskCanvas::Hide::RightHalf, MaskCanvas::Hide::Rectangle}) {
        view->setHide(hide);
        if (hide == MaskCanvas::Hide::Rectangle) {
            // Paint a rectangle with the mouse: from the canvas's upper left to its middle.
            MaskCanvas *canvas = view->canvas();
            const QRect area = canvas->rect();
            const QPoint a(area.width() * 3 / 10, area.height() * 3 / 10), b(area.width() / 2, area.height() * 6 / 10);
            QTest::mousePress(canvas, Qt::LeftButton, {}, a);
            QTest::mouseMove(canvas, b);
            QTest::mouseRelease(canvas, Qt::LeftButton, {}, b);
            QVERIFY(canvas->rectangle().width() > 2 && canvas->rectangle().height() > 4);
            QVERIFY(canvas->hiddenCount() == canvas->rectangle().width() * canvas->rectangle().height());
        }
        const QVector<quint8> hidden = view->canvas()->mask();
        const quint64 before = view->shownRun();
        view->complete();
        QVERIFY(waitForRun(view, before));
        const gs::PixelRecording *rec = view->recording();
        QCOMPARE(rec->count, 3);
        QCOMPARE(int(rec->steps.size()), view->canvas()->hiddenCount());
        bool differs = false;
        for (const gs::Image &done : rec->final) {
            const QImage img = toQImage(done);
            QVERIFY(sameOutside(img, test, hidden)); // the visible part as it was
            differs = differs || img != test.convertToFormat(QImage::Format_Grayscale8);
        }
        QVERIFY(differs); // and the hidden part drawn anew
        // The playback starts from the test image with the hidden part black.
        view->player()->setStep(-1);
        QVERIFY(sameOutside(view->player()->images().at(0), test, hidden));
    }
    QVERIFY(!mExplore->messageBanner()->isVisible());
}

void PixelCnnGuiTest::heatmapIsTheImagesNll()
{
    PixelCnnView *view = openView();
    view->setTestIndex(5);
    QVERIFY(QTest::qWaitFor([&] { return !view->isBusy() && view->shownLikelihood() > 0; }, kTimeoutMs));
    const gs::PixelLikelihood &shown = view->likelihood();
    QCOMPARE(int(shown.nll.size()), 28 * 28);
    const double perDim = shown.nll_nats / (28.0 * 28.0);
    QVERIFY2(std::abs(view->heatmapMean() - perDim) < 1e-4 * perDim,
             qPrintable(QString("%1 vs %2").arg(view->heatmapMean()).arg(perDim)));
    QVERIFY(std::abs(shown.bits_per_dim - perDim / std::log(2.0)) < 1e-9);
    QVERIFY(shown.bits_per_dim > 0.5 && shown.bits_per_dim < 8.0); // learnt something, a likelihood ≤ 1
    // The same numbers from a copy of the checkpoint through the facade.
    auto copy = gs::Explorer::open(QFile::encodeName(mCheckpoint).toStdString());
    const gs::PixelLikelihood reference = gs::PixelExplorer(*copy).likelihood(toGsImage(view->testImage()));
    QVERIFY(std::abs(reference.nll_nats - shown.nll_nats) < 1e-3);
    QCOMPARE(toQImage(copy->dataset_image(5)), view->testImage());
    auto *heatmap = view->findChild<ImageView *>(QStringLiteral("pixelHeatmap"));
    QCOMPARE(heatmap->image().size(), QSize(28, 28));
}

void PixelCnnGuiTest::unavailableForAVae()
{
    const QString vae = trainCheckpoint(mDir.path(), "vae", 0, 4);
    const quint64 generation = mExplore->modelInfo().generation;
    mExplore->openCheckpoint(vae);
    QVERIFY(waitForModel(mExplore.get(), generation));
    auto *view = mExplore->view<PixelCnnView>(QStringLiteral("pixels"));
    auto *tabs = mExplore->findChild<QTabWidget *>(QStringLiteral("exploreTabs"));
    const int tab = tabs->indexOf(view);
    QVERIFY(!tabs->isTabEnabled(tab));
    QVERIFY2(tabs->tabToolTip(tab).contains(QStringLiteral("pixel by pixel")), qPrintable(tabs->tabToolTip(tab)));
    QCOMPARE(view->unavailableText(), tabs->tabToolTip(tab));
    QVERIFY(view->recording() == nullptr);
}

GS_GUI_TEST_MAIN(PixelCnnGuiTest)
#include "test_pixelcnn_gui.moc"
