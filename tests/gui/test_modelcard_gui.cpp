// test_modelcard_gui.cpp — the "Model" side pane (modelcard/): every
// registered family has an explanation card with its four sections; the pane
// follows the Training dock's model picker and parameters (the overview graph
// is rebuilt, a changed latent size changes a shape); clicking a box lists
// that network's layers and parameter counts; the card lists every
// parameter's help; and after a few training steps the live loss values
// appear on the loss edges.
#include <QDockWidget>
#include <QFileInfo>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTextDocument>
#include <QTextBrowser>
#include <QTreeWidget>

#include <cmath>
#include <memory>

#include "core/model/model_catalog.h"
#include "gui_test_main.h"
#include "modelcard/modelcard.h"
#include "modelcard/modelcardpane.h"
#include "modelcard/modelgraphview.h"
#include "shell/mainwindow.h"
#include "training/trainingpanel.h"
#include "widgets/parameterform.h"

namespace {

const QString kFashionMnist = QStringLiteral("/usr/share/datasets/fashion-mnist");
constexpr int kTimeoutMs = 60000;

bool haveFashionMnist()
{
    return QFileInfo::exists(kFashionMnist + QStringLiteral("/train-images-idx3-ubyte.gz"))
        || QFileInfo::exists(kFashionMnist + QStringLiteral("/train-images-idx3-ubyte"));
}

} // namespace

class ModelCardTest : public QObject
{
    Q_OBJECT

private slots:
    void everyFamilyHasACard();
    void paneFollowsTheModelPicker();
    void boxClickListsTheLayers();
    void liveLossesOnTheEdges();

private:
    std::unique_ptr<MainWindow> makeWindow(ModelCardPane **pane);
};

std::unique_ptr<MainWindow> ModelCardTest::makeWindow(ModelCardPane **pane)
{
    auto window = std::make_unique<MainWindow>();
    window->setConfirmDiscard(false);
    window->resize(1400, 900);
    QDockWidget *dock = window->sidePaneDock(QStringLiteral("modelCard"));
    *pane = dock ? qobject_cast<ModelCardPane *>(dock->widget()) : nullptr;
    if (dock)
        dock->show();
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        qWarning("window not exposed");
    return window;
}

void ModelCardTest::everyFamilyHasACard()
{
    for (const gs::ModelInfo &info : gs::registered_models()) {
        const QString id = QString::fromStdString(info.id);
        const QString card = modelcard::cardText(id);
        QVERIFY2(!card.isEmpty(), qPrintable(QStringLiteral("no resources/cards/%1.md").arg(id)));
        QVERIFY2(card.startsWith(QStringLiteral("# ")), qPrintable(id));
        int at = 0;
        for (const QString &section : modelcard::requiredSections()) {
            const int next = card.indexOf(QStringLiteral("\n## ") + section + QLatin1Char('\n'), at);
            QVERIFY2(next > 0, qPrintable(id + QStringLiteral(": ") + section));
            at = next + 1;
        }
        // Every loss the family reports is named in its card.
        for (const auto &loss : info.loss_names)
            QVERIFY2(card.contains(QString::fromStdString(loss)), qPrintable(id + QStringLiteral(": ") + QString::fromStdString(loss)));
        // The whole card lists every parameter with its help text.
        QTextDocument doc;
        doc.setMarkdown(modelcard::cardMarkdown(info));
        const QString plain = doc.toPlainText().simplified();
        for (const auto &spec : info.params)
            QVERIFY2(plain.contains(QString::fromStdString(spec.help).simplified()),
                     qPrintable(id + QStringLiteral(".") + QString::fromStdString(spec.key)));
    }
}

void ModelCardTest::paneFollowsTheModelPicker()
{
    if (!haveFashionMnist())
        QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    ModelCardPane *pane = nullptr;
    auto window = makeWindow(&pane);
    QVERIFY(pane);
    TrainingPanel *panel = window->trainingPanel();
    QTRY_VERIFY_WITH_TIMEOUT(!pane->isDescribing() && pane->modelId() == panel->modelId()
                                 && !pane->graphView()->graph().nodes.empty(),
                             kTimeoutMs);

    QVERIFY(panel->selectModel(QStringLiteral("ae")));
    QTRY_VERIFY_WITH_TIMEOUT(!pane->isDescribing() && pane->graphView()->graph().model_id == "ae", kTimeoutMs);
    QCOMPARE(pane->modelId(), QStringLiteral("ae"));
    QVERIFY(pane->cardBrowser()->toPlainText().contains(QStringLiteral("bottleneck")));
    // The tooltip on hover in the form carries the same help as the card.
    const gs::ModelInfo &ae = gs::require_model("ae");
    for (const auto &spec : ae.params) {
        QWidget *editor = panel->parameterForm()->editor(QString::fromStdString(spec.key));
        QVERIFY(editor);
        QVERIFY(editor->toolTip().contains(QString::fromStdString(spec.help).toHtmlEscaped()));
        QVERIFY(pane->cardBrowser()->toPlainText().simplified().contains(QString::fromStdString(spec.help).simplified()));
    }

    QVERIFY(panel->selectModel(QStringLiteral("vae")));
    QTRY_VERIFY_WITH_TIMEOUT(!pane->isDescribing() && pane->graphView()->graph().model_id == "vae", kTimeoutMs);
    auto *latent = qobject_cast<QSpinBox *>(panel->parameterForm()->editor(QStringLiteral("latent_dim")));
    QVERIFY(latent);
    latent->setValue(5);
    QTRY_VERIFY_WITH_TIMEOUT(!pane->isDescribing() && pane->graphView()->graph().find("z")
                                 && pane->graphView()->graph().find("z")->output_dims == std::vector<int64_t>{5},
                             kTimeoutMs);
    QCOMPARE(QString::fromStdString(pane->graphView()->graph().find("decoder")->input_shape), QStringLiteral("5"));
    latent->setValue(9);
    QTRY_VERIFY_WITH_TIMEOUT(!pane->isDescribing()
                                 && pane->graphView()->graph().find("z")->output_dims == std::vector<int64_t>{9},
                             kTimeoutMs);

    // The translation family on its two-domain data: four networks.
    QVERIFY(panel->selectModel(QStringLiteral("cyclegan")));
    // On one-domain data it says why there is no graph; on its two-domain data it draws one.
    QTRY_VERIFY_WITH_TIMEOUT(!pane->isDescribing() && pane->modelId() == QStringLiteral("cyclegan"), kTimeoutMs);
    QVERIFY(pane->graphView()->graph().nodes.empty());
    QVERIFY(panel->selectDataset(QStringLiteral("edges2fashion")));
    QTRY_VERIFY_WITH_TIMEOUT(!pane->isDescribing() && pane->graphView()->graph().model_id == "cyclegan", kTimeoutMs);
    QCOMPARE(pane->graphView()->graph().networks().size(), size_t(4));
}

