// test_conditional_gui.cpp — class conditioning in the Explore tab on the
// offscreen platform, for tiny models trained here on Fashion-MNIST: the
// Diffusion view shows its class picker (the dataset's class names) and
// guidance slider for a conditional DDPM, the reverse run takes the chosen
// class and w, the "same seed at w = 0, 1, 3" rows come as three rows that
// differ; the controls are hidden for an unconditional DDPM. The PixelCNN
// view's class picker shows for a conditional PixelCNN and its runs draw the
// chosen class.
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QTemporaryDir>

#include "explore/classpicker.h"
#include "explore/diffusion/diffusionview.h"
#include "explore/diffusion/guidancebox.h"
#include "explore/pixelcnn/pixelcnnview.h"
#include "explore_test_support.h"
#include "gui_test_main.h"
#include "widgets/imageview.h"
#include "widgets/messagebanner.h"

using namespace exploretest;

namespace {

QString train(const QString &dir, const std::string &model, const gs::ParamValues &params, const QString &name)
{
    gs::SessionConfig config;
    config.model_id = model;
    config.params = params;
    config.dataset.limit = 256;
    auto session = gs::TrainingSession::create(config);
    gs::RunOptions options;
    options.total_steps = 3;
    options.sample_seconds = 0;
    gs::TrainControl control;
    gs::TrainObserver quiet;
    session->run(options, control, quiet);
    const QString path = QDir(dir).filePath(name);
    session->save(QFile::encodeName(path).toStdString());
    return path;
}

const gs::ParamValues kTinyDdpm{{"timesteps", "50"}, {"channels", "8"}, {"attention", "false"},
                                {"batch_size", "8"}, {"sample_steps", "1"}};

} // namespace

class ConditionalGuiTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(mDir.isValid());
        if (!QFileInfo::exists(kFashionMnist))
            QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
        mExplore = std::make_unique<ExploreView>();
        mExplore->resize(1200, 900);
        mExplore->show();
        QVERIFY(QTest::qWaitForWindowExposed(mExplore.get()));
    }

    void diffusionClassPickerAndGuidance()
    {
        QVERIFY(mExplore->showSubView(QStringLiteral("diffusion")));
        mExplore->openCheckpoint(train(mDir.path(), "ddpm", kTinyDdpm, QStringLiteral("conditional.gsckpt")));
        QVERIFY(waitForModel(mExplore.get()));
        auto *view = mExplore->view<DiffusionView>(QStringLiteral("diffusion"));
        QVERIFY(view);
        GuidanceBox *box = view->guidanceBox();
        QVERIFY(QTest::qWaitFor([&] { return box->picker()->count() == 11; }, kTimeoutMs));
        QVERIFY(box->isVisibleTo(view));
        QCOMPARE(box->picker()->itemText(0), QStringLiteral("any class"));
        QCOMPARE(box->picker()->itemText(4), QStringLiteral("3 · Dress"));
        // Any class: nothing to guide; the slider waits for a class.
        auto *slider = box->findChild<QSlider *>(QStringLiteral("diffusionGuidance"));
        QVERIFY(slider && !slider->isEnabled());
        QCOMPARE(box->guidance(), 0.0);

        QVERIFY(QTest::qWaitFor([&] { return !view->isBusy() && view->shownReverse() > 0; }, kTimeoutMs));
        quint64 before = view->shownReverse();
        box->setClassLabel(3);
        box->setGuidance(2.0);
        QVERIFY(slider->isEnabled());
        QVERIFY(QTest::qWaitFor([&] { return view->shownReverse() > before && view->run()
                                             && view->run()->settings.guidance == 2.0; },
                                kTimeoutMs));
        QCOMPARE(view->run()->settings.class_label, 3);

        // The same seed at w = 0, 1, 3: three rows of the view's image count, and guidance changes them.
        view->setCount(2);
        before = view->shownGuidanceRows();
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("diffusionGuidanceRowsButton")), Qt::LeftButton);
        QVERIFY2(QTest::qWaitFor([&] { return view->shownGuidanceRows() > before; }, kTimeoutMs),
                 qPrintable(mExplore->messageBanner()->text()));
        const QImage rows = box->rows()->image().convertToFormat(QImage::Format_Grayscale8);
        QVERIFY(!rows.isNull());
        QVERIFY2(rows.height() > 2 * rows.width() / 2 && rows.height() < 2 * rows.width(),
                 qPrintable(QString("%1×%2").arg(rows.width()).arg(rows.height())));
        const int h = rows.height() / 3;
        double diff = 0;
        for (int r = 2; r < h - 2; ++r)
            for (int c = 0; c < rows.width(); ++c)
                diff += std::abs(int(rows.constScanLine(r)[c]) - int(rows.constScanLine(r + 2 * h)[c]));
        QVERIFY2(diff > 0, "w = 0 and w = 3 drew the same images");
        QVERIFY(box->findChild<QLabel *>(QStringLiteral("diffusionGuidanceCaption"))->text().contains("Dress"));
    }

    void hiddenForAnUnconditionalDiffusionModel()
    {
        gs::ParamValues params = kTinyDdpm;
        params["class_conditional"] = "false";
        const quint64 generation = mExplore->modelInfo().generation;
        mExplore->openCheckpoint(train(mDir.path(), "ddpm", params, QStringLiteral("plain.gsckpt")));
        QVERIFY(waitForModel(mExplore.get(), generation));
        auto *view = mExplore->view<DiffusionView>(QStringLiteral("diffusion"));
        QVERIFY(!view->guidanceBox()->isVisibleTo(view));
        QCOMPARE(view->guidanceBox()->classLabel(), -1);
        QVERIFY(QTest::qWaitFor([&] { return !view->isBusy() && view->shownReverse() > 0; }, kTimeoutMs));
        QCOMPARE(view->run()->settings.class_label, -1);
        QCOMPARE(view->run()->settings.guidance, 0.0);
    }

    void pixelCnnClassPicker()
    {
        const quint64 generation = mExplore->modelInfo().generation;
        mExplore->openCheckpoint(train(mDir.path(), "pixelcnn",
                                       {{"features", "8"}, {"layers", "2"}, {"head", "16"}, {"batch_size", "8"},
                                        {"class_conditional", "true"}},
                                       QStringLiteral("pixelcnn.gsckpt")));
        QVERIFY(waitForModel(mExplore.get(), generation));
        QVERIFY(mExplore->showSubView(QStringLiteral("pixels"))); // enabled now that the model draws pixels
        auto *view = mExplore->view<PixelCnnView>(QStringLiteral("pixels"));
        QVERIFY(view);
        ClassPicker *picker = view->classPicker();
        QVERIFY(QTest::qWaitFor([&] { return picker->count() == 11; }, kTimeoutMs));
        QVERIFY(picker->isVisibleTo(view));
        QCOMPARE(picker->itemText(2), QStringLiteral("1 · Trouser"));
        QVERIFY(QTest::qWaitFor([&] { return view->shownRun() > 0 && !view->isBusy(); }, kTimeoutMs));
        const quint64 before = view->shownRun();
        picker->setClassLabel(1); // a new class draws again
        QCOMPARE(picker->classLabel(), 1);
        QVERIFY2(QTest::qWaitFor([&] { return view->shownRun() > before && !view->isBusy(); }, kTimeoutMs),
                 qPrintable(mExplore->messageBanner()->text()));
        QVERIFY(view->recording() && !view->recording()->final.empty());

        // An unconditional PixelCNN: no picker.
        const quint64 g2 = mExplore->modelInfo().generation;
        mExplore->openCheckpoint(train(mDir.path(), "pixelcnn",
                                       {{"features", "8"}, {"layers", "2"}, {"head", "16"}, {"batch_size", "8"}},
                                       QStringLiteral("plain-pixelcnn.gsckpt")));
        QVERIFY(waitForModel(mExplore.get(), g2));
        QVERIFY(!picker->isVisibleTo(view));
        QCOMPARE(picker->classLabel(), -1);
    }

    void cleanupTestCase() { mExplore.reset(); }

private:
    QTemporaryDir mDir;
    std::unique_ptr<ExploreView> mExplore;
};

GS_GUI_TEST_MAIN(ConditionalGuiTest)
#include "test_conditional_gui.moc"
