// test_stylemix_gui.cpp — the Explore tab's Style mix view on the offscreen
// platform, with small checkpoints trained here in a few seconds (a VAE, and a
// tiny style-based generator saved at two steps): the tab is disabled for the
// VAE and says why, enabled for the style model; the mix appears at the
// model's size, large; B = A gives exactly A's own image; coarse and fine
// presets differ; ψ = 0 (no noise) gives one image for every seed; noise on and
// off differ; the Latent tab's w space leaves seeds as z; a bookmark works as a
// source; the grid's first cell is the mix; the bar above the latent views
// switches them between z and w (same seed, same image; w bookmarks kept
// apart) and sets their ψ (0: one image for every seed);
// another checkpoint re-renders with its step; PNG exports (and a failing one).
#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>

#include <memory>

#include "explore/bookmarkstore.h"
#include "core/explore/explorer.h"
#include "core/train/training_session.h"
#include "explore/explorationworker.h"
#include "explore/exploreview.h"
#include "gui_test_main.h"
#include "widgets/imageview.h"
#include "widgets/messagebanner.h"
#include "explore/stylemix/stylemixgrid.h"
#include "explore/stylemix/stylemixlayerbox.h"
#include "explore/stylemix/stylemixlayers.h"
#include "explore/stylemix/stylemixsource.h"
#include "explore/stylemix/stylemixview.h"
#include "explore/styledetails.h"
#include "explore/stylespacebar.h"
#include "explore/latent/latentpanel.h"

namespace {

const QString kFashionMnist = QStringLiteral("/usr/share/datasets/fashion-mnist");
constexpr int kTimeoutMs = 30000;

QString save(gs::TrainingSession &session, const QString &path)
{
    session.save(QFile::encodeName(path).toStdString());
    return path;
}

// Trains on until step `steps`.
void train(gs::TrainingSession &session, long steps)
{
    gs::RunOptions options;
    options.total_steps = steps;
    options.sample_seconds = 0;
    gs::TrainControl control;
    gs::TrainObserver quiet;
    session.run(options, control, quiet);
}

bool waitForModel(ExploreView *view, quint64 after = 0)
{
    return QTest::qWaitFor([&] { return view->modelInfo().generation > after; }, kTimeoutMs);
}

// The mix shown is the newest asked for.
bool waitForPreview(LatentPanel *panel)
{
    return QTest::qWaitFor(
        [panel] { return panel->isReady() && panel->shownTicket() >= panel->requestedTicket()
                         && panel->requestedTicket() > 0; },
        kTimeoutMs);
}

// A seed's latent, then its preview (the latent comes from the exploration thread).
bool showSeed(LatentPanel *panel, unsigned long seed)
{
    const gs::Latent before = panel->latent();
    panel->setSeed(seed);
    return QTest::qWaitFor([&] { return panel->latent() != before; }, kTimeoutMs)
        && waitForPreview(panel);
}

bool waitForMix(StyleMixView *mix)
{
    return QTest::qWaitFor([mix] { return mix->isUpToDate(); }, kTimeoutMs);
}

QTabWidget *tabs(ExploreView *view)
{
    return view->findChild<QTabWidget *>(QStringLiteral("exploreTabs"));
}

} // namespace

class StyleMixGuiTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void layerResolutions();
    void disabledForVaeEnabledForStyleModel();
    void mixesLayersTruncationAndNoise();
    void bookmarkAsSourceAndGrid();
    void rerendersForAnotherCheckpointAndExports();
    void styleSpaceBarSwitchesLatentViews();

private:
    std::unique_ptr<ExploreView> openStyleView(const QString &checkpoint);

    QTemporaryDir mDir;
    QString mVae;
    QString mStyle;      // the style model after kSteps
    QString mStyleLater; // and a few steps later
    static constexpr long kSteps = 30;
};

