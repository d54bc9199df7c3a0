// test_flow_gui.cpp — the Explore tab's Flow view on the offscreen platform,
// for a small RealNVP trained here on Fashion-MNIST: the x → z → x round trip
// of a test image shown with an error at float precision and its bits/dim,
// the latent as an image of the input's size, samples that change with the
// temperature, a dropped picture taking the test image's place, the latent and
// interpolation views working on the flow, and the tab disabled with its
// sentence for a model that is not invertible.
#include <QTabWidget>
#include <QTemporaryDir>

#include "explore/flow/flowview.h"
#include "explore_test_support.h"
#include "gui_test_main.h"
#include "support/imageconvert.h"

using namespace exploretest;

class FlowGuiTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void roundTripSamplesAndDrops();
    void unavailableForAModelThatIsNotInvertible();

private:
    QTemporaryDir mDir;
    QString mFlow;
};

void FlowGuiTest::initTestCase()
{
    QVERIFY(mDir.isValid());
    if (!QFileInfo::exists(kFashionMnist))
        QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    gs::SessionConfig config;
    config.model_id = "realnvp";
    config.params = {{"batch_size", "32"}};
    config.dataset.limit = 256;
    auto session = gs::TrainingSession::create(config);
    gs::RunOptions options;
    options.total_steps = 8;
    options.sample_seconds = 0;
    gs::TrainControl control;
    gs::TrainObserver quiet;
    session->run(options, control, quiet);
    mFlow = mDir.filePath(QStringLiteral("realnvp.gsckpt"));
    session->save(QFile::encodeName(mFlow).toStdString());
}

void FlowGuiTest::roundTripSamplesAndDrops()
{
    auto view = openExploreView(mFlow);
    QVERIFY(waitForModel(view.get()));
    auto *flow = view->view<FlowView>(QStringLiteral("flow"));
    QVERIFY(flow);
    auto *tabs = view->findChild<QTabWidget *>(QStringLiteral("exploreTabs"));
    QVERIFY(tabs->isTabEnabled(tabs->indexOf(flow)));
    // The existing latent views work on the flow too.
    for (const char *id : {"latent", "interpolation", "samples"})
        QVERIFY2(tabs->isTabEnabled(tabs->indexOf(view->explorerView(QString::fromLatin1(id))->widget())), id);
    QVERIFY(view->showSubView(QStringLiteral("flow")));

    QSignalSpy trips(flow, &FlowView::roundTripShown);
    flow->setTestImage(3);
    QVERIFY(QTest::qWaitFor([&] { return trips.count() > 0 && flow->roundTripText().contains("test image 3"); },
                            kTimeoutMs));
    const gs::FlowRoundTrip &trip = flow->roundTrip();
    QVERIFY2(trip.max_error < 1e-3, qPrintable(QString::number(trip.max_error)));
    QVERIFY2(trip.bits_per_dim > 0.5 && trip.bits_per_dim < 8, qPrintable(QString::number(trip.bits_per_dim)));
    QVERIFY(trip.nll_is_bound);
    QCOMPARE(trip.latent.width, 28);
    QCOMPARE(trip.reconstruction.height, 28);
    // The shown caption carries the numbers.
    QVERIFY(flow->roundTripText().contains(QString::number(trip.bits_per_dim, 'f', 3) + " bits/dim"));
    QVERIFY(flow->roundTripText().contains(QString::number(trip.max_error, 'e', 1)));
    // The reconstruction is the input again, to 8-bit precision.
    QCOMPARE(toQImage(trip.reconstruction), toQImage(trip.input));

    // The same seeds at two temperatures give other samples.
    QSignalSpy samples(flow, &FlowView::samplesShown);
    flow->setTemperature(0.3);
    QVERIFY(QTest::qWaitFor([&] { return samples.count() > 0; }, kTimeoutMs));
    QTest::qWait(50);
    const QImage cool = flow->samplesImage();
    QVERIFY(!cool.isNull());
    samples.clear();
    flow->setTemperature(1.0);
    QVERIFY(QTest::qWaitFor([&] { return samples.count() > 0; }, kTimeoutMs));
    QVERIFY(flow->samplesImage() != cool);

    // A dropped picture (here a 28×28 gradient) replaces the test image.
    QImage picture(28, 28, QImage::Format_Grayscale8);
    for (int y = 0; y < 28; ++y)
        for (int x = 0; x < 28; ++x)
            picture.setPixel(x, y, qRgb(x * 9, x * 9, x * 9));
    trips.clear();
    flow->takeImage(toGsImage(picture), QStringLiteral("gradient.png"));
    QVERIFY(QTest::qWaitFor([&] { return trips.count() > 0; }, kTimeoutMs));
    QVERIFY(flow->roundTripText().contains("gradient.png"));
    QVERIFY(flow->roundTrip().max_error < 1e-3);
    QCOMPARE(toQImage(flow->roundTrip().reconstruction), picture);
}

void FlowGuiTest::unavailableForAModelThatIsNotInvertible()
{
    const QString vae = trainCheckpoint(mDir.path(), "vae", 0, 4);
    auto view = openExploreView(vae);
    QVERIFY(waitForModel(view.get()));
    auto *flow = view->view<FlowView>(QStringLiteral("flow"));
    auto *tabs = view->findChild<QTabWidget *>(QStringLiteral("exploreTabs"));
    QVERIFY(!tabs->isTabEnabled(tabs->indexOf(flow)));
    const QString why = flow->unavailableReason(view->modelInfo());
    QVERIFY2(why.contains("not invertible"), qPrintable(why));
}

GS_GUI_TEST_MAIN(FlowGuiTest)
#include "test_flow_gui.moc"
