// A user's image folder: readable images load (gray or RGB, resized, labelled
// by subfolder), unreadable ones are skipped and reported.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <opencv2/imgcodecs.hpp>

#include "core/common/error.h"
#include "core/data/image_folder.h"
#include "test_main.h"

class TestImageFolder : public QObject {
  Q_OBJECT
 private slots:
  void loadsAndReports() {
    QTemporaryDir dir;
    QDir(dir.path()).mkpath("cats");
    QDir(dir.path()).mkpath("dogs");
    for (int i = 0; i < 12; ++i) {
      cv::Mat img(40 + i, 60, CV_8UC3, cv::Scalar(10 * i, 100, 200));  // BGR
      const QString sub = i % 2 ? "cats" : "dogs";
      cv::imwrite(dir.filePath(QString("%1/img%2.%3").arg(sub).arg(i).arg(i % 3 ? "png" : "jpg")).toStdString(), img);
    }
    QFile bad(dir.filePath("cats/broken.png"));
    bad.open(QIODevice::WriteOnly);
    bad.write("not really a png");
    bad.close();
    QFile notes(dir.filePath("notes.txt"));
    notes.open(QIODevice::WriteOnly);
    notes.write("ignored: not an image extension");
    notes.close();

    gs::ImageDataset rgb = gs::load_image_folder(dir.path().toStdString(), 16, 3);
    QCOMPARE(rgb.train_size() + rgb.test_size(), int64_t(12));
    QCOMPARE(rgb.test_size(), int64_t(1));
    QCOMPARE(rgb.shape.channels, int64_t(3));
    QCOMPARE(rgb.train_images.size(2), int64_t(16));
    QCOMPARE(rgb.class_names.size(), size_t(2));
    QCOMPARE(rgb.warnings.size(), size_t(1));
    QVERIFY(QString::fromStdString(rgb.warnings[0]).contains("broken.png"));
    // RGB order: the red channel holds 200/255 (OpenCV's BGR was converted).
    QVERIFY(std::abs(rgb.train_images[0][0][8][8].item<float>() - 200.0f / 255.0f) < 0.02f);

    gs::ImageDataset gray = gs::load_image_folder(dir.path().toStdString(), 8, 1, 5);
    QCOMPARE(gray.train_size() + gray.test_size(), int64_t(5));
    QCOMPARE(gray.shape.channels, int64_t(1));
  }

  void refusesEmptyOrMissingFolders() {
    QTemporaryDir dir;
    QString err;
    try {
      gs::load_image_folder(dir.path().toStdString(), 28, 1);
    } catch (const gs::Error& e) {
      err = e.what();
    }
    QVERIFY2(err.contains("No readable images"), qPrintable(err));
    QVERIFY_THROWS_EXCEPTION(gs::Error, gs::load_image_folder("/nonexistent", 28, 1));
    QVERIFY_THROWS_EXCEPTION(gs::Error, gs::load_image_folder(dir.path().toStdString(), 28, 2));
  }
};

GS_TEST_MAIN(TestImageFolder)
#include "test_image_folder.moc"