void StyleMixGuiTest::initTestCase()
{
    QVERIFY(mDir.isValid());
    if (!QFileInfo::exists(kFashionMnist))
        QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    gs::SessionConfig vae;
    vae.model_id = "vae";
    vae.params = {{"latent_dim", "4"}, {"batch_size", "32"}};
    vae.dataset.limit = 256;
    auto vaeSession = gs::TrainingSession::create(vae);
    train(*vaeSession, 10);
    mVae = save(*vaeSession, mDir.filePath(QStringLiteral("vae.gsckpt")));

    // A tiny style model; a high learning rate so the noise strengths (zero at
    // the start) grow enough in a few steps for noise to show.
    gs::SessionConfig style;
    style.model_id = "stylegan";
    style.params = {{"latent_dim", "16"}, {"w_dim", "16"}, {"channels", "8"},
                    {"mapping_layers", "2"}, {"batch_size", "8"}, {"lr", "0.01"}};
    style.dataset.limit = 64;
    auto styleSession = gs::TrainingSession::create(style);
    train(*styleSession, kSteps);
    mStyle = save(*styleSession, mDir.filePath(QStringLiteral("style.gsckpt")));
    train(*styleSession, kSteps + 5);
    mStyleLater = save(*styleSession, mDir.filePath(QStringLiteral("style-later.gsckpt")));
}

std::unique_ptr<ExploreView> StyleMixGuiTest::openStyleView(const QString &checkpoint)
{
    auto view = std::make_unique<ExploreView>();
    view->resize(1400, 900);
    view->show();
    if (!QTest::qWaitForWindowExposed(view.get()))
        qWarning("view not exposed");
    view->openCheckpoint(checkpoint);
    return view;
}

void StyleMixGuiTest::layerResolutions()
{
    // 8 style layers: 32×32 (Fashion-MNIST padded), as the model code builds them.
    const StyleMixLayers layers(8);
    QVERIFY(layers.isValid());
    QCOMPARE(layers.outputResolution(), 32);
    const QVector<int> expected{4, 8, 8, 16, 16, 32, 32, 32};
    for (int i = 0; i < 8; ++i)
        QCOMPARE(layers.resolution(i), expected[i]);
    QCOMPARE(layers.layers(StyleMixLayers::Group::Coarse), (QVector<int>{0, 1, 2}));
    QCOMPARE(layers.layers(StyleMixLayers::Group::Middle), (QVector<int>{3, 4}));
    QCOMPARE(layers.layers(StyleMixLayers::Group::Fine), (QVector<int>{5, 6, 7}));
    QCOMPARE(layers.resolutionText(StyleMixLayers::Group::Coarse), QStringLiteral("4–8 px"));
    QCOMPARE(layers.resolutionText(StyleMixLayers::Group::Middle), QStringLiteral("16 px"));
    QCOMPARE(StyleMixLayers::describeMask({1, 1, 1, 0, 0, 0, 0, 0}, layers),
             QStringLiteral("layers 0–2 (coarse)"));
    QCOMPARE(StyleMixLayers::describeMask({0, 0, 0, 1, 0, 1, 0, 0}, layers),
             QStringLiteral("layers 3, 5"));
    // 64×64 (10 layers): fine from 64 px, middle 16–32 px.
    const StyleMixLayers big(10);
    QCOMPARE(big.outputResolution(), 64);
    QCOMPARE(big.resolutionText(StyleMixLayers::Group::Middle), QStringLiteral("16–32 px"));
    QCOMPARE(big.resolutionText(StyleMixLayers::Group::Fine), QStringLiteral("64 px"));
    QVERIFY(!StyleMixLayers(7).isValid());
    QCOMPARE(StyleMixLayers(7).resolution(0), 0);
}

