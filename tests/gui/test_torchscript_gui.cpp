// test_torchscript_gui.cpp — importing TorchScript modules into the Explore
// tab on the offscreen platform, with the fixtures of tests/fixtures: the
// translator imports (from the sidecar) and translates one way (B→A disabled,
// the cycle and identity tiles say why, no test images and the browser says
// so); the generator (dropped onto the tab) drives the latent panel; the
// wrong_shape and wrong_range modules are refused with the dry run's message
// while the model and its images stay; a module without a descriptor is not
// imported blind; the import dialog fills itself from the sidecar and catches
// obvious mistakes; File → Import TorchScript Model… exists.
#include <QAction>
#include <QDialogButtonBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>

#include "explore/translate/domainbrowser.h"
#include "explore/exploreview.h"
#include "gui_test_main.h"
#include "explore/interpolation/interpolationview.h"
#include "explore/latent/latentpanel.h"
#include "shell/mainwindow.h"
#include "widgets/messagebanner.h"
#include "explore/torchscriptdialog.h"
#include "translation_test_support.h"
#include "explore/translate/translationtiles.h"
#include "explore/translate/translationview.h"

using namespace translation_test;

class TorchScriptGuiTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void importsTorchScriptTranslator();
    void refusesMismatchedModules();
    void importsTorchScriptGenerator();
    void importDialogValidates();
    void fileMenuHasTheImport();

private:
    QTemporaryDir mDir;
    QString mVae;
    QString mCycle3;
};

void TorchScriptGuiTest::initTestCase()
{
    QVERIFY(mDir.isValid());
    if (!QFileInfo::exists(kFashionMnist))
        QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    mVae = saveUntrainedVae(mDir.filePath(QStringLiteral("vae.gsckpt")));
    auto cycle = gs::TrainingSession::create(cycleGanConfig());
    train(*cycle, 3);
    mCycle3 = save(*cycle, mDir.filePath(QStringLiteral("cycle3.gsckpt")));
}

void TorchScriptGuiTest::importsTorchScriptTranslator()
{
    auto view = makeView(mVae);
    QVERIFY(waitForModel(view.get(), 0));
    const quint64 generation = view->modelInfo().generation;
    QVERIFY(view->importTorchScript(fixture("translator.pt")));
    QVERIFY(waitForModel(view.get(), generation));
    const ExplorerInfo info = view->modelInfo();
    QVERIFY(info.torchScript);
    QVERIFY(info.canTranslate());
    QVERIFY(!info.translatesBack());
    TranslationView *panel = view->view<TranslationView>(QStringLiteral("translate"));
    QVERIFY(tabEnabled(view.get(), panel));
    QCOMPARE(view->currentViewId(), QStringLiteral("translate"));
    const QString source = view->findChild<QLabel *>(QStringLiteral("exploreSource"))->text();
    QVERIFY2(source.contains(QStringLiteral("imported TorchScript module")), qPrintable(source));
    // One way: B→A is disabled and says why; no test images, and the browser says so.
    QVERIFY(!panel->backwardButton()->isEnabled());
    QVERIFY(panel->backwardButton()->toolTip().contains(QStringLiteral("A→B only")));
    QVERIFY(!panel->setAToB(false));
    QVERIFY(panel->browser()->statusText().contains(QStringLiteral("without test images")));
    QVERIFY(!panel->hasInput());
    QVERIFY2(!view->messageBanner()->isVisible(), qPrintable(view->messageBanner()->text()));

    drop(panel, writePicture(mDir.filePath(QStringLiteral("rgb.png")), colourful(37, 21)));
    QVERIFY(waitForTranslation(panel));
    TranslationTiles *tiles = panel->tiles();
    QCOMPARE(tiles->image(TranslationTiles::Input).size(), QSize(37, 21));
    QCOMPARE(tiles->image(TranslationTiles::Forward).size(), QSize(37, 21));
    QCOMPARE(tiles->image(TranslationTiles::Forward).format(), QImage::Format_RGB888);
    QVERIFY(tiles->image(TranslationTiles::Cycle).isNull());
    QVERIFY(tiles->image(TranslationTiles::Identity).isNull());
    QVERIFY(tiles->placeholder(TranslationTiles::Cycle).contains(QStringLiteral("no way back")));
    QVERIFY(tiles->placeholder(TranslationTiles::Identity).contains(QStringLiteral("identity")));
    QVERIFY(panel->summaryText().contains(QStringLiteral("one-way")));

    // Exports skip the missing views.
    QSignalSpy finished(panel, &TranslationView::exportFinished);
    const QString folder = mDir.filePath(QStringLiteral("export-ts"));
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(panel->exportImages(folder));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kTimeoutMs);
    QVERIFY(finished.first().at(1).toBool());
    QCOMPARE(QDir(folder).entryList(QDir::Files).size(), 2);
}

