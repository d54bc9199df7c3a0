// test_presenter_gui.cpp — the presenter layout (fonts, lines, palette, the
// advanced controls it hides and shows again, remembered between runs), the
// light and dark palettes on the loss plot, Space and → driving training, the
// image view's exact nearest-neighbour enlargement, and recordings of a view
// (frames read back from the GIF and MP4; stopped by hand).
#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>

#include <memory>

#include <qcustomplot.h>

#include "core/explore/animation_writer.h"
#include "gui_test_main.h"
#include "presenter/presenterkeys.h"
#include "presenter/presentermode.h"
#include "presenter/studiolook.h"
#include "presenter/viewrecorder.h"
#include "presenter/viewrecording.h"
#include "shell/mainwindow.h"
#include "training/losspanel.h"
#include "training/trainingcontroller.h"
#include "training/trainingpanel.h"
#include "widgets/imageview.h"
#include "widgets/parameterform.h"

namespace {
const QString kFashionMnist = QStringLiteral("/usr/share/datasets/fashion-mnist");
constexpr int kTimeoutMs = 120000;

bool haveFashionMnist()
{
    return QFileInfo::exists(kFashionMnist + QStringLiteral("/train-images-idx3-ubyte.gz"))
           || QFileInfo::exists(kFashionMnist + QStringLiteral("/train-images-idx3-ubyte"));
}

// The names of the controls presenter mode promises to hide.
const QStringList kAdvanced = {
    QStringLiteral("throughputLabel"), QStringLiteral("etaLabel"),
    QStringLiteral("threadsSpin"),     QStringLiteral("seedSpin"),
    QStringLiteral("limitSpin"),       QStringLiteral("resetParametersButton"),
    QStringLiteral("smoothingSlider"), QStringLiteral("logScaleCheck"),
    QStringLiteral("followCheck"),     QStringLiteral("autoscaleButton"),
    QStringLiteral("metricsPanel"),
};

std::unique_ptr<MainWindow> makeWindow()
{
    auto window = std::make_unique<MainWindow>();
    window->setConfirmDiscard(false);
    window->resize(1200, 800);
    window->show();
    QCoreApplication::processEvents(); // the saved presenter choice applies after construction
    return window;
}

QWidget *named(MainWindow *window, const QString &name)
{
    return window->findChild<QWidget *>(name);
}

QImage pattern28()
{
    QImage image(28, 28, QImage::Format_Grayscale8);
    for (int y = 0; y < 28; ++y)
        for (int x = 0; x < 28; ++x)
            image.scanLine(y)[x] = uchar((x * 9 + y * 37) % 256);
    return image;
}

} // namespace

class PresenterTest : public QObject
{
    Q_OBJECT

private slots:
    void presenterModeScalesHidesAndPersists();
    void paletteFollowsTheScheme();
    void imageViewEnlargesNearestNeighbour();
    void keysDriveTraining();
    void recordingHasTheFramesAskedFor();
    void recordingStoppedByHandEndsCleanly();
    void recordingRefusesBadRequests();
};