void StyleMixGuiTest::disabledForVaeEnabledForStyleModel()
{
    auto view = openStyleView(mVae);
    QVERIFY(waitForModel(view.get()));
    QTabWidget *tabWidget = tabs(view.get());
    QVERIFY(tabWidget);
    StyleMixView *mix = view->view<StyleMixView>(QStringLiteral("style"));
    const int styleTab = tabWidget->indexOf(mix);
    QVERIFY(styleTab >= 0);
    QCOMPARE(tabWidget->tabText(styleTab), QStringLiteral("Style mix"));
    QVERIFY(!tabWidget->isTabEnabled(styleTab));
    QVERIFY(tabWidget->tabToolTip(styleTab).contains(QStringLiteral("no per-layer styles")));
    QVERIFY(tabWidget->tabToolTip(styleTab).contains(QStringLiteral("stylegan")));
    QVERIFY(view->showSubView(QStringLiteral("style"))); // a known name…
    QVERIFY(view->currentViewId() != QStringLiteral("style")); // …but not for a VAE

    const quint64 generation = view->modelInfo().generation;
    view->openCheckpoint(mStyle);
    QVERIFY(waitForModel(view.get(), generation));
    QVERIFY(view->modelInfo().hasStyles());
    QVERIFY(tabWidget->isTabEnabled(styleTab));
    QVERIFY(view->showSubView(QStringLiteral("style")));
    QCOMPARE(view->currentViewId(), QStringLiteral("style"));
    QVERIFY(waitForMix(mix));
    QVERIFY(!mix->mixedImage().isNull());
}

void StyleMixGuiTest::mixesLayersTruncationAndNoise()
{
    auto view = openStyleView(mStyle);
    QVERIFY(waitForModel(view.get()));
    view->showSubView(QStringLiteral("style"));
    StyleMixView *mix = view->view<StyleMixView>(QStringLiteral("style"));
    QVERIFY(waitForMix(mix));
    const ExplorerInfo info = view->modelInfo();

    // The mix has the model's size and is shown large.
    QCOMPARE(mix->mixedImage().size(), QSize(info.imageWidth, info.imageHeight));
    QCOMPARE(mix->mixedImage().size(), QSize(28, 28));
    QVERIFY2(mix->mixedView()->imageRect().width() >= 8 * 28,
             qPrintable(QString::number(mix->mixedView()->imageRect().width())));
    QVERIFY(!mix->sourceA()->thumbnail().isNull());
    QVERIFY(!mix->sourceB()->thumbnail().isNull());

    // One check box per style layer, labelled with its resolution; presets show theirs.
    StyleMixLayerBox *layers = mix->layerBox();
    QCOMPARE(layers->layers().count(), StyleDetails::layers(info));
    QCOMPARE(layers->checkBox(0)->text(), QStringLiteral("4×4"));
    QCOMPARE(layers->checkBox(3)->text(), QStringLiteral("16×16"));
    QVERIFY(layers->presetButton(StyleMixLayers::Group::Coarse)->text().contains(QStringLiteral("4–8 px")));
    QVERIFY(layers->presetButton(StyleMixLayers::Group::Fine)->text().contains(QStringLiteral("32 px")));

    // B = A: mixing changes nothing, the mix is A's own image.
    mix->setNoise(true);
    mix->setPsi(1.0);
    mix->sourceA()->setSeed(11);
    mix->sourceB()->setSeed(11);
    layers->choose(StyleMixLayers::Group::Coarse);
    QVERIFY(waitForMix(mix));
    QCOMPARE(mix->mixedImage(), mix->sourceA()->thumbnail());

    // Another B: the coarse and fine layers from B give different pictures,
    // and each differs from A.
    mix->sourceB()->setSeed(12);
    QVERIFY(waitForMix(mix));
    const QImage coarse = mix->mixedImage();
    QVERIFY(coarse != mix->sourceA()->thumbnail());
    QVERIFY(layers->presetButton(StyleMixLayers::Group::Coarse)->isChecked());
    layers->choose(StyleMixLayers::Group::Fine);
    QCOMPARE(layers->mask(), (std::vector<int>{0, 0, 0, 0, 0, 1, 1, 1}));
    QVERIFY(waitForMix(mix));
    const QImage fine = mix->mixedImage();
    QVERIFY(fine != coarse);
    QVERIFY(fine != mix->sourceA()->thumbnail());
    // All layers from B: B's own image; a single check box changes the mix.
    layers->chooseAll();
    QVERIFY(waitForMix(mix));
    QCOMPARE(mix->mixedImage(), mix->sourceB()->thumbnail());
    layers->chooseNone();
    layers->checkBox(0)->setChecked(true);
    QCOMPARE(layers->summary(), QStringLiteral("layer 0"));
    QVERIFY(waitForMix(mix));
    QVERIFY(mix->mixedImage() != mix->sourceA()->thumbnail());

    // Noise on and off differ; the noise seed repeats.
    layers->choose(StyleMixLayers::Group::Coarse);
    mix->setNoiseSeed(3);
    QVERIFY(waitForMix(mix));
    const QImage noisy = mix->mixedImage();
    mix->setNoise(false);
    QVERIFY(waitForMix(mix));
    const QImage clean = mix->mixedImage();
    QVERIFY(noisy != clean);
    mix->setNoise(true);
    QVERIFY(waitForMix(mix));
    QCOMPARE(mix->mixedImage(), noisy);

    // ψ = 0 without noise: the average image, whatever the seeds.
    mix->setNoise(false);
    mix->setPsi(0.0);
    QCOMPARE(mix->currentMix().psi, 0.0);
    QVERIFY(waitForMix(mix));
    const QImage average = mix->mixedImage();
    QCOMPARE(mix->sourceA()->thumbnail(), average);
    mix->sourceA()->setSeed(101);
    mix->sourceB()->setSeed(202);
    QVERIFY(waitForMix(mix));
    QCOMPARE(mix->mixedImage(), average);
    mix->setPsi(1.0);
    QVERIFY(waitForMix(mix));
    const QImage seeds = mix->mixedImage();
    QVERIFY(seeds != average);

    // The Latent tab exploring w instead of z changes nothing here: seeds are z.
    const quint64 generation = view->modelInfo().generation;
    view->styleSpaceBar()->setWSpace(true);
    QVERIFY(waitForModel(view.get(), generation));
    QVERIFY(StyleDetails::wSpace(view->modelInfo()));
    QVERIFY(waitForMix(mix));
    QCOMPARE(mix->mixedImage(), seeds);
    QVERIFY(!view->messageBanner()->isVisible());
}

