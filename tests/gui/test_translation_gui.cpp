// test_translation_gui.cpp — the Explore tab's Translate view on the offscreen
// platform, with a tiny CycleGAN trained here on edges2fashion (ngf 4, one
// residual block, 28×28, a few steps): the tab is disabled for a VAE and
// enabled for the CycleGAN; a test image translates into four images of the
// input's size with PSNR captions, enlarged crisply; dropped pictures keep
// their size; B→A translates domain B; bad pictures (not an image, cut short,
// huge, 16-bit, transparent RGBA) and a failed translation show a message and
// keep the previous input; a newer copy of the training session and another
// checkpoint translate the same input again; exports write the files or say why
// not. The TorchScript import is tested in test_torchscript_gui.cpp.
#include <QBuffer>
#include <QComboBox>
#include <QRadioButton>
#include <QSet>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>

#include <memory>

#include "core/explore/explorer.h"
#include "core/train/training_session.h"
#include "explore/translate/domainbrowser.h"
#include "explore/exploreview.h"
#include "gui_test_main.h"
#include "translation_test_support.h"
#include "support/imageconvert.h"
#include "widgets/imageview.h"
#include "explore/latent/latentpanel.h"
#include "widgets/messagebanner.h"
#include "explore/recentcheckpointbox.h"
#include "explore/translate/translationtiles.h"
#include "explore/translate/translationview.h"

using namespace translation_test;

class TranslationGuiTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void tabFollowsTheCapability();
    void testImageGivesFourViewsWithPsnr();
    void droppedPicturesKeepTheirSize();
    void backwardTranslatesDomainB();
    void badInputKeepsThePreviousInput();
    void followsTrainingAndSwitchesCheckpoints();
    void sameStepSnapshotIsNotReadAgain();
    void exportsWriteFiles();

private:
    QTemporaryDir mDir;
    QString mVae;
    QString mCycle3; // step 3
    QString mCycle5; // step 5
    std::vector<uint8_t> mSnapshot3, mSnapshot5;
};

void TranslationGuiTest::initTestCase()
{
    QVERIFY(mDir.isValid());
    if (!QFileInfo::exists(kFashionMnist))
        QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    mVae = saveUntrainedVae(mDir.filePath(QStringLiteral("vae.gsckpt")));
    auto cycle = gs::TrainingSession::create(cycleGanConfig());
    train(*cycle, 3);
    mSnapshot3 = cycle->snapshot();
    mCycle3 = save(*cycle, mDir.filePath(QStringLiteral("cycle3.gsckpt")));
    train(*cycle, 5);
    mSnapshot5 = cycle->snapshot();
    mCycle5 = save(*cycle, mDir.filePath(QStringLiteral("cycle5.gsckpt")));
}

void TranslationGuiTest::tabFollowsTheCapability()
{
    auto view = makeView(mVae);
    QVERIFY(waitForModel(view.get(), 0));
    TranslationView *panel = view->view<TranslationView>(QStringLiteral("translate"));
    QVERIFY(!tabEnabled(view.get(), panel));
    QVERIFY2(tabToolTip(view.get(), panel).contains(QStringLiteral("does not translate images")),
             qPrintable(tabToolTip(view.get(), panel)));
    QVERIFY(tabToolTip(view.get(), panel).contains(QStringLiteral("cyclegan")));
    QVERIFY(tabEnabled(view.get(), view->view<LatentPanel>(QStringLiteral("latent"))));
    QCOMPARE(view->currentViewId(), QStringLiteral("latent"));
    // Asking for the disabled view keeps the current one.
    view->showSubView(QStringLiteral("translate"));
    QCOMPARE(view->currentViewId(), QStringLiteral("latent"));

    const quint64 generation = view->modelInfo().generation;
    view->openCheckpoint(mCycle3);
    QVERIFY(waitForModel(view.get(), generation));
    QVERIFY(view->modelInfo().canTranslate());
    QVERIFY(tabEnabled(view.get(), panel));
    QVERIFY(!tabEnabled(view.get(), view->view<LatentPanel>(QStringLiteral("latent")))); // no latent space
    QVERIFY(tabToolTip(view.get(), view->view<LatentPanel>(QStringLiteral("latent"))).contains(QStringLiteral("Translate")));
    QCOMPARE(view->currentViewId(), QStringLiteral("translate"));
    QVERIFY(waitForTranslation(panel));

    // And back: a VAE disables the tab again and shows the latent panel.
    const quint64 cycleGeneration = view->modelInfo().generation;
    view->openCheckpoint(mVae);
    QVERIFY(waitForModel(view.get(), cycleGeneration));
    QVERIFY(!tabEnabled(view.get(), panel));
    QCOMPARE(view->currentViewId(), QStringLiteral("latent"));
}

