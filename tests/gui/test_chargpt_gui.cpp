// test_chargpt_gui.cpp — the studio with a text model on the offscreen
// platform: the dataset combo offers text datasets exactly to text models
// (gated by kind and capability flag), and the Training tab shows the text
// sample from the fixed prompt instead of image grids, with the validation
// bits per character among the held-out curves.
#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTemporaryDir>

#include <qcustomplot.h>

#include "gui_test_main.h"
#include "shell/mainwindow.h"
#include "training/evalseries.h"
#include "training/losspanel.h"
#include "training/trainingcontroller.h"
#include "training/trainingpanel.h"
#include "widgets/imageview.h"
#include "widgets/parameterform.h"

namespace {

// Whether the combo's entry with data `id` is enabled (selectable).
bool entryEnabled(QComboBox *combo, const QString &id)
{
    auto *model = qobject_cast<QStandardItemModel *>(combo->model());
    const int i = combo->findData(id);
    return model && i >= 0 && model->item(i)->isEnabled();
}

void setInt(ParameterForm *form, const QString &key, int value)
{
    auto *spin = qobject_cast<QSpinBox *>(form->editor(key));
    QVERIFY2(spin, qPrintable(key));
    spin->setValue(value);
}

} // namespace

class CharGptGuiTest : public QObject
{
    Q_OBJECT

private slots:
    void datasetComboFollowsTheModel()
    {
        MainWindow window;
        window.setConfirmDiscard(false);
        TrainingPanel *panel = window.trainingPanel();
        auto *combo = panel->findChild<QComboBox *>(QStringLiteral("datasetCombo"));
        QVERIFY(combo);
        QVERIFY(panel->selectModel(QStringLiteral("chargpt")));
        QCOMPARE(panel->datasetId(), QStringLiteral("fortunes")); // the first text dataset
        QVERIFY(entryEnabled(combo, QStringLiteral("text")));
        QVERIFY(!entryEnabled(combo, QStringLiteral("fashion-mnist")));
        QVERIFY(!entryEnabled(combo, QStringLiteral("ring8")));
        QVERIFY(panel->selectModel(QStringLiteral("vae")));
        QCOMPARE(panel->datasetId(), QStringLiteral("fashion-mnist"));
        QVERIFY(!entryEnabled(combo, QStringLiteral("fortunes")));
        QVERIFY(!entryEnabled(combo, QStringLiteral("text")));
        // The text dataset asks for a file or folder, and says so when it is missing.
        QVERIFY(panel->selectModel(QStringLiteral("chargpt")));
        QVERIFY(panel->selectDataset(QStringLiteral("text")));
        panel->findChild<QLineEdit *>(QStringLiteral("folderEdit"))->setText(QStringLiteral("/no/such/file.txt"));
        QVERIFY(panel->validationError().contains(QStringLiteral("does not exist")));
    }

    void trainingViewShowsTheTextSample()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("lines.txt"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            for (int i = 0; i < 400; ++i)
                f.write(QStringLiteral("the %1 cat sat on the %2 mat.\n").arg(i % 7).arg(i % 5).toUtf8());
        }
        MainWindow window;
        window.setConfirmDiscard(false);
        window.resize(1200, 800);
        window.show();
        TrainingPanel *panel = window.trainingPanel();
        QVERIFY(panel->selectModel(QStringLiteral("chargpt")));
        QVERIFY(panel->selectDataset(QStringLiteral("text")));
        panel->findChild<QLineEdit *>(QStringLiteral("folderEdit"))->setText(path);
        setInt(panel->parameterForm(), QStringLiteral("layers"), 1);
        setInt(panel->parameterForm(), QStringLiteral("width"), 32);
        setInt(panel->parameterForm(), QStringLiteral("context"), 32);
        panel->setTotalSteps(40);
        QCOMPARE(panel->validationError(), QString());
        QSignalSpy finished(window.trainingController(), &TrainingController::runFinished);
        QSignalSpy text(window.trainingController(), &TrainingController::textSampleReady);
        window.findChild<QAction *>(QStringLiteral("trainAction"))->trigger();
        QVERIFY(finished.wait(120000));
        QVERIFY(text.count() >= 1);
        auto *view = window.findChild<QPlainTextEdit *>(QStringLiteral("textSampleView"));
        QVERIFY(view);
        QVERIFY(view->isVisible());
        const QString sample = view->toPlainText();
        QVERIFY2(sample.startsWith(QStringLiteral("he ")) && sample.size() > 100, qPrintable(sample));
        QVERIFY(!window.sampleView()->isVisible()); // no image grid for a text model
        QTRY_VERIFY(window.lossPanel()->evalSeries().names().contains(QStringLiteral("val_bits_per_char")));
        // The validation curves keep their names in the legend, marked as held out.
        QStringList legend;
        for (QCPGraph *graph : window.lossPanel()->evalSeries().graphs())
            legend << graph->name();
        QVERIFY2(legend.contains(QStringLiteral("val_bits_per_char (held out)")), qPrintable(legend.join(u',')));
        // The status bar counts text windows, not images.
        const QString rate = window.findChild<QLabel *>(QStringLiteral("throughputLabel"))->text();
        QVERIFY2(rate.endsWith(QStringLiteral(" sequences/s")), qPrintable(rate));
    }
};

GS_GUI_TEST_MAIN(CharGptGuiTest)
#include "test_chargpt_gui.moc"
