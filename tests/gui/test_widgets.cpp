// test_widgets.cpp — the studio's widgets on their own (offscreen): the generic
// parameter form, the log-scale spin box, gs::Image → QImage, the loss plot
// (series, smoothing, gaps, log-scale fallback, follow), the image view's
// nearest-neighbour scaling and the About text.
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QWheelEvent>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>

#include <cmath>
#include <thread>

#include <qcustomplot.h>

#include "shell/aboutdialog.h"
#include "core/common/runtime_info.h"
#include "core/model/model_catalog.h"
#include "core/model/model_defaults.h"
#include "gui_test_main.h"
#include "support/imageconvert.h"
#include "widgets/imageview.h"
#include "widgets/logspinbox.h"
#include "training/losscsv.h"
#include "training/losspanel.h"
#include "training/trainingpanel.h"
#include "widgets/parameterform.h"

class WidgetsTest : public QObject
{
    Q_OBJECT

private slots:
    void parameterFormBuildsOneEditorPerSpec_data();
    void parameterFormBuildsOneEditorPerSpec();
    void parameterFormRoundTripsValues();
    void parameterFormLocksAllButLiveKeys();
    void logSpinBoxSteps_data();
    void logSpinBoxSteps();
    void logSpinBoxText();
    void imageConversion();
    void imageViewScalesWithTheWidget();
    void lossPanelSeriesAndSmoothing();
    void lossPanelGapsAndLogFallback();
    void lossPanelHoverAndLegendClick();
    void aboutShowsVersions();
    void trainingPanelDefaultsFollowTheData();
};

void WidgetsTest::parameterFormBuildsOneEditorPerSpec_data()
{
    QTest::addColumn<QString>("modelId");
    for (const gs::ModelInfo &info : gs::model_catalog())
        QTest::newRow(info.id.c_str()) << QString::fromStdString(info.id);
}

void WidgetsTest::parameterFormBuildsOneEditorPerSpec()
{
    QFETCH(QString, modelId);
    const gs::ModelInfo &info = gs::require_model(modelId.toStdString());
    ParameterForm form;
    form.setSpecs(info.params);
    QCOMPARE(form.editorCount(), int(info.params.size()));
    for (const gs::ParamSpec &spec : info.params) {
        const QString key = QString::fromStdString(spec.key);
        QWidget *editor = form.findChild<QWidget *>(QStringLiteral("param_") + key);
        QVERIFY2(editor, qPrintable(key));
        QCOMPARE(editor, form.editor(key));
        QVERIFY2(editor->toolTip().contains(QString::fromStdString(spec.help).toHtmlEscaped()),
                 qPrintable(key));
        switch (spec.type) {
        case gs::ParamSpec::Type::Int:
            QVERIFY(qobject_cast<QSpinBox *>(editor));
            QCOMPARE(qobject_cast<QSpinBox *>(editor)->minimum(), int(spec.min));
            QCOMPARE(qobject_cast<QSpinBox *>(editor)->maximum(), int(spec.max));
            break;
        case gs::ParamSpec::Type::Float:
            QVERIFY(qobject_cast<QDoubleSpinBox *>(editor));
            QCOMPARE(bool(qobject_cast<LogSpinBox *>(editor)), spec.log_scale && spec.min > 0);
            break;
        case gs::ParamSpec::Type::Choice:
            QVERIFY(qobject_cast<QComboBox *>(editor));
            QCOMPARE(qobject_cast<QComboBox *>(editor)->count(), int(spec.choices.size()));
            break;
        case gs::ParamSpec::Type::Bool:
            QVERIFY(qobject_cast<QCheckBox *>(editor));
            break;
        }
    }
    // The defaults shown are the core's defaults, in a form the core accepts.
    QCOMPARE(gs::resolve_params(info.params, form.values()), gs::resolve_params(info.params, {}));
}