void StyleMixGuiTest::bookmarkAsSourceAndGrid()
{
    auto view = openStyleView(mStyle);
    QVERIFY(waitForModel(view.get()));
    view->showSubView(QStringLiteral("style"));
    StyleMixView *mix = view->view<StyleMixView>(QStringLiteral("style"));
    QVERIFY(waitForMix(mix));
    const ExplorerInfo info = view->modelInfo();

    // A bookmark holding seed 7's latent (drawn independently of the studio).
    auto explorer = gs::Explorer::open(QFile::encodeName(mStyle).toStdString());
    LatentBookmark bookmark;
    bookmark.name = QStringLiteral("seven");
    bookmark.modelId = info.modelId;
    bookmark.latentDim = info.latentDim;
    bookmark.latent = explorer->random_latent(7);
    QVERIFY(view->bookmarkStore()->add(bookmark));
    QVERIFY(mix->sourceA()->bookmarkNames().contains(QStringLiteral("seven")));

    mix->sourceA()->setSeed(7);
    mix->sourceB()->setSeed(8);
    QVERIFY(waitForMix(mix));
    const QImage fromSeed = mix->mixedImage();
    const QImage seedThumbnail = mix->sourceA()->thumbnail();
    mix->sourceA()->setSeed(9);
    QVERIFY(waitForMix(mix));
    QVERIFY(mix->mixedImage() != fromSeed);
    QVERIFY(mix->sourceA()->useBookmark(QStringLiteral("seven")));
    QVERIFY(mix->sourceA()->usesBookmark());
    QCOMPARE(mix->currentMix().latent_a, bookmark.latent);
    QVERIFY(waitForMix(mix));
    QCOMPARE(mix->mixedImage(), fromSeed);
    QCOMPARE(mix->sourceA()->thumbnail(), seedThumbnail);
    QVERIFY(!mix->sourceA()->useBookmark(QStringLiteral("no such bookmark")));
    // Deleting it falls back to the seed.
    view->bookmarkStore()->remove(info.modelId, info.latentDim, QStringLiteral("seven"));
    QVERIFY(!mix->sourceA()->usesBookmark());
    QVERIFY(mix->currentMix().latent_a.empty());

    // The grid: its first cell is the panel's own mix; a click takes a cell's sources.
    mix->sourceA()->setSeed(7);
    QVERIFY(waitForMix(mix));
    StyleMixGrid *grid = mix->grid();
    QVERIFY(QTest::qWaitFor([mix] { return mix->isGridUpToDate(); }, kTimeoutMs));
    QCOMPARE(grid->mixAt(0, 0), mix->mixedImage());
    QVERIFY(grid->mixAt(1, 2) != mix->mixedImage());
    const QImage cell = grid->mixAt(1, 2);
    emit grid->cellClicked(1, 2);
    QCOMPARE(mix->sourceA()->seed(), grid->extraSeed(false, 1));
    QCOMPARE(mix->sourceB()->seed(), grid->extraSeed(true, 2));
    QVERIFY(waitForMix(mix));
    QCOMPARE(mix->mixedImage(), cell);
}