void PresenterTest::presenterModeScalesHidesAndPersists()
{
    auto window = makeWindow();
    PresenterMode *presenter = window->presenterMode();
    QVERIFY(!presenter->isOn());
    const double baseSize = QApplication::font().pointSizeF();
    QVERIFY(baseSize > 0);
    for (const QString &name : kAdvanced) {
        QWidget *w = named(window.get(), name);
        QVERIFY2(w, qPrintable(name));
        QVERIFY2(!w->isHidden(), qPrintable(name));
    }
    QWidget *seedLabel = qobject_cast<QFormLayout *>(named(window.get(), QStringLiteral("seedSpin"))
                                                         ->parentWidget()->layout())
                             ->labelForField(named(window.get(), QStringLiteral("seedSpin")));
    QVERIFY(seedLabel && !seedLabel->isHidden());
    // The loss plot with a series: its curve's width before.
    LossPanel *losses = window->lossPanel();
    losses->setSeries({QStringLiteral("loss")});
    losses->plot()->replot();
    const double curveWidth = losses->plot()->graph(1)->pen().widthF();
    QVERIFY(curveWidth > 0);

    // On, through the View menu's action.
    QAction *action = presenter->action();
    QCOMPARE(action->shortcut(), QKeySequence(Qt::Key_F5));
    action->trigger();
    QCoreApplication::processEvents(); // font and palette changes reach the widgets
    QVERIFY(presenter->isOn());
    QCOMPARE(QApplication::font().pointSizeF(), baseSize * StudioLook::kPresenterFontScale);
    QCOMPARE(window->font().pointSizeF(), baseSize * StudioLook::kPresenterFontScale);
    for (const QString &name : kAdvanced)
        QVERIFY2(named(window.get(), name)->isHidden(), qPrintable(name));
    QVERIFY(seedLabel->isHidden());
    QVERIFY(!named(window.get(), QStringLiteral("lossPlot"))->isHidden()); // the plot stays
    QVERIFY(!named(window.get(), QStringLiteral("modelCombo"))->isHidden());
    losses->plot()->replot();
    QCOMPARE(losses->plot()->graph(1)->pen().widthF(), curveWidth * StudioLook::kPresenterLineScale);
    QVERIFY(losses->plot()->xAxis->basePen().widthF() >= StudioLook::kPresenterLineScale - 1e-9);
    // High contrast: pure black on white (or white on black).
    const QPalette palette = QApplication::palette();
    const int text = palette.color(QPalette::WindowText).lightness();
    const int back = palette.color(QPalette::Window).lightness();
    QVERIFY2(std::abs(text - back) == 255, qPrintable(QStringLiteral("%1 %2").arg(text).arg(back)));
    // A series made while on gets the wide pen too.
    losses->setSeries({QStringLiteral("loss"), QStringLiteral("kl")});
    losses->plot()->replot();
    QCOMPARE(losses->plot()->graph(1)->pen().widthF(), curveWidth * StudioLook::kPresenterLineScale);

    // Remembered: a new window starts in presenter mode.
    window.reset();
    QCOMPARE(QApplication::font().pointSizeF(), baseSize); // the window gave the font back
    window = makeWindow();
    presenter = window->presenterMode();
    QTRY_VERIFY(presenter->isOn());
    QVERIFY(presenter->action()->isChecked());
    QCOMPARE(QApplication::font().pointSizeF(), baseSize * StudioLook::kPresenterFontScale);
    for (const QString &name : kAdvanced)
        QVERIFY2(named(window.get(), name)->isHidden(), qPrintable(name));

    // Off: everything back as it was.
    presenter->action()->trigger();
    QVERIFY(!presenter->isOn());
    QCOMPARE(QApplication::font().pointSizeF(), baseSize);
    for (const QString &name : kAdvanced)
        QVERIFY2(!named(window.get(), name)->isHidden(), qPrintable(name));
    QVERIFY(presenter->hiddenWidgets().isEmpty());
    window.reset();
    window = makeWindow();
    QCoreApplication::processEvents();
    QVERIFY(!window->presenterMode()->isOn());
}