void WidgetsTest::parameterFormRoundTripsValues()
{
    const std::vector<gs::ParamSpec> specs = {
        gs::ParamSpec::integer("n", "N", 5, 1, 10, "An integer."),
        gs::ParamSpec::real("beta", "Beta", 1.0, 0.0, 100.0, "A linear float."),
        gs::ParamSpec::real("lr", "Learning rate", 1e-3, 1e-6, 1.0, "A log float.", true),
        gs::ParamSpec::choice("mode", "Mode", "a", {"a", "b"}, "A choice."),
        gs::ParamSpec::boolean("flag", "Flag", false, "A switch."),
    };
    ParameterForm form;
    form.setSpecs(specs);
    QSignalSpy edited(&form, &ParameterForm::valueEdited);
    const gs::ParamValues values = {{"n", "7"},    {"beta", "2.5"},  {"lr", "0.0003"},
                                    {"mode", "b"}, {"flag", "true"}, {"unknown", "1"}};
    form.setValues(values);
    gs::ParamValues expected = values;
    expected.erase("unknown");
    QCOMPARE(form.values(), expected);
    QVERIFY(edited.count() >= 5);

    // Out-of-range and unparsable text never reaches the form's values.
    form.setValues({{"n", "99"}, {"beta", "abc"}, {"mode", "zzz"}, {"flag", "maybe"}});
    QCOMPARE(form.values().at("n"), std::string("10")); // clamped to the maximum
    QCOMPARE(form.values().at("beta"), std::string("2.5"));
    QCOMPARE(form.values().at("mode"), std::string("b"));
    QCOMPARE(form.values().at("flag"), std::string("true"));
    QCOMPARE(gs::resolve_params(specs, form.values()).size(), specs.size());

    form.resetToDefaults();
    QCOMPARE(gs::resolve_params(specs, form.values()), gs::resolve_params(specs, {}));
}

void WidgetsTest::parameterFormLocksAllButLiveKeys()
{
    ParameterForm form;
    form.setSpecs(gs::require_model("vae").params);
    form.setLiveKeys({QStringLiteral("lr")});
    form.setTrainingActive(true);
    QVERIFY(form.editor(QStringLiteral("lr"))->isEnabled());
    QVERIFY(!form.editor(QStringLiteral("batch_size"))->isEnabled());
    form.setTrainingActive(false);
    QVERIFY(form.editor(QStringLiteral("batch_size"))->isEnabled());
}

void WidgetsTest::logSpinBoxSteps_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("steps");
    QTest::addColumn<double>("expected");
    QTest::newRow("1e-3 up") << 1e-3 << 1 << 2e-3;
    QTest::newRow("2e-3 up") << 2e-3 << 1 << 5e-3;
    QTest::newRow("5e-3 up") << 5e-3 << 1 << 1e-2;
    QTest::newRow("3e-4 up") << 3e-4 << 1 << 5e-4;
    QTest::newRow("3e-4 down") << 3e-4 << -1 << 2e-4;
    QTest::newRow("1e-3 down") << 1e-3 << -1 << 5e-4;
    QTest::newRow("1e-3 up 3") << 1e-3 << 3 << 1e-2;
    QTest::newRow("1e-2 down 3") << 1e-2 << -3 << 1e-3;
}

void WidgetsTest::logSpinBoxSteps()
{
    QFETCH(double, value);
    QFETCH(int, steps);
    QFETCH(double, expected);
    QVERIFY(std::abs(LogSpinBox::stepValue(value, steps) / expected - 1) < 1e-9);
}

void WidgetsTest::logSpinBoxText()
{
    LogSpinBox box;
    box.setLogRange(1e-6, 1.0);
    box.setValue(3e-4);
    QCOMPARE(box.text(), QStringLiteral("0.0003"));
    box.setValue(1e-5);
    QCOMPARE(box.text(), QStringLiteral("1e-05"));
    QString text = QStringLiteral("2.5e-4");
    int pos = 0;
    QCOMPARE(box.validate(text, pos), QValidator::Acceptable);
    QCOMPARE(box.valueFromText(text), 2.5e-4);
    text = QStringLiteral("abc");
    QCOMPARE(box.validate(text, pos), QValidator::Invalid);
    text = QStringLiteral("5"); // above the maximum
    QCOMPARE(box.validate(text, pos), QValidator::Intermediate);
    box.stepBy(1);
    QCOMPARE(box.value(), 2e-5);
    box.setValue(1.0);
    box.stepBy(1); // clamped at the maximum
    QCOMPARE(box.value(), 1.0);
}

