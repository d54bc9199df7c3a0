// IDX parsing: valid files, and every way a file can be bad gets a clear message.
#include <zlib.h>

#include <QTemporaryDir>
#include <fstream>

#include "core/common/error.h"
#include "core/data/fashion_mnist.h"
#include "core/data/idx_reader.h"
#include "test_main.h"
#include "test_support.h"

namespace {

std::vector<uint8_t> idx_bytes(uint8_t type, std::vector<uint32_t> dims, size_t payload) {
  std::vector<uint8_t> b = {0, 0, type, static_cast<uint8_t>(dims.size())};
  for (uint32_t d : dims) {
    for (int s = 24; s >= 0; s -= 8) b.push_back(static_cast<uint8_t>(d >> s));
  }
  for (size_t i = 0; i < payload; ++i) b.push_back(static_cast<uint8_t>(i % 251));
  return b;
}

void write_gz(const QString& path, const std::vector<uint8_t>& bytes) {
  gzFile f = gzopen(path.toStdString().c_str(), "wb");
  gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size()));
  gzclose(f);
}

void write_raw(const QString& path, const std::vector<uint8_t>& bytes) {
  std::ofstream(path.toStdString(), std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

std::vector<uint8_t> read_raw(const QString& path) {
  std::ifstream in(path.toStdString(), std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}


}  // namespace

class TestIdxReader : public QObject {
  Q_OBJECT
 private slots:
  void parsesValidImagesAndLabels() {
    auto a = gs::parse_idx(idx_bytes(8, {3, 2, 4}, 24), 3, "x");
    QCOMPARE(a.dims, (std::vector<int64_t>{3, 2, 4}));
    QCOMPARE(a.data.size(), size_t(24));
    QCOMPARE(int(a.data[5]), 5);
    auto l = gs::parse_idx(idx_bytes(8, {7}, 7), 1, "y");
    QCOMPARE(l.data.size(), size_t(7));
  }

  void rejectsBadBuffers_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("dims");
    QTest::addColumn<QString>("message");
    auto qb = [](const std::vector<uint8_t>& v) {
      return QByteArray(reinterpret_cast<const char*>(v.data()), int(v.size()));
    };
    QTest::newRow("too short") << qb({0, 0}) << 1 << "too short";
    QTest::newRow("bad magic") << qb({1, 2, 8, 1, 0, 0, 0, 1, 0}) << 1 << "bad magic";
    QTest::newRow("float type") << qb(idx_bytes(0x0D, {2}, 2)) << 1 << "unsigned bytes";
    QTest::newRow("wrong dims") << qb(idx_bytes(8, {2, 2}, 4)) << 3 << "expected 3";
    QTest::newRow("truncated header") << qb({0, 0, 8, 3, 0, 0}) << 3 << "truncated (header)";
    QTest::newRow("truncated data") << qb(idx_bytes(8, {10, 2, 2}, 39)) << 3 << "truncated";
    QTest::newRow("trailing bytes") << qb(idx_bytes(8, {2}, 5)) << 1 << "unexpected bytes";
    QTest::newRow("zero size") << qb(idx_bytes(8, {0}, 0)) << 1 << "impossible size";
  }
  void rejectsBadBuffers() {
    QFETCH(QByteArray, bytes);
    QFETCH(int, dims);
    QFETCH(QString, message);
    std::vector<uint8_t> v(bytes.begin(), bytes.end());
    const QString err = errorOf([&] { gs::parse_idx(v, dims, "f.idx"); });
    QVERIFY2(err.contains(message), qPrintable(err));
    QVERIFY(err.contains("f.idx"));
  }

  void readsGzipAndPlainFiles() {
    QTemporaryDir dir;
    write_gz(dir.filePath("a.gz"), idx_bytes(8, {4, 3, 3}, 36));
    write_raw(dir.filePath("a.idx"), idx_bytes(8, {4, 3, 3}, 36));
    QCOMPARE(gs::read_idx_file(dir.filePath("a.gz").toStdString(), 3).data.size(), size_t(36));
    QCOMPARE(gs::read_idx_file(dir.filePath("a.idx").toStdString(), 3).data.size(), size_t(36));
  }

  void rejectsDamagedAndTruncatedGzip() {
    QTemporaryDir dir;
    write_gz(dir.filePath("good.gz"), idx_bytes(8, {100, 28, 28}, 78400));
    std::vector<uint8_t> gz = read_raw(dir.filePath("good.gz"));
    std::vector<uint8_t> cut(gz.begin(), gz.begin() + static_cast<long>(gz.size() / 2));
    write_raw(dir.filePath("cut.gz"), cut);
    QString err = errorOf([&] { gs::read_idx_file(dir.filePath("cut.gz").toStdString(), 3); });
    QVERIFY2(err.contains("damaged") || err.contains("truncated"), qPrintable(err));

    std::vector<uint8_t> bad = gz;
    for (size_t i = 20; i < 60 && i < bad.size(); ++i) bad[i] ^= 0x5A;
    write_raw(dir.filePath("bad.gz"), bad);
    err = errorOf([&] { gs::read_idx_file(dir.filePath("bad.gz").toStdString(), 3); });
    QVERIFY2(err.contains("damaged") || err.contains("truncated"), qPrintable(err));

    err = errorOf([&] { gs::read_idx_file(dir.filePath("missing.gz").toStdString(), 3); });
    QVERIFY2(err.contains("does not exist"), qPrintable(err));
  }

  void fashionMnistMissingPackageSaysHowToInstall() {
    const QString err = errorOf([] { gs::load_fashion_mnist("/nonexistent/fashion"); });
    QVERIFY2(err.contains("apt-get install dataset-fashion-mnist"), qPrintable(err));
  }

  void fashionMnistCountMismatchIsRefused() {
    QTemporaryDir dir;
    for (const char* split : {"train", "t10k"}) {
      write_gz(dir.filePath(QString("%1-images-idx3-ubyte.gz").arg(split)), idx_bytes(8, {5, 28, 28}, 5 * 784));
      write_gz(dir.filePath(QString("%1-labels-idx1-ubyte.gz").arg(split)), idx_bytes(8, {4}, 4));
    }
    const QString err = errorOf([&] { gs::load_fashion_mnist(dir.path().toStdString()); });
    QVERIFY2(err.contains("5 images but 4 labels"), qPrintable(err));
  }

  void loadsTheDebianPackage() {
    const std::string dir = gs::default_fashion_mnist_dir();
    if (!QFileInfo::exists(QString::fromStdString(dir))) QSKIP("dataset-fashion-mnist not installed");
    gs::ImageDataset d = gs::load_fashion_mnist(dir, 1000);
    QCOMPARE(d.train_size(), int64_t(1000));
    QCOMPARE(d.test_size(), int64_t(10000));
    QCOMPARE(d.shape.height, int64_t(28));
    QCOMPARE(d.class_names.size(), size_t(10));
    QCOMPARE(QString::fromStdString(d.class_names[9]), QString("Ankle boot"));
    QVERIFY(d.train_images.min().item<float>() >= 0.0f);
    QVERIFY(d.train_images.max().item<float>() <= 1.0f);
    QVERIFY(d.train_images.mean().item<float>() > 0.1f);  // not all black
    QCOMPARE(d.train_labels[0].item<int64_t>(), int64_t(9));  // the first training image is an ankle boot
  }
};

GS_TEST_MAIN(TestIdxReader)
#include "test_idx_reader.moc"