void PresenterTest::paletteFollowsTheScheme()
{
    auto window = makeWindow();
    StudioLook *look = window->studioLook();
    QCustomPlot *plot = window->lossPanel()->plot();
    QCPGraph *black = plot->addGraph(); // a held-out curve is drawn black on light
    black->setPen(QPen(Qt::black, 1.5));
    look->setScheme(StudioPalette::Scheme::Dark);
    QCoreApplication::processEvents();
    QVERIFY(look->isDark());
    QVERIFY(StudioPalette::isDark(QApplication::palette()));
    plot->replot();
    QVERIFY(plot->toPixmap(200, 150).toImage().pixelColor(3, 3).lightness() < 80);
    QVERIFY(plot->xAxis->tickLabelColor().lightness() > 180);
    QVERIFY(plot->xAxis->basePen().color().lightness() > 180);
    QVERIFY(black->pen().color().lightness() > 180); // black means the text colour
    look->setScheme(StudioPalette::Scheme::Light);
    QCoreApplication::processEvents();
    QVERIFY(!look->isDark());
    plot->replot();
    QVERIFY(plot->toPixmap(200, 150).toImage().pixelColor(3, 3).lightness() > 200);
    QVERIFY(plot->xAxis->tickLabelColor().lightness() < 80);
    QCOMPARE(black->pen().color(), QApplication::palette().color(QPalette::Text));
    QVERIFY(black->pen().color().lightness() < 80);
    // Following the desktop: this platform's own palette decides.
    look->setScheme(StudioPalette::Scheme::FollowDesktop);
    QCOMPARE(look->isDark(), StudioPalette::isDark(StudioPalette::desktopPalette()));
    QVERIFY(!look->isDark()); // the offscreen platform's palette is light, whatever the studio set
    look->setScheme(StudioPalette::Scheme::Dark);
    // The menu's actions are the same switch.
    const QList<QAction *> actions = look->schemeActions();
    QCOMPARE(actions.size(), 3);
    actions.at(1)->trigger();
    QCOMPARE(look->scheme(), StudioPalette::Scheme::Light);
    actions.at(2)->trigger();
    QCOMPARE(look->scheme(), StudioPalette::Scheme::Dark);
    QVERIFY(actions.at(2)->isChecked());
    look->setScheme(StudioPalette::Scheme::FollowDesktop);
    QVERIFY(actions.at(0)->isChecked());
}

void PresenterTest::imageViewEnlargesNearestNeighbour()
{
    const QImage source = pattern28();
    ImageView view;
    view.resize(28 * 5 + 12 + 3, 28 * 5 + 12 + 7); // room for 5× (margins of 6), a little more
    view.setImage(source);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QImage shown = view.displayedImage();
    QCOMPARE(shown.size(), QSize(28 * 5, 28 * 5) * view.devicePixelRatioF());
    const int f = shown.width() / 28;
    for (int y = 0; y < shown.height(); ++y)
        for (int x = 0; x < shown.width(); ++x)
            QCOMPARE(qGray(shown.pixel(x, y)), int(source.constScanLine(y / f)[x / f]));
    // What reaches the screen: the same pixels, at the rect the view reports.
    const QImage grabbed = view.grab().toImage();
    const QRect r = view.imageRect();
    QCOMPARE(r.size(), QSize(28 * 5, 28 * 5));
    const qreal ratio = grabbed.devicePixelRatio();
    for (int y = 0; y < 28 * 5; y += 3)
        for (int x = 0; x < 28 * 5; x += 3)
            QCOMPARE(qGray(grabbed.pixel(int((r.left() + x) * ratio), int((r.top() + y) * ratio))),
                     int(source.constScanLine(y / 5)[x / 5]));
    // HiDPI: the rule works in device pixels — a 2× screen's 300 pixels hold
    // a 10× enlargement, whole squares, never a smoothed 10.7×.
    const QImage device = ImageView::fitToDevicePixels(source, QSize(300, 320));
    QCOMPARE(device.size(), QSize(280, 280));
    for (int y = 0; y < 280; y += 7)
        for (int x = 0; x < 280; x += 7)
            QCOMPARE(qGray(device.pixel(x, y)), int(source.constScanLine(y / 10)[x / 10]));
    // Less than twice the room: shown 1:1, never unevenly repeated rows.
    const QImage small = ImageView::fitToDevicePixels(source, QSize(45, 45));
    QCOMPARE(small.size(), source.size());
    QCOMPARE(small, source);
}

