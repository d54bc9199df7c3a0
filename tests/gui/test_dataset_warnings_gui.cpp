// test_dataset_warnings_gui — the studio trains on an image folder with 8 good and
// 5 damaged PNGs: it trains on the 8 and its banner names the 5 it skipped (the
// count and the file names), as the CLI does (test_bad_files).
#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTemporaryDir>

#include "gui_test_main.h"
#include "shell/mainwindow.h"
#include "training/trainingpanel.h"
#include "widgets/messagebanner.h"

class DatasetWarningsTest : public QObject
{
    Q_OBJECT

private slots:
    void skippedFilesAreNamedInTheBanner()
    {
        QTemporaryDir dir;
        QImage image(20, 16, QImage::Format_Grayscale8);
        for (int i = 0; i < 8; ++i) {
            image.fill(20 * i);
            QVERIFY(image.save(dir.filePath(QStringLiteral("good%1.png").arg(i))));
        }
        QFile source(dir.filePath(QStringLiteral("good0.png")));
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QByteArray png = source.readAll();
        for (int i = 0; i < 5; ++i) {
            QFile bad(dir.filePath(QStringLiteral("broken%1.png").arg(i)));
            QVERIFY(bad.open(QIODevice::WriteOnly));
            bad.write(png.left(png.size() / (i + 2)));
        }

        MainWindow window;
        window.setConfirmDiscard(false);
        window.show();
        TrainingPanel *panel = window.trainingPanel();
        QVERIFY(panel->selectModel(QStringLiteral("ae")));
        QVERIFY(panel->selectDataset(QStringLiteral("folder")));
        auto *folder = panel->findChild<QLineEdit *>(QStringLiteral("folderEdit"));
        auto *size = panel->findChild<QSpinBox *>(QStringLiteral("imageSizeSpin"));
        QVERIFY(folder && size);
        folder->setText(dir.path());
        size->setValue(8);
        panel->setTotalSteps(5);
        window.startTraining();

        MessageBanner *banner = window.messageBanner();
        QTRY_VERIFY_WITH_TIMEOUT(banner->text().contains(QStringLiteral("Skipped 5 unreadable file(s)")), 60000);
        for (int i = 0; i < 5; ++i)
            QVERIFY2(banner->text().contains(QStringLiteral("broken%1.png").arg(i)), qPrintable(banner->text()));
        QTRY_VERIFY_WITH_TIMEOUT(window.trainingPanel()->findChild<QLabel *>(QStringLiteral("sessionLabel"))
                                     ->text()
                                     .contains(QStringLiteral("8 training")),
                                 60000);
    }
};

GS_GUI_TEST_MAIN(DatasetWarningsTest)
#include "test_dataset_warnings_gui.moc"