void TranslationGuiTest::testImageGivesFourViewsWithPsnr()
{
    auto view = makeView(QString());
    view->showSubView(QStringLiteral("translate")); // as --explore-view translate does
    view->openCheckpoint(mCycle3);
    TranslationView *panel = readyPanel(view.get());
    QVERIFY(panel);
    QCOMPARE(view->currentViewId(), QStringLiteral("translate"));
    // Test image 0 of domain A, A→B, by default.
    QVERIFY2(panel->inputLabel().contains(QStringLiteral("#0 of domain A")),
             qPrintable(panel->inputLabel()));
    TranslationTiles *tiles = panel->tiles();
    for (int tile = 0; tile < TranslationTiles::TileCount; ++tile) {
        QCOMPARE(tiles->image(tile).size(), QSize(28, 28));
        QVERIFY(!tiles->title(tile).isEmpty());
    }
    QCOMPARE(tiles->image(TranslationTiles::Input).format(), QImage::Format_Grayscale8);
    QCOMPARE(tiles->title(TranslationTiles::Forward), QStringLiteral("Translation A→B"));
    QCOMPARE(tiles->title(TranslationTiles::Cycle), QStringLiteral("Cycle A→B→A"));
    QVERIFY(tiles->title(TranslationTiles::Identity).contains(QStringLiteral("B→A")));
    const gs::TranslationViews &t = *panel->shownResult()->translation;
    QVERIFY(t.cycle_psnr > 0 && t.identity_psnr > 0);
    const QString cyclePsnr = QString::number(t.cycle_psnr, 'f', 1) + QStringLiteral(" dB");
    QVERIFY2(tiles->detail(TranslationTiles::Cycle).contains(cyclePsnr),
             qPrintable(tiles->detail(TranslationTiles::Cycle)));
    QVERIFY(tiles->detail(TranslationTiles::Identity)
                .contains(QString::number(t.identity_psnr, 'f', 1) + QStringLiteral(" dB")));
    QVERIFY2(panel->summaryText().contains(cyclePsnr), qPrintable(panel->summaryText()));
    QVERIFY(panel->summaryText().contains(QStringLiteral("step 3")));
    QVERIFY(panel->summaryText().contains(QStringLiteral("ms")) || panel->summaryText().contains(QStringLiteral(" s")));
    // Enlarged crisply: nearest neighbour makes no gray levels the image lacks.
    ImageView *forward = tiles->view(TranslationTiles::Forward);
    const QRect drawn = forward->imageRect();
    QVERIFY2(drawn.width() >= 3 * 28, qPrintable(QString::number(drawn.width())));
    const QImage source = tiles->image(TranslationTiles::Forward);
    const QImage shown = forward->grab().toImage().copy(drawn.adjusted(1, 1, -1, -1));
    QSet<int> levels;
    for (int y = 0; y < source.height(); ++y)
        for (int x = 0; x < source.width(); ++x)
            levels.insert(qGray(source.pixel(x, y)));
    for (int y = 0; y < shown.height(); y += 3)
        for (int x = 0; x < shown.width(); x += 3)
            QVERIFY2(levels.contains(qGray(shown.pixel(x, y))), "a smoothed pixel");

    // The thumbnails of domain A, and picking another one.
    DomainBrowser *browser = panel->browser();
    QTRY_COMPARE_WITH_TIMEOUT(browser->shownImages(), DomainBrowser::kPageSize, kTimeoutMs);
    QCOMPARE(browser->datasetSize(), 1000);
    const QImage first = tiles->image(TranslationTiles::Input);
    panel->setDatasetImage(7, 0);
    QVERIFY(waitForTranslation(panel));
    QVERIFY(panel->inputLabel().contains(QStringLiteral("#7")));
    QVERIFY(tiles->image(TranslationTiles::Input) != first);
    QCOMPARE(browser->currentIndex(), 7);
}