void WidgetsTest::imageConversion()
{
    gs::Image gray;
    gray.width = 3;
    gray.height = 2;
    gray.channels = 1;
    gray.pixels = {0, 10, 20, 30, 40, 255};
    const QImage g = toQImage(gray);
    QCOMPARE(g.format(), QImage::Format_Grayscale8);
    QCOMPARE(g.size(), QSize(3, 2));
    QCOMPARE(qGray(g.pixel(2, 1)), 255);
    QCOMPARE(qGray(g.pixel(1, 0)), 10);

    gs::Image rgb;
    rgb.width = 2;
    rgb.height = 1;
    rgb.channels = 3;
    rgb.pixels = {255, 0, 0, 0, 0, 255};
    const QImage c = toQImage(rgb);
    QCOMPARE(c.pixel(0, 0), qRgb(255, 0, 0));
    QCOMPARE(c.pixel(1, 0), qRgb(0, 0, 255));

    gs::Image broken = rgb;
    broken.pixels.pop_back();
    QVERIFY(toQImage(broken).isNull());
    QVERIFY(toQImage(gs::Image()).isNull());
}

void WidgetsTest::imageViewScalesWithTheWidget()
{
    ImageView view;
    QImage image(30, 20, QImage::Format_Grayscale8);
    image.fill(128);
    view.setImage(image);
    // 6 px margins. 1.5× shows the image 1:1.
    view.resize(57, 200);
    QCOMPARE(view.imageRect().size(), QSize(30, 20));
    // Whole factors only (equal squares of screen pixels): 3.1× → 3×, 3.33× → 3×.
    view.resize(105, 400);
    QCOMPARE(view.imageRect().size(), QSize(90, 60));
    view.resize(112, 400);
    QCOMPARE(view.imageRect().size(), QSize(90, 60));
    QVERIFY(view.rect().contains(view.imageRect()));
    view.resize(24, 400); // smaller than the image: shrinks, keeps the aspect
    QCOMPARE(view.imageRect().width(), 12);
    view.clear();
    QVERIFY(view.imageRect().isEmpty());
}

void WidgetsTest::lossPanelSeriesAndSmoothing()
{
    LossPanel panel;
    panel.setSeries({QStringLiteral("loss"), QStringLiteral("recon"), QStringLiteral("kl")});
    QCOMPARE(panel.plot()->graphCount(), 6);
    panel.setSmoothing(0.0);
    std::vector<LossPoint> points;
    for (long step = 10; step <= 100; step += 10)
        points.push_back({step, {300.0 - step, 280.0 - step, 20.0}});
    panel.appendPoints(points);
    QCOMPARE(panel.pointCount(), 10);
    QCOMPARE(panel.lastStep(), 100.0);
    // Without smoothing the bold curve is the data itself.
    QCOMPARE(panel.plot()->graph(1)->data()->at(0)->value, 290.0);
    QVERIFY(!panel.plot()->graph(0)->visible()); // no faint raw trace needed
    // Smoothing is debiased: a constant series stays constant.
    panel.setSmoothing(0.9);
    QCOMPARE(panel.plot()->graph(5)->data()->at(0)->value, 20.0);
    QVERIFY(std::abs(panel.plot()->graph(5)->data()->at(9)->value - 20.0) < 1e-9);
    QVERIFY(panel.plot()->graph(4)->visible());
    // Follow keeps every step in view.
    QVERIFY(panel.follow());
    QVERIFY(panel.plot()->xAxis->range().contains(10.0));
    QVERIFY(panel.plot()->xAxis->range().contains(100.0));
    // Older steps (a stale interval) are ignored.
    panel.appendPoints({{50, {1.0, 1.0, 1.0}}});
    QCOMPARE(panel.pointCount(), 10);
    panel.clear();
    QCOMPARE(panel.pointCount(), 0);
    QCOMPARE(panel.plot()->graph(1)->data()->size(), 0);
}