void StyleMixGuiTest::rerendersForAnotherCheckpointAndExports()
{
    auto view = openStyleView(mStyle);
    QVERIFY(waitForModel(view.get()));
    view->showSubView(QStringLiteral("style"));
    StyleMixView *mix = view->view<StyleMixView>(QStringLiteral("style"));
    QVERIFY(waitForMix(mix));
    mix->sourceA()->setSeed(21);
    mix->layerBox()->choose(StyleMixLayers::Group::Fine);
    QVERIFY(waitForMix(mix));
    const QImage before = mix->mixedImage();
    const quint64 shown = mix->shownTicket();
    QCOMPARE(view->modelInfo().step, qint64(kSteps));

    // Another checkpoint of the same model: the same choices, new weights, its step.
    const quint64 generation = view->modelInfo().generation;
    view->openCheckpoint(mStyleLater);
    QVERIFY(waitForModel(view.get(), generation));
    QCOMPARE(view->modelInfo().step, qint64(kSteps + 5));
    QVERIFY(QTest::qWaitFor([&] { return mix->shownTicket() > shown && mix->isUpToDate(); },
                            kTimeoutMs));
    QCOMPARE(mix->sourceA()->seed(), 21UL);
    QCOMPARE(mix->layerBox()->mask(), (std::vector<int>{0, 0, 0, 0, 0, 1, 1, 1}));
    QVERIFY(mix->mixedImage() != before);
    bool stepShown = false;
    for (QLabel *label : mix->findChildren<QLabel *>())
        stepShown = stepShown || label->text().contains(QStringLiteral("step %1").arg(kSteps + 5));
    QVERIFY(stepShown);

    // Exports: the mix, the sources and mix, the grid; a missing folder fails clearly.
    const QString png = mDir.filePath(QStringLiteral("mix.png"));
    QVERIFY(mix->exportTo(png, StyleMixView::ExportKind::Mix));
    QImage written(png);
    QVERIFY(!written.isNull());
    QCOMPARE(written.size(), QSize(112, 112)); // 28×28 enlarged 4×, nearest neighbour
    QCOMPARE(written.pixelColor(0, 0), written.pixelColor(3, 3));
    QCOMPARE(QColor(written.pixel(2, 1)).red(), QColor(mix->mixedImage().pixel(0, 0)).red());
    const QString strip = mDir.filePath(QStringLiteral("strip.png"));
    QVERIFY(mix->exportTo(strip, StyleMixView::ExportKind::MixWithSources));
    QCOMPARE(QImage(strip).height(), 112);
    QVERIFY(QImage(strip).width() > 3 * 112);
    QVERIFY(QTest::qWaitFor([mix] { return mix->isGridUpToDate(); }, kTimeoutMs));
    QVERIFY(mix->exportTo(mDir.filePath(QStringLiteral("grid.png")), StyleMixView::ExportKind::Grid));
    QVERIFY(!QImage(mDir.filePath(QStringLiteral("grid.png"))).isNull());
    const QString bad = mDir.filePath(QStringLiteral("no-such-folder/mix.png"));
    QVERIFY(!mix->exportTo(bad, StyleMixView::ExportKind::Mix));
    QVERIFY(!QFileInfo::exists(bad));
    QVERIFY(view->messageBanner()->text().contains(QStringLiteral("Could not write")));
}