void TranslationGuiTest::droppedPicturesKeepTheirSize()
{
    auto view = makeView(mCycle3);
    TranslationView *panel = readyPanel(view.get());
    QVERIFY(panel);
    // On the panel…
    const QString wide = writePicture(mDir.filePath(QStringLiteral("wide.png")), colourful(40, 24));
    drop(panel, wide);
    QVERIFY(waitForTranslation(panel));
    QVERIFY(panel->inputLabel().contains(QStringLiteral("wide.png")));
    for (int tile = 0; tile < TranslationTiles::TileCount; ++tile)
        QCOMPARE(panel->tiles()->image(tile).size(), QSize(40, 24));
    QVERIFY(panel->tiles()->detail(TranslationTiles::Input).contains(QStringLiteral("40 × 24 gray")));
    // …and on the tab (ExploreView::dropFiles).
    const QString tall = writePicture(mDir.filePath(QStringLiteral("tall.png")), colourful(20, 36));
    drop(view.get(), tall);
    QTRY_VERIFY_WITH_TIMEOUT(panel->inputLabel().contains(QStringLiteral("tall.png")), kTimeoutMs);
    QVERIFY(waitForTranslation(panel));
    for (int tile = 0; tile < TranslationTiles::TileCount; ++tile)
        QCOMPARE(panel->tiles()->image(tile).size(), QSize(20, 36));
    // A large picture keeps its size too (it is not shrunk like the latent views do).
    const QString large = writePicture(mDir.filePath(QStringLiteral("large.png")), colourful(600, 520));
    view->dropFiles({large});
    QVERIFY(waitForTranslation(panel));
    QCOMPARE(panel->tiles()->image(TranslationTiles::Forward).size(), QSize(600, 520));
}

void TranslationGuiTest::backwardTranslatesDomainB()
{
    auto view = makeView(mCycle3);
    TranslationView *panel = readyPanel(view.get());
    QVERIFY(panel);
    QVERIFY(panel->backwardButton()->isEnabled());
    QVERIFY(panel->setAToB(false));
    QVERIFY(waitForTranslation(panel));
    QVERIFY(panel->backwardButton()->isChecked());
    QVERIFY2(panel->inputLabel().contains(QStringLiteral("domain B")), qPrintable(panel->inputLabel()));
    TranslationTiles *tiles = panel->tiles();
    QCOMPARE(tiles->title(TranslationTiles::Forward), QStringLiteral("Translation B→A"));
    QCOMPARE(tiles->title(TranslationTiles::Cycle), QStringLiteral("Cycle B→A→B"));
    QVERIFY(tiles->title(TranslationTiles::Identity).contains(QStringLiteral("A→B")));
    // The input is test image 0 of domain B (a garment, not its edges), and the
    // translation is the B→A generator's.
    auto explorer = gs::Explorer::open(QFile::encodeName(mCycle3).toStdString());
    const gs::Image garment = explorer->dataset_image(0, 1);
    QCOMPARE(tiles->image(TranslationTiles::Input), toQImage(garment));
    QCOMPARE(tiles->image(TranslationTiles::Forward), toQImage(explorer->translate(garment, false)));
    QCOMPARE(panel->browser()->domain(), 1);
    // Choosing domain A in the browser goes A→B again.
    emit panel->browser()->domainChosen(0);
    QVERIFY(waitForTranslation(panel));
    QVERIFY(panel->aToB());
    QCOMPARE(tiles->image(TranslationTiles::Forward), toQImage(explorer->translate(explorer->dataset_image(0, 0), true)));
}