void TorchScriptGuiTest::refusesMismatchedModules()
{
    auto view = makeView(mCycle3);
    TranslationView *panel = readyPanel(view.get());
    QVERIFY(panel);
    const QImage kept = panel->tiles()->image(TranslationTiles::Forward);
    const quint64 generation = view->modelInfo().generation;
    MessageBanner *banner = view->messageBanner();
    for (const auto &[file, words] :
         {std::pair<const char *, QString>{"wrong_shape.pt", QStringLiteral("but the descriptor promises")},
          std::pair<const char *, QString>{"wrong_range.pt", QStringLiteral("range")}}) {
        banner->dismiss();
        QVERIFY(view->importTorchScript(fixture(file)));
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), kTimeoutMs);
        QVERIFY2(banner->text().contains(words), qPrintable(banner->text()));
        QTest::qWait(50);
        QCOMPARE(view->modelInfo().generation, generation);
        QCOMPARE(view->modelInfo().modelId, QStringLiteral("cyclegan"));
        QCOMPARE(panel->tiles()->image(TranslationTiles::Forward), kept);
        const QString source = view->findChild<QLabel *>(QStringLiteral("exploreSource"))->text();
        QVERIFY2(source.contains(QStringLiteral("cycle3.gsckpt")), qPrintable(source));
    }
    // A module without a descriptor cannot be imported by its sidecar alone…
    const QString bare = mDir.filePath(QStringLiteral("bare.pt"));
    QVERIFY(QFile::copy(fixture("translator.pt"), bare));
    banner->dismiss();
    QVERIFY(!view->importTorchScript(bare));
    QVERIFY(banner->isVisible());
    QVERIFY(banner->text().contains(QStringLiteral("Import TorchScript Model")));
    QCOMPARE(view->modelInfo().generation, generation);
    // …so dropping it (or --import-torchscript) opens the import dialog on it;
    // cancelling imports nothing.
    QString dialogPath;
    QTimer::singleShot(0, view.get(), [&dialogPath] {
        QTRY_VERIFY_WITH_TIMEOUT(QApplication::activeModalWidget(), kTimeoutMs);
        auto *dialog = qobject_cast<TorchScriptDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        dialogPath = dialog->modulePath();
        dialog->reject();
    });
    view->dropFiles({bare});
    QCOMPARE(dialogPath, bare);
    QCOMPARE(view->modelInfo().generation, generation);
}

void TorchScriptGuiTest::importsTorchScriptGenerator()
{
    auto view = makeView(QString());
    view->dropFiles({fixture("generator.pt")}); // dropping a module imports it
    QVERIFY(waitForModel(view.get(), 0));
    QVERIFY(view->modelInfo().torchScript);
    QVERIFY(!tabEnabled(view.get(), view->view<TranslationView>(QStringLiteral("translate"))));
    QVERIFY(tabEnabled(view.get(), view->view<LatentPanel>(QStringLiteral("latent"))));
    QCOMPARE(view->currentViewId(), QStringLiteral("latent"));
    LatentPanel *latent = view->view<LatentPanel>(QStringLiteral("latent"));
    QTRY_VERIFY_WITH_TIMEOUT(latent->isReady() && !latent->previewImage().isNull(), kTimeoutMs);
    QCOMPARE(latent->previewImage().size(), QSize(8, 8));

    // The interpolation view walks between two seeds of the imported generator.
    view->showSubView(QStringLiteral("interpolation"));
    InterpolationView *interpolation = view->view<InterpolationView>(QStringLiteral("interpolation"));
    interpolation->clearEndpoints();
    interpolation->setFramesPerSegment(5);
    interpolation->addSeed(1);
    interpolation->addSeed(2);
    QTRY_VERIFY_WITH_TIMEOUT(interpolation->frameCount() == 5, kTimeoutMs);
    const QVector<QImage> frames = interpolation->frames();
    QCOMPARE(frames.first().size(), QSize(8, 8));
    QVERIFY(frames.first() != frames.last()); // two latents, two images
    QVERIFY(!interpolation->stripImage().isNull());
    QVERIFY2(!view->messageBanner()->isVisible(), qPrintable(view->messageBanner()->text()));
}