void PresenterTest::keysDriveTraining()
{
    if (!haveFashionMnist())
        QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    auto window = makeWindow();
    TrainingPanel *panel = window->trainingPanel();
    QVERIFY(panel->selectModel(QStringLiteral("vae")));
    QVERIFY(panel->selectDataset(QStringLiteral("fashion-mnist")));
    panel->setTotalSteps(100000);
    panel->setImageLimit(256);
    if (auto *batch = qobject_cast<QSpinBox *>(panel->parameterForm()->editor(QStringLiteral("batch_size"))))
        batch->setValue(16);
    TrainingController *controller = window->trainingController();
    connect(controller, &TrainingController::runStarted, this,
            [controller] { controller->setStepDelay(20); });

    // A spin box keeps Space (and →) for itself.
    auto *steps = qobject_cast<QSpinBox *>(named(window.get(), QStringLiteral("stepsSpin")));
    steps->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(steps));
    QTest::keyClick(steps, Qt::Key_Space);
    QTest::keyClick(steps, Qt::Key_Right);
    QCOMPARE(controller->state(), TrainingController::State::NoSession);
    QVERIFY(PresenterKeys::widgetKeepsKey(steps, Qt::Key_Space, true));
    QVERIFY(PresenterKeys::widgetKeepsKey(panel->findChild<QLineEdit *>(), Qt::Key_Right, false));
    auto *button = named(window.get(), QStringLiteral("resetParametersButton"));
    QVERIFY(PresenterKeys::widgetKeepsKey(button, Qt::Key_Space, false));
    QVERIFY(!PresenterKeys::widgetKeepsKey(button, Qt::Key_Space, true));

    // Nothing focused: Space trains (idle, no session) …
    steps->clearFocus();
    QTRY_VERIFY(QApplication::focusWidget() == nullptr);
    QTest::keyClick(window.get(), Qt::Key_Space);
    QTRY_COMPARE_WITH_TIMEOUT(controller->state(), TrainingController::State::Running, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(controller->step() >= 2, kTimeoutMs);
    // … pauses …
    QTest::keyClick(window.get(), Qt::Key_Space);
    QTRY_COMPARE_WITH_TIMEOUT(controller->state(), TrainingController::State::Paused, kTimeoutMs);
    QTest::qWait(300); // the last step's statistics arrive
    const long paused = controller->step();
    QTest::qWait(300);
    QCOMPARE(controller->step(), paused); // really paused
    // … → steps exactly once per press (the first press also brings the
    // step count up to date: the loop reports every few steps, not at a pause) …
    QTest::keyClick(window.get(), Qt::Key_Right);
    QTRY_VERIFY_WITH_TIMEOUT(controller->step() > paused, kTimeoutMs);
    const long first = controller->step();
    QTest::keyClick(window.get(), Qt::Key_Right);
    QTRY_COMPARE_WITH_TIMEOUT(controller->step(), first + 1, kTimeoutMs);
    QTest::keyClick(window.get(), Qt::Key_Right);
    QTRY_COMPARE_WITH_TIMEOUT(controller->step(), first + 2, kTimeoutMs);
    QTest::qWait(300);
    QCOMPARE(controller->step(), first + 2);
    QCOMPARE(controller->state(), TrainingController::State::Paused);
    // … and Space resumes.
    QTest::keyClick(window.get(), Qt::Key_Space);
    QTRY_COMPARE_WITH_TIMEOUT(controller->state(), TrainingController::State::Running, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(controller->step() > first + 3, kTimeoutMs);
    // → while running pauses (the next → steps).
    QTest::keyClick(window.get(), Qt::Key_Right);
    QTRY_COMPARE_WITH_TIMEOUT(controller->state(), TrainingController::State::Paused, kTimeoutMs);
    window->stopTraining();
    QTRY_COMPARE_WITH_TIMEOUT(controller->state(), TrainingController::State::Ready, kTimeoutMs);
}

void PresenterTest::recordingHasTheFramesAskedFor()
{
    auto window = makeWindow();
    QTemporaryDir dir;
    ViewRecording *recording = window->viewRecording();
    QLabel *indicator = recording->indicator();
    QVERIFY(indicator->isHidden());
    QSignalSpy finished(recording->recorder(), &ViewRecorder::finished);

    // 2 s of the current tab at 10 fps: 20 frames.
    const QString gif = dir.filePath(QStringLiteral("training.gif"));
    QString error;
    QVERIFY2(recording->start(false, 10, 2, gif, &error), qPrintable(error));
    QVERIFY(recording->stopAction()->isEnabled());
    QTRY_VERIFY(indicator->isVisible());
    QVERIFY2(indicator->text().contains(QStringLiteral("REC")), qPrintable(indicator->text()));
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(2).toString()));
    QCOMPARE(gs::count_animation_frames(QFile::encodeName(gif).toStdString()), 20);
    QCOMPARE(recording->recorder()->frameCount(), 20);
    QVERIFY(!recording->stopAction()->isEnabled());
    QTRY_VERIFY(indicator->isHidden());
    // The frames are the tab, at its size.
    QImage first(gif);
    QCOMPARE(first.size(), window->views()->currentWidget()->size());

    // The whole window, 1 s at 5 fps, as MP4.
    const QString mp4 = dir.filePath(QStringLiteral("window.mp4"));
    finished.clear();
    QVERIFY2(recording->start(true, 5, 1, mp4, &error), qPrintable(error));
    QVERIFY(finished.wait(30000));
    const QString message = finished.first().at(2).toString();
    if (!finished.first().at(1).toBool() && message.contains(QStringLiteral("MP4 encoder")))
        QSKIP("OpenCV has no MP4 encoder here");
    QVERIFY2(finished.first().at(1).toBool(), qPrintable(message));
    QCOMPARE(gs::count_animation_frames(QFile::encodeName(mp4).toStdString()), 5);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 2); // no partial files
}