void TranslationGuiTest::badInputKeepsThePreviousInput()
{
    auto view = makeView(mCycle3);
    TranslationView *panel = readyPanel(view.get());
    QVERIFY(panel);
    const QString good = writePicture(mDir.filePath(QStringLiteral("good.png")), colourful(32, 32));
    drop(panel, good);
    QVERIFY(waitForTranslation(panel));
    const QString keptLabel = panel->inputLabel();
    const QImage keptImage = panel->tiles()->image(TranslationTiles::Forward);
    const quint64 keptTicket = panel->requestedTicket();
    MessageBanner *banner = view->messageBanner();
    auto expectMessage = [&](const QString &path, const QString &words) {
        banner->dismiss();
        drop(panel, path);
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), kTimeoutMs);
        QVERIFY2(banner->text().contains(words, Qt::CaseInsensitive), qPrintable(banner->text()));
        QCOMPARE(banner->kind(), MessageBanner::Kind::Error);
        QTest::qWait(50); // nothing else arrives
        QCOMPARE(panel->inputLabel(), keptLabel);
        QCOMPARE(panel->requestedTicket(), keptTicket);
        QCOMPARE(panel->tiles()->image(TranslationTiles::Forward), keptImage);
    };

    const QString text = mDir.filePath(QStringLiteral("notes.png"));
    QFile f(text);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("these are notes, not pixels\n");
    f.close();
    expectMessage(text, QStringLiteral("not a picture"));

    // A PNG cut off halfway.
    QByteArray png;
    {
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        colourful(64, 64).save(&buffer, "PNG");
    }
    const QString corrupt = mDir.filePath(QStringLiteral("cut.png"));
    QFile c(corrupt);
    QVERIFY(c.open(QIODevice::WriteOnly));
    c.write(png.left(png.size() / 2));
    c.close();
    expectMessage(corrupt, QStringLiteral("could not be read"));

    QImage hugeImage(4100, 8, QImage::Format_Grayscale8);
    hugeImage.fill(200);
    expectMessage(writePicture(mDir.filePath(QStringLiteral("huge.png")), hugeImage),
                  QStringLiteral("up to 4096 × 4096"));

    QImage deep(16, 16, QImage::Format_Grayscale16);
    deep.fill(QColor(90, 90, 90));
    expectMessage(writePicture(mDir.filePath(QStringLiteral("deep.png")), deep),
                  QStringLiteral("16 bits"));

    QImage rgba(16, 16, QImage::Format_ARGB32);
    rgba.fill(qRgba(200, 30, 30, 100));
    expectMessage(writePicture(mDir.filePath(QStringLiteral("rgba.png")), rgba),
                  QStringLiteral("transparent"));

    // A test image that does not exist fails on the worker: the input stays.
    banner->dismiss();
    panel->setDatasetImage(5000, 0);
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), kTimeoutMs);
    QVERIFY2(banner->text().contains(QStringLiteral("5000")), qPrintable(banner->text()));
    QCOMPARE(panel->inputLabel(), keptLabel);
    QCOMPARE(panel->tiles()->image(TranslationTiles::Forward), keptImage);

    // An opaque RGBA picture is just RGB: it is taken.
    QImage opaque(12, 10, QImage::Format_ARGB32);
    opaque.fill(qRgba(20, 200, 30, 255));
    drop(panel, writePicture(mDir.filePath(QStringLiteral("opaque.png")), opaque));
    QVERIFY(waitForTranslation(panel));
    QCOMPARE(panel->tiles()->image(TranslationTiles::Forward).size(), QSize(12, 10));
}

void TranslationGuiTest::followsTrainingAndSwitchesCheckpoints()
{
    auto view = makeView(QString());
    TranslationView *panel = view->view<TranslationView>(QStringLiteral("translate"));
    QSignalSpy shown(panel, &TranslationView::translationShown);
    // A copy of a training session arrives (as the trainer sends them every 2 s).
    view->worker()->loadSnapshot(3, QByteArray(reinterpret_cast<const char *>(mSnapshot3.data()),
                                               int(mSnapshot3.size())));
    QVERIFY(readyPanel(view.get()));
    QVERIFY(view->modelInfo().fromTraining);
    QCOMPARE(panel->shownResult()->step, 3);
    const QImage before = panel->tiles()->image(TranslationTiles::Forward);
    // A newer copy: translated again on its own, same input, newer step.
    view->worker()->loadSnapshot(5, QByteArray(reinterpret_cast<const char *>(mSnapshot5.data()),
                                               int(mSnapshot5.size())));
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().at(0).toLongLong() == 5, kTimeoutMs);
    QCOMPARE(panel->shownResult()->step, 5);
    QVERIFY(panel->inputLabel().contains(QStringLiteral("#0 of domain A")));
    QVERIFY(panel->tiles()->image(TranslationTiles::Forward) != before); // the weights moved

    // Switching checkpoints on the fly keeps the input (a dropped picture).
    const QString picture = writePicture(mDir.filePath(QStringLiteral("switch.png")), colourful(24, 24));
    drop(panel, picture);
    QVERIFY(waitForTranslation(panel));
    quint64 generation = view->modelInfo().generation;
    view->openCheckpoint(mCycle3);
    QVERIFY(waitForModel(view.get(), generation));
    QTRY_VERIFY_WITH_TIMEOUT(panel->isReady() && panel->shownResult()->step == 3, kTimeoutMs);
    QVERIFY(panel->inputLabel().contains(QStringLiteral("switch.png")));
    generation = view->modelInfo().generation;
    view->openCheckpoint(mCycle5);
    QVERIFY(waitForModel(view.get(), generation));
    QTRY_VERIFY_WITH_TIMEOUT(panel->isReady() && panel->shownResult()->step == 5, kTimeoutMs);
    QVERIFY(panel->inputLabel().contains(QStringLiteral("switch.png")));
    // The recent checkpoints box switches back.
    QComboBox *box = panel->checkpointBox();
    QVERIFY(panel->checkpointBox()->recentCheckpoints().contains(mCycle3));
    QCOMPARE(box->currentData().toString(), mCycle5);
    const int older = box->findData(mCycle3);
    QVERIFY(older >= 0);
    generation = view->modelInfo().generation;
    box->setCurrentIndex(older);
    emit box->activated(older);
    QVERIFY(waitForModel(view.get(), generation));
    QCOMPARE(view->modelInfo().checkpointPath, mCycle3);
    QTRY_VERIFY_WITH_TIMEOUT(panel->isReady() && panel->shownResult()->step == 3, kTimeoutMs);
    QCOMPARE(box->currentData().toString(), mCycle3);
}