void ModelCardTest::boxClickListsTheLayers()
{
    if (!haveFashionMnist())
        QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    ModelCardPane *pane = nullptr;
    auto window = makeWindow(&pane);
    QVERIFY(window->trainingPanel()->selectModel(QStringLiteral("gan")));
    QTRY_VERIFY_WITH_TIMEOUT(!pane->isDescribing() && pane->graphView()->graph().model_id == "gan", kTimeoutMs);
    const gs::GraphNode *d = pane->graphView()->graph().find("D");
    QVERIFY(d);
    const QRect box = pane->graphView()->nodeRect(QStringLiteral("D"));
    QVERIFY(!box.isEmpty());
    QSignalSpy clicked(pane->graphView(), &ModelGraphView::nodeClicked);
    QTest::mouseClick(pane->graphView(), Qt::LeftButton, {}, box.center());
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.first().first().toString(), QStringLiteral("D"));
    QTreeWidget *layers = pane->layersTree();
    QCOMPARE(layers->topLevelItemCount(), int(d->layers.size()) + 1); // the layers and their total
    bool linear = false;
    for (int i = 0; i < layers->topLevelItemCount() - 1; ++i)
        linear = linear || layers->topLevelItem(i)->text(1).startsWith(QStringLiteral("Linear"));
    QVERIFY(linear);
    const QString total = layers->topLevelItem(layers->topLevelItemCount() - 1)->text(2);
    QCOMPARE(QLocale().toLongLong(total), qlonglong(d->parameters));

    // Clicking empty space keeps the selection; clicking the generator lists its layers.
    QTest::mouseClick(pane->graphView(), Qt::LeftButton, {}, pane->graphView()->nodeRect(QStringLiteral("G")).center());
    QCOMPARE(pane->graphView()->selectedNode(), QStringLiteral("G"));
    QCOMPARE(layers->topLevelItemCount(), int(pane->graphView()->graph().find("G")->layers.size()) + 1);
}

void ModelCardTest::liveLossesOnTheEdges()
{
    if (!haveFashionMnist())
        QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    ModelCardPane *pane = nullptr;
    auto window = makeWindow(&pane);
    TrainingPanel *panel = window->trainingPanel();
    QVERIFY(panel->selectModel(QStringLiteral("vae")));
    QVERIFY(panel->selectDataset(QStringLiteral("fashion-mnist")));
    panel->setTotalSteps(30);
    panel->setImageLimit(256);
    QTRY_VERIFY_WITH_TIMEOUT(!pane->isDescribing() && pane->graphView()->graph().model_id == "vae", kTimeoutMs);
    QCOMPARE(pane->graphView()->lossEdgeText(QStringLiteral("recon")), QStringLiteral("recon")); // no session yet
    window->startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(pane->graphView()->lossEdgeText(QStringLiteral("recon")).startsWith(QStringLiteral("recon = ")),
                             kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(window->state() == MainWindow::State::Ready, kTimeoutMs);
    for (const QString &loss : {QStringLiteral("recon"), QStringLiteral("kl")}) {
        const QString text = pane->graphView()->lossEdgeText(loss);
        bool ok = false;
        const double value = text.section(QStringLiteral(" = "), 1).toDouble(&ok);
        QVERIFY2(ok && std::isfinite(value) && value > 0, qPrintable(text));
    }
    // Nats per image of Fashion-MNIST after a few steps: hundreds, not thousands.
    const double recon = pane->graphView()->lossEdgeText(QStringLiteral("recon")).section(QStringLiteral(" = "), 1).toDouble();
    QVERIFY2(recon < 700, qPrintable(QString::number(recon)));
}

GS_GUI_TEST_MAIN(ModelCardTest)
#include "test_modelcard_gui.moc"