void TorchScriptGuiTest::importDialogValidates()
{
    TorchScriptDialog dialog;
    QPushButton *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled()); // no file yet
    dialog.setModulePath(fixture("translator.pt"));
    QVERIFY(dialog.sidecarUsed());
    gs::TorchScriptDescriptor d = dialog.descriptor();
    QCOMPARE(QString::fromStdString(d.kind), QStringLiteral("translator"));
    QCOMPARE(d.height, 16);
    QCOMPARE(d.width, 16);
    QCOMPARE(d.channels, 3);
    QCOMPARE(d.range_min, 0.0);
    QCOMPARE(d.range_max, 1.0);
    QVERIFY2(dialog.validationMessage().isEmpty(), qPrintable(dialog.validationMessage()));
    QVERIFY(ok->isEnabled());

    dialog.setModulePath(fixture("generator.pt"));
    d = dialog.descriptor();
    QCOMPARE(QString::fromStdString(d.kind), QStringLiteral("generator"));
    QCOMPARE(d.latent_dim, 4);
    QCOMPARE(d.range_min, -1.0);

    // No sidecar: the fields are the user's; a custom range must be ordered.
    const QString bare = mDir.filePath(QStringLiteral("dialog-bare.pt"));
    QVERIFY(QFile::copy(fixture("translator.pt"), bare));
    dialog.setModulePath(bare);
    QVERIFY(!dialog.sidecarUsed());
    QVERIFY(dialog.sidecarText().contains(QStringLiteral("No descriptor")));
    dialog.setRangePreset(TorchScriptDialog::RangeCustom);
    gs::TorchScriptDescriptor custom = dialog.descriptor();
    custom.range_min = 2;
    custom.range_max = 1;
    dialog.setDescriptor(custom);
    QVERIFY(dialog.validationMessage().contains(QStringLiteral("range")));
    QVERIFY(!ok->isEnabled());
    custom.range_min = 0;
    custom.range_max = 255;
    dialog.setDescriptor(custom);
    QVERIFY(ok->isEnabled());
    QCOMPARE(dialog.descriptor().range_max, 255.0);

    // Not a TorchScript archive, a missing file.
    const QString text = mDir.filePath(QStringLiteral("notes.pt"));
    QFile f(text);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("not a module");
    f.close();
    dialog.setModulePath(text);
    QVERIFY(dialog.validationMessage().contains(QStringLiteral("not a TorchScript module")));
    QVERIFY(!ok->isEnabled());
    dialog.setModulePath(mDir.filePath(QStringLiteral("missing.pt")));
    QVERIFY(dialog.validationMessage().contains(QStringLiteral("does not exist")));
}

void TorchScriptGuiTest::fileMenuHasTheImport()
{
    MainWindow window;
    QAction *import = window.findChild<QAction *>(QStringLiteral("importTorchScriptAction"));
    QVERIFY(import);
    bool inFileMenu = false;
    for (QAction *menu : window.menuBar()->actions()) {
        if (menu->menu() && menu->menu()->actions().contains(import))
            inFileMenu = menu->text().contains(QStringLiteral("File"));
    }
    QVERIFY(inFileMenu);
    QVERIFY(window.findChild<QPushButton *>(QStringLiteral("importTorchScriptButton")));
}

GS_GUI_TEST_MAIN(TorchScriptGuiTest)
#include "test_torchscript_gui.moc"