void PresenterTest::recordingStoppedByHandEndsCleanly()
{
    auto window = makeWindow();
    QTemporaryDir dir;
    ViewRecording *recording = window->viewRecording();
    QSignalSpy finished(recording->recorder(), &ViewRecorder::finished);
    const QString gif = dir.filePath(QStringLiteral("until-stopped.gif"));
    QString error;
    QElapsedTimer clock;
    clock.start();
    QVERIFY2(recording->start(false, 8, 0, gif, &error), qPrintable(error));
    // Switching tabs while recording: the recorded tab keeps being recorded.
    window->views()->setCurrentIndex(1);
    QTest::qWait(1500);
    recording->stopAction()->trigger();
    const double seconds = clock.elapsed() / 1000.0;
    QVERIFY(!recording->recorder()->isRecording());
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(2).toString()));
    const int frames = gs::count_animation_frames(QFile::encodeName(gif).toStdString());
    QCOMPARE(frames, recording->recorder()->frameCount());
    QVERIFY2(std::abs(frames - seconds * 8) <= 3,
             qPrintable(QStringLiteral("%1 frames in %2 s").arg(frames).arg(seconds)));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("until-stopped.gif")});
    QTRY_VERIFY(recording->indicator()->isHidden());
}

void PresenterTest::recordingRefusesBadRequests()
{
    auto window = makeWindow();
    QTemporaryDir dir;
    ViewRecording *recording = window->viewRecording();
    QString error;
    QVERIFY(!recording->start(false, 10, 1, dir.filePath(QStringLiteral("a.avi")), &error));
    QVERIFY2(error.contains(QStringLiteral(".gif or .mp4")), qPrintable(error));
    QVERIFY(!recording->start(false, 99, 1, dir.filePath(QStringLiteral("a.gif")), &error));
    QVERIFY2(error.contains(QStringLiteral("frames per second")), qPrintable(error));
    QVERIFY(!recording->start(false, 10, 1, dir.filePath(QStringLiteral("missing/a.gif")), &error));
    QVERIFY2(error.contains(QStringLiteral("does not exist")), qPrintable(error));
    QVERIFY(recording->start(false, 10, 0, dir.filePath(QStringLiteral("a.gif")), &error));
    QVERIFY(!recording->start(false, 10, 0, dir.filePath(QStringLiteral("b.gif")), &error));
    QVERIFY2(error.contains(QStringLiteral("still running")), qPrintable(error));
    QSignalSpy finished(recording->recorder(), &ViewRecorder::finished);
    recording->stop();
    QVERIFY(finished.wait(30000));
    QVERIFY(finished.first().at(1).toBool());
}

GS_GUI_TEST_MAIN(PresenterTest)
#include "test_presenter_gui.moc"