void TranslationGuiTest::sameStepSnapshotIsNotReadAgain()
{
    // When a run ends, the trainer's last answer and the idle worker's answer
    // can both bring a copy of the same step: the second is not read again
    // (it would only stall the views), unless a new session began.
    auto view = makeView(QString());
    ExplorationWorker *worker = view->worker();
    const QString model = QStringLiteral("model");
    const QByteArray step3(reinterpret_cast<const char *>(mSnapshot3.data()), int(mSnapshot3.size()));
    const QByteArray step5(reinterpret_cast<const char *>(mSnapshot5.data()), int(mSnapshot5.size()));
    worker->loadSnapshot(3, step3);
    QVERIFY(waitForModel(view.get(), 0));
    quint64 generation = view->modelInfo().generation;
    const int dropped = worker->requestsDropped(worker, model);
    worker->loadSnapshot(3, step3);
    QCOMPARE(worker->requestsDropped(worker, model), dropped + 1);
    // A newer step is read.
    worker->loadSnapshot(5, step5);
    QVERIFY(waitForModel(view.get(), generation));
    QCOMPARE(view->modelInfo().step, 5);
    QCOMPARE(worker->requestsDropped(worker, model), dropped + 1);
    // A new session that happens to be at step 5 too is read.
    generation = view->modelInfo().generation;
    worker->startNewTrainingSource();
    worker->loadSnapshot(5, step5);
    QVERIFY(waitForModel(view.get(), generation));
    QCOMPARE(worker->requestsDropped(worker, model), dropped + 1);
}

void TranslationGuiTest::exportsWriteFiles()
{
    auto view = makeView(mCycle3);
    TranslationView *panel = readyPanel(view.get());
    QVERIFY(panel);
    QSignalSpy finished(panel, &TranslationView::exportFinished);
    const QString folder = mDir.filePath(QStringLiteral("export"));
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(panel->exportImages(folder));
    QVERIFY(!panel->exportImages(folder)); // one at a time
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kTimeoutMs);
    QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(2).toString()));
    const QStringList names = {QStringLiteral("test-A-0-input-A.png"),
                               QStringLiteral("test-A-0-translation-AtoB.png"),
                               QStringLiteral("test-A-0-cycle-AtoBtoA.png"),
                               QStringLiteral("test-A-0-identity-BtoA.png")};
    for (const QString &name : names) {
        const QImage saved(QDir(folder).filePath(name));
        QVERIFY2(!saved.isNull(), qPrintable(name));
        QCOMPARE(saved.size(), QSize(28, 28));
    }
    QCOMPARE(QImage(QDir(folder).filePath(names.at(1))).convertToFormat(QImage::Format_Grayscale8),
             panel->tiles()->image(TranslationTiles::Forward));
    QCOMPARE(QDir(folder).entryList(QDir::Files).size(), 4); // no temporary files left

    const QString strip = mDir.filePath(QStringLiteral("strip.png"));
    QVERIFY(panel->exportStrip(strip));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, kTimeoutMs);
    QVERIFY(finished.last().at(1).toBool());
    const QImage stripImage(strip);
    QVERIFY(!stripImage.isNull());
    QVERIFY(stripImage.width() > 3 * stripImage.height());

    // A folder that does not exist: a message, no file, the panel goes on.
    const QString missing = mDir.filePath(QStringLiteral("no-such-dir"));
    QVERIFY(panel->exportImages(missing));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, kTimeoutMs);
    QVERIFY(!finished.last().at(1).toBool());
    QVERIFY(finished.last().at(2).toString().contains(QStringLiteral("does not exist")));
    QVERIFY(view->messageBanner()->isVisible());
    QVERIFY(!QFileInfo::exists(missing));
    const QString badStrip = mDir.filePath(QStringLiteral("no-such-dir/strip.png"));
    QVERIFY(panel->exportStrip(badStrip));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 4, kTimeoutMs);
    QVERIFY(!finished.last().at(1).toBool());
    QVERIFY(!QFileInfo::exists(badStrip));
    QVERIFY(panel->isReady());
}

GS_GUI_TEST_MAIN(TranslationGuiTest)
#include "test_translation_gui.moc"