void StyleMixGuiTest::styleSpaceBarSwitchesLatentViews()
{
    auto view = openStyleView(mVae);
    QVERIFY(waitForModel(view.get()));
    StyleSpaceBar *bar = view->styleSpaceBar();
    QVERIFY(bar);
    QVERIFY(!bar->isVisible()); // a VAE has no w

    quint64 generation = view->modelInfo().generation;
    view->openCheckpoint(mStyle);
    QVERIFY(waitForModel(view.get(), generation));
    view->showSubView(QStringLiteral("latent"));
    QVERIFY(bar->isVisible());
    QVERIFY(!bar->wSpace());
    QCOMPARE(bar->psi(), 1.0);
    LatentPanel *panel = view->view<LatentPanel>(QStringLiteral("latent"));
    QVERIFY(showSeed(panel, 3));
    const QImage zImage = panel->previewImage();
    const gs::Latent z = panel->latent();
    QVERIFY(showSeed(panel, 4));
    const QImage zImage4 = panel->previewImage();
    QVERIFY(zImage4 != zImage);
    QVERIFY(panel->saveBookmark(QStringLiteral("z three")));

    // w: the latents are w (another model for the views), the same seed maps to
    // the same image, and a bookmark saved in z is not offered as a w.
    generation = view->modelInfo().generation;
    bar->setWSpace(true);
    QVERIFY(QTest::qWaitFor([&] { return StyleDetails::wSpace(view->modelInfo()); }, kTimeoutMs));
    QVERIFY(view->modelInfo().generation > generation);
    QVERIFY(view->styleSpaceBar()->appliedWSpace());
    QVERIFY(!panel->bookmarkNames().contains(QStringLiteral("z three")));
    QVERIFY(showSeed(panel, 3));
    QVERIFY(panel->latent() != z); // w = mapping(z)
    QCOMPARE(panel->previewImage(), zImage);
    QVERIFY(panel->saveBookmark(QStringLiteral("w three")));

    // ψ = 0: every seed gives the average image; back at 1 they differ again.
    bar->setPsi(0.0);
    QVERIFY(QTest::qWaitFor([&] { return StyleDetails::truncation(view->modelInfo()) == 0.0; }, kTimeoutMs));
    QVERIFY(waitForPreview(panel));
    const QImage average = panel->previewImage();
    QVERIFY(showSeed(panel, 4));
    QCOMPARE(panel->previewImage(), average);
    QVERIFY(average != zImage4);
    bar->setPsi(1.0);
    QVERIFY(QTest::qWaitFor([&] { return StyleDetails::truncation(view->modelInfo()) == 1.0; }, kTimeoutMs));
    QVERIFY(waitForPreview(panel));
    QCOMPARE(panel->previewImage(), zImage4);

    // Only over the latent views; the Style mix keeps z bookmarks and its own ψ.
    view->showSubView(QStringLiteral("style"));
    QVERIFY(!bar->isVisible());
    StyleMixView *mix = view->view<StyleMixView>(QStringLiteral("style"));
    QVERIFY(mix->sourceA()->bookmarkNames().contains(QStringLiteral("z three")));
    QVERIFY(!mix->sourceA()->bookmarkNames().contains(QStringLiteral("w three")));
    view->showSubView(QStringLiteral("interpolation"));
    QVERIFY(bar->isVisible());

    // Back to z: the z bookmark again, not the w one.
    bar->setWSpace(false);
    QVERIFY(QTest::qWaitFor([&] { return !StyleDetails::wSpace(view->modelInfo()); }, kTimeoutMs));
    QVERIFY(panel->bookmarkNames().contains(QStringLiteral("z three")));
    QVERIFY(!panel->bookmarkNames().contains(QStringLiteral("w three")));
}

GS_GUI_TEST_MAIN(StyleMixGuiTest)
#include "test_stylemix_gui.moc"