void WidgetsTest::lossPanelGapsAndLogFallback()
{
    LossPanel panel;
    panel.setSeries({QStringLiteral("loss"), QStringLiteral("d")});
    panel.setLogScale(true);
    QSignalSpy notice(&panel, &LossPanel::notice);
    panel.appendPoints({{10, {5.0, 1.0}}, {20, {qQNaN(), 2.0}}, {30, {4.0, 3.0}}});
    QVERIFY(std::isnan(panel.plot()->graph(1)->data()->at(1)->value)); // a gap
    QVERIFY(panel.plot()->graph(1)->data()->at(2)->value > 0);
    QVERIFY(panel.logScale());
    QCOMPARE(notice.count(), 0);
    panel.appendPoints({{40, {3.0, -1.0}}}); // e.g. a discriminator loss
    QVERIFY(!panel.logScale());
    QCOMPARE(notice.count(), 1);
    QCOMPARE(panel.plot()->yAxis->scaleType(), QCPAxis::stLinear);
}

void WidgetsTest::lossPanelHoverAndLegendClick()
{
    LossPanel panel;
    panel.resize(800, 400);
    panel.setSeries({QStringLiteral("loss"), QStringLiteral("kl")});
    std::vector<LossPoint> points;
    for (long step = 10; step <= 1000; step += 10)
        points.push_back({step, {1000.0 / step, 5.0}});
    panel.appendPoints(points);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QCustomPlot *plot = panel.plot();
    plot->replot();
    auto *readout = panel.findChild<QLabel *>(QStringLiteral("lossReadout"));
    QVERIFY(readout->text().contains(QStringLiteral("step 1000")));

    // Hovering reads the values at the step under the mouse.
    const int x = int(plot->xAxis->coordToPixel(500));
    const int y = plot->axisRect()->center().y();
    QTest::mouseMove(plot, QPoint(x, y));
    QTRY_VERIFY(readout->text().contains(QStringLiteral("step 500")));

    // Clicking a legend entry hides that curve (and its raw trace).
    QCPAbstractLegendItem *item = plot->legend->item(0);
    QVERIFY(item);
    QTest::mouseClick(plot, Qt::LeftButton, {}, item->outerRect().center());
    QTRY_VERIFY(!plot->graph(1)->visible());
    QVERIFY(!plot->graph(0)->visible());
    QTest::mouseClick(plot, Qt::LeftButton, {}, item->outerRect().center());
    QTRY_VERIFY(plot->graph(1)->visible());

    // Zooming with the wheel stops following; a double click follows again.
    QVERIFY(panel.follow());
    QWheelEvent wheel(QPointF(x, y), plot->mapToGlobal(QPointF(x, y)), QPoint(), QPoint(0, 120),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(plot, &wheel);
    QVERIFY(!panel.follow());
    QTest::mouseDClick(plot, Qt::LeftButton, {}, QPoint(x, y));
    QVERIFY(panel.follow());

    // The CSV holds every logged step with the raw values.
    const QList<QByteArray> lines = panel.toCsv().trimmed().split('\n');
    QCOMPARE(lines.size(), 101);
    QCOMPARE(lines.first(), QByteArray("step,loss,kl"));
    QCOMPARE(lines.at(1), QByteArray("10,100,5"));

    // Gaps and infinities keep their row and column; a short point is padded.
    const QByteArray odd = lossPointsToCsv({QStringLiteral("g"), QStringLiteral("d")},
                                           {{7, {qQNaN(), qInf()}}, {8, {-qInf()}}, {9, {0.125, 3e-12}}});
    QCOMPARE(odd, QByteArray("step,g,d\n7,nan,inf\n8,-inf,nan\n9,0.125,3e-12\n"));
}

// The training panel shows the defaults of the chosen data's kind (the GAN's
// point defaults on a 2-D set, its image defaults on Fashion-MNIST), keeps what
// the person changed across the switch, and its session config carries them.
void WidgetsTest::trainingPanelDefaultsFollowTheData()
{
    TrainingPanel panel;
    QVERIFY(panel.selectModel(QStringLiteral("gan")));
    const gs::ModelInfo *gan = gs::find_model("gan");
    QVERIFY(gan);
    const gs::ParamValues points = gs::kind_overrides(*gan, gs::DataKind::Points);
    QVERIFY(points.count("latent_dim") && points.count("lr_g"));
    auto specDefault = [&](gs::DataKind kind, const std::string &key) {
        for (const gs::ParamSpec &spec : gs::params_for(*gan, kind))
            if (spec.key == key)
                return spec.default_value;
        return std::string();
    };
    QVERIFY(specDefault(gs::DataKind::Gray, "latent_dim") != points.at("latent_dim"));

    QVERIFY(panel.selectDataset(QStringLiteral("ring8")));
    gs::SessionConfig config = panel.sessionConfig();
    QCOMPARE(config.params.at("latent_dim"), points.at("latent_dim"));
    QCOMPARE(std::stod(config.params.at("lr_g")), std::stod(points.at("lr_g")));

    // An edit survives the switch to images; the untouched values take the image defaults.
    gs::ParamValues edit{{"lr_d", "0.0005"}};
    panel.parameterForm()->setValues(edit);
    QVERIFY(panel.selectDataset(QStringLiteral("fashion-mnist")));
    config = panel.sessionConfig();
    QCOMPARE(config.params.at("latent_dim"), specDefault(gs::DataKind::Gray, "latent_dim"));
    QCOMPARE(std::stod(config.params.at("lr_d")), 0.0005);
    QVERIFY(panel.selectDataset(QStringLiteral("moons")));
    QCOMPARE(panel.sessionConfig().params.at("latent_dim"), points.at("latent_dim"));
    QCOMPARE(std::stod(panel.sessionConfig().params.at("lr_d")), 0.0005);
}

void WidgetsTest::aboutShowsVersions()
{
    // What the dialog shows (its Designer form filled in), not the function behind it.
    AboutDialog dialog;
    auto *shown = dialog.findChild<QPlainTextEdit *>(QStringLiteral("aboutText"));
    QVERIFY(shown);
    const QString text = shown->toPlainText();
    QVERIFY(text.contains(QStringLiteral("GenStudio ") + QStringLiteral(GENSTUDIO_VERSION)));
    QVERIFY(text.contains(QString::fromLatin1(qVersion())));
    QVERIFY(text.contains(QString::fromStdString(gs::format_runtime_info(gs::runtime_info()))));

    // Against facts found without the core's runtime_info(): the title shows
    // the version, the thread line the machine's hardware threads, the CPU
    // line the features this CPU reports to the compiler's own probe.
    auto *title = dialog.findChild<QLabel *>(QStringLiteral("title"));
    QVERIFY(title);
    QVERIFY2(title->text().contains(QStringLiteral(GENSTUDIO_VERSION)), qPrintable(title->text()));
    QVERIFY(!title->text().contains(QStringLiteral("%1")));
    const QRegularExpression threads(QStringLiteral("^Threads: +\\d+ intra-op, \\d+ inter-op, (\\d+) "
                                                    "hardware$"),
                                     QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = threads.match(text);
    QVERIFY2(match.hasMatch(), qPrintable(text));
    QCOMPARE(match.captured(1).toUInt(), std::thread::hardware_concurrency());
    const QRegularExpression cpu(QStringLiteral("^CPU features: +(.*)$"),
                                 QRegularExpression::MultilineOption);
    const QStringList features
        = cpu.match(text).captured(1).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QCOMPARE(features.contains(QStringLiteral("avx2")), bool(__builtin_cpu_supports("avx2")));
    QCOMPARE(features.contains(QStringLiteral("avx512f")), bool(__builtin_cpu_supports("avx512f")));
    const QRegularExpression torch(QStringLiteral("^LibTorch: +(\\d+\\.\\d+\\S*)$"),
                                   QRegularExpression::MultilineOption);
    QVERIFY2(torch.match(text).hasMatch(), qPrintable(text));
}

GS_GUI_TEST_MAIN(WidgetsTest)
#include "test_widgets.moc"
