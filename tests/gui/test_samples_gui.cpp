// test_samples_gui.cpp — the Explore tab's Samples view (the view added by the
// explorer-view recipe alone, docs/architecture.md) on the offscreen platform:
// the grid for a small VAE trained here (each sample the decoded latent of its
// seed), new seeds, the exported PNG, and the tab disabled with its sentence
// for a translation model.
#include <QTabWidget>
#include <QTemporaryDir>

#include "core/explore/explorer.h"
#include "explore/samples/samplesview.h"
#include "explore_test_support.h"
#include "gui_test_main.h"
#include "support/imageconvert.h"
#include "widgets/messagebanner.h"

using namespace exploretest;

class SamplesGuiTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void gridExportAndUnavailable();

private:
    QTemporaryDir mDir;
    QString mVae;
};

void SamplesGuiTest::initTestCase()
{
    QVERIFY(mDir.isValid());
    if (!QFileInfo::exists(kFashionMnist))
        QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    mVae = trainCheckpoint(mDir.path(), "vae", 40, 4);
}

void SamplesGuiTest::gridExportAndUnavailable()
{
    auto view = openExploreView(mVae);
    QVERIFY(waitForModel(view.get()));
    QVERIFY(view->modelInfo().canSample());
    auto *samples = view->view<SamplesView>(QStringLiteral("samples"));
    QVERIFY(samples);
    auto *tabs = view->findChild<QTabWidget *>(QStringLiteral("exploreTabs"));
    const int tab = tabs->indexOf(samples);
    QVERIFY(tab >= 0);
    QCOMPARE(tabs->tabText(tab), QStringLiteral("Samples"));
    QVERIFY(tabs->isTabEnabled(tab));
    QVERIFY(view->showSubView(QStringLiteral("samples")));
    QCOMPARE(view->currentViewId(), QStringLiteral("samples"));

    // Nine samples of seeds 7…15 in a 3 × 3 grid, each the decoded latent of
    // its seed (decoded here independently).
    samples->setSeed(7);
    samples->setCount(9);
    QVERIFY(QTest::qWaitFor(
        [&] { return samples->isUpToDate() && samples->sampleImages().size() == 9; }, kTimeoutMs));
    auto reference = gs::Explorer::open(QFile::encodeName(mVae).toStdString());
    QCOMPARE(samples->sampleImages().at(0), toQImage(reference->decode(reference->random_latent(7))));
    QCOMPARE(samples->sampleImages().at(8), toQImage(reference->decode(reference->random_latent(15))));
    const QSize cell = samples->sampleImages().first().size();
    QCOMPARE(cell, QSize(28, 28));
    QCOMPARE(samples->columns(), 3);
    const QSize grid(3 * cell.width() + 2 * SamplesView::kGap,
                     3 * cell.height() + 2 * SamplesView::kGap);
    QCOMPARE(samples->gridImage().size(), grid);

    // New seeds: another first seed and other samples.
    const QImage before = samples->gridImage();
    while (samples->seed() == 7)
        samples->newSeeds();
    QVERIFY(QTest::qWaitFor([&] { return samples->isUpToDate(); }, kTimeoutMs));
    QVERIFY(samples->gridImage() != before);
    QCOMPARE(samples->gridImage().size(), grid);

    // The export writes the grid as it is: a PNG of the grid's size.
    const QString png = mDir.filePath(QStringLiteral("samples.png"));
    QVERIFY(samples->exportPng(png));
    const QImage written(png);
    QCOMPARE(written.size(), grid);
    QCOMPARE(written.convertToFormat(QImage::Format_RGB32),
             samples->gridImage().convertToFormat(QImage::Format_RGB32));
    QVERIFY(!view->messageBanner()->isVisible());

    // A translation model cannot sample: the tab is disabled and says why, and
    // so does the view.
    gs::SessionConfig cycleGan; // untrained and tiny, as in test_translation_gui
    cycleGan.model_id = "cyclegan";
    cycleGan.params = {{"ngf", "4"}, {"ndf", "4"}, {"blocks", "1"}, {"batch_size", "2"},
                       {"pool_size", "0"}};
    cycleGan.dataset.id = "edges2fashion";
    cycleGan.dataset.limit = 32;
    const QString translator = mDir.filePath(QStringLiteral("translator.gsckpt"));
    gs::TrainingSession::create(cycleGan)->save(QFile::encodeName(translator).toStdString());
    const quint64 generation = view->modelInfo().generation;
    view->openCheckpoint(translator);
    QVERIFY(waitForModel(view.get(), generation));
    QVERIFY(view->modelInfo().canTranslate());
    QVERIFY(!tabs->isTabEnabled(tab));
    QVERIFY2(tabs->tabToolTip(tab).contains(QStringLiteral("cannot sample")),
             qPrintable(tabs->tabToolTip(tab)));
    QCOMPARE(samples->unavailableText(), tabs->tabToolTip(tab));
    QVERIFY(view->showSubView(QStringLiteral("samples"))); // a known name…
    QVERIFY(view->currentViewId() != QStringLiteral("samples")); // …but not for a translator
}

GS_GUI_TEST_MAIN(SamplesGuiTest)
#include "test_samples_gui.moc"
