// Bad files as a new user would feed them (issue 16): a PNG whose header claims
// 60000 × 60000 pixels, an IDX header claiming 60000 × 60000 images and a
// checkpoint tensor of 10¹² elements are refused with a sentence before anything
// that large is allocated (fast, and the peak resident memory barely moves);
// damaged PNGs are refused without libpng printing to the terminal; an image
// folder with unreadable files names them (library and CLI); a TorchScript
// module without a descriptor is told the exact MODEL.pt.json to write; a
// checkpoint carrying program code (which LibTorch would compile while reading
// it, and whose compiler crashes on some damaged source) is refused unread,
// while every checkpoint GenStudio writes still opens.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <torch/script.h>

#include "core/common/error.h"
#include "core/data/idx_reader.h"
#include "core/data/image_file.h"
#include "core/data/image_folder.h"
#include "core/train/checkpoint.h"
#include "core/train/training_session.h"
#include "test_main.h"

namespace {

// Peak resident memory of this process so far (VmHWM), in MB.
double peak_rss_mb() {
  std::ifstream in("/proc/self/status");
  std::string key;
  while (in >> key) {
    if (key == "VmHWM:") {
      double kb = 0;
      in >> kb;
      return kb / 1024.0;
    }
    std::string rest;
    std::getline(in, rest);
  }
  return 0;
}

template <typename F>
QString errorOf(F&& f) {
  try {
    f();
  } catch (const gs::Error& e) {
    return QString::fromStdString(e.what());
  } catch (const std::exception& e) {
    return QStringLiteral("not a gs::Error: ") + e.what();
  }
  return {};
}

// Runs f, which must throw gs::Error quickly without a big allocation; returns the message.
template <typename F>
QString refusedCheaply(F&& f) {
  const double before = peak_rss_mb();
  QElapsedTimer timer;
  timer.start();
  const QString err = errorOf(f);
  const qint64 ms = timer.elapsed();
  const double grew = peak_rss_mb() - before;
  if (ms > 3000 || grew > 64) return QStringLiteral("too costly: %1 ms, peak RSS +%2 MB: %3").arg(ms).arg(grew).arg(err);
  return err;
}

void writeBytes(const QString& path, const std::vector<uint8_t>& bytes) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<qint64>(bytes.size()));
}

void put_be32(std::vector<uint8_t>& v, uint32_t x) {
  for (int s = 24; s >= 0; s -= 8) v.push_back(static_cast<uint8_t>(x >> s));
}

// A PNG signature and an IHDR chunk (with its CRC) claiming w × h pixels, then a tiny IDAT and IEND.
std::vector<uint8_t> png_header(uint32_t w, uint32_t h) {
  std::vector<uint8_t> v = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  auto chunk = [&](const char* type, const std::vector<uint8_t>& data) {
    put_be32(v, static_cast<uint32_t>(data.size()));
    std::vector<uint8_t> body(type, type + 4);
    body.insert(body.end(), data.begin(), data.end());
    v.insert(v.end(), body.begin(), body.end());
    put_be32(v, static_cast<uint32_t>(crc32(0, body.data(), static_cast<uInt>(body.size()))));
  };
  std::vector<uint8_t> ihdr;
  put_be32(ihdr, w);
  put_be32(ihdr, h);
  ihdr.insert(ihdr.end(), {8, 0, 0, 0, 0});  // 8-bit gray
  chunk("IHDR", ihdr);
  chunk("IDAT", {0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
  chunk("IEND", {});
  return v;
}

std::vector<uint8_t> good_png(int seed) {
  cv::Mat img(20, 24, CV_8UC3, cv::Scalar(10 * seed, 100, 200));
  cv::randu(img, cv::Scalar::all(0), cv::Scalar::all(255));
  std::vector<uint8_t> out;
  cv::imencode(".png", img, out);
  return out;
}

// Everything written to stderr (fd 2) while f runs.
template <typename F>
QByteArray stderrOf(F&& f) {
  QTemporaryDir dir;
  const QString path = dir.filePath("stderr.txt");
  fflush(stderr);
  const int saved = dup(2);
  const int fd = ::open(path.toLocal8Bit().constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  dup2(fd, 2);
  ::close(fd);
  f();
  fflush(stderr);
  dup2(saved, 2);
  ::close(saved);
  QFile file(path);
  file.open(QIODevice::ReadOnly);
  return file.readAll();
}

}  // namespace

class TestBadFiles : public QObject {
  Q_OBJECT
 private slots:
  void hugePngRefusedFromItsHeader() {
    QTemporaryDir dir;
    const QString path = dir.filePath("huge.png");
    writeBytes(path, png_header(60000, 60000));
    const QString err = refusedCheaply([&] { gs::read_image_file(path.toStdString(), gs::ImageRead::Gray); });
    QVERIFY2(err.contains("is 60,000 × 60,000 pixels, larger than GenStudio reads"), qPrintable(err));
    QVERIFY2(err.contains("huge.png"), qPrintable(err));
    QVERIFY2(!err.contains("OpenCV") && !err.contains("CV_IO_MAX"), qPrintable(err));
    // A wide but short one: one side over the limit.
    writeBytes(path, png_header(100000, 2));
    QVERIFY(refusedCheaply([&] { gs::read_image_file(path.toStdString(), gs::ImageRead::Color); })
                .contains("100,000 × 2 pixels"));
  }

  void damagedPngsAreQuietSentences() {
    QTemporaryDir dir;
    std::vector<uint8_t> png = good_png(1);
    const std::vector<uint8_t> cut(png.begin(), png.begin() + static_cast<long>(png.size() / 2));
    writeBytes(dir.filePath("cut.png"), cut);
    std::vector<uint8_t> garbled = png;
    for (size_t i = 60; i < garbled.size() - 12; ++i) garbled[i] ^= 0xA5;
    writeBytes(dir.filePath("garbled.png"), garbled);
    writeBytes(dir.filePath("good.png"), png);
    QString errCut, errGarbled;
    cv::Mat good;
    const QByteArray printed = stderrOf([&] {
      errCut = errorOf([&] { gs::read_image_file(dir.filePath("cut.png").toStdString(), gs::ImageRead::Gray); });
      errGarbled = errorOf([&] { gs::read_image_file(dir.filePath("garbled.png").toStdString(), gs::ImageRead::Color); });
      good = gs::read_image_file(dir.filePath("good.png").toStdString(), gs::ImageRead::Color);
    });
    QVERIFY2(errCut.contains("cut.png") && errCut.contains("not a readable PNG"), qPrintable(errCut));
    QVERIFY2(errGarbled.contains("garbled.png") && errGarbled.contains("not a readable PNG"), qPrintable(errGarbled));
    QVERIFY2(printed.isEmpty(), printed.constData());
    QCOMPARE(good.cols, 24);
    QCOMPARE(good.rows, 20);
    QCOMPARE(good.channels(), 3);
    // The same pixels as OpenCV's own decoder (BGR order).
    const cv::Mat ref = cv::imdecode(png, cv::IMREAD_COLOR);
    QCOMPARE(cv::norm(good, ref, cv::NORM_INF), 0.0);
  }

  // A text chunk claiming 1.95 GB in a small PNG (fuzz_image: libpng allocated the
  // claimed size before reading) is refused from the chunk lengths alone.
  void pngChunkClaimingGigabytesRefusedUnread() {
    QTemporaryDir dir;
    std::vector<uint8_t> png = good_png(2);
    std::vector<uint8_t> chunk;
    put_be32(chunk, 0x74650018u);
    chunk.insert(chunk.end(), {'t', 'E', 'X', 't', 'a', 'b', 'c'});
    png.insert(png.end() - 12, chunk.begin(), chunk.end());  // before IEND
    writeBytes(dir.filePath("claims.png"), png);
    const QString err =
        refusedCheaply([&] { gs::read_image_file(dir.filePath("claims.png").toStdString(), gs::ImageRead::Gray); });
    QVERIFY2(err.contains("claims.png") && err.contains("claims more bytes than the file holds"), qPrintable(err));
    // The chunk walk passes every real PNG: the good one still reads.
    writeBytes(dir.filePath("good.png"), good_png(2));
    QCOMPARE(gs::read_image_file(dir.filePath("good.png").toStdString(), gs::ImageRead::Gray).cols, 24);
  }

  void imageFolderNamesSkippedFiles() {
    QTemporaryDir dir;
    for (int i = 0; i < 8; ++i) writeBytes(dir.filePath(QString("good%1.png").arg(i)), good_png(i));
    const std::vector<uint8_t> png = good_png(9);
    for (int i = 0; i < 5; ++i) {
      std::vector<uint8_t> bad(png.begin(), png.begin() + static_cast<long>(png.size() / (i + 2)));
      writeBytes(dir.filePath(QString("bad%1.png").arg(i)), bad);
    }
    gs::ImageDataset d;
    const QByteArray printed = stderrOf([&] { d = gs::load_image_folder(dir.path().toStdString(), 8, 1); });
    QVERIFY2(printed.isEmpty(), printed.constData());
    QCOMPARE(d.train_size() + d.test_size(), int64_t(8));
    QCOMPARE(d.warnings.size(), size_t(1));
    const QString w = QString::fromStdString(d.warnings[0]);
    QVERIFY2(w.contains("Skipped 5 unreadable file(s)"), qPrintable(w));
    for (int i = 0; i < 5; ++i) QVERIFY2(w.contains(QString("bad%1.png").arg(i)), qPrintable(w));

    // The CLI names them too, and libpng says nothing on the terminal.
    QTemporaryDir out;
    QProcess cli;
    cli.start(GENSTUDIO_CLI, {"train", "--model", "ae", "--dataset", "folder", "--data-path", dir.path(),
                              "--image-size", "8", "--steps", "2", "--threads", "1", "--quiet", "--out", out.path()});
    QVERIFY(cli.waitForFinished(120000));
    const QString err = QString::fromUtf8(cli.readAllStandardError());
    QVERIFY2(cli.exitCode() == 0, qPrintable(err));
    QVERIFY2(err.contains("warning: Skipped 5 unreadable file(s)"), qPrintable(err));
    QVERIFY2(err.contains("bad0.png") && err.contains("bad4.png"), qPrintable(err));
    QVERIFY2(!err.contains("libpng"), qPrintable(err));
  }

  void torchScriptWithoutDescriptorIsToldWhatToWrite() {
    QTemporaryDir dir;
    const QString module = dir.filePath("MODEL.pt");
    QVERIFY(QFile::copy(GENSTUDIO_FIXTURES "/generator.pt", module));
    const QString expected = QFileInfo(module).absoluteFilePath() + ".json";
    for (const QString& err : {errorOf([&] { gs::TrainingSession::open(module.toStdString()); }),
                               errorOf([&] { gs::read_checkpoint_metadata(module.toStdString()); })}) {
      QVERIFY2(err.contains("is a TorchScript module, not a GenStudio checkpoint"), qPrintable(err));
      QVERIFY2(err.contains("'" + expected + "'"), qPrintable(err));
      for (const char* key : {"\"kind\"", "\"latent_dim\"", "\"image_size\"", "\"channels\"", "\"range\""})
        QVERIFY2(err.contains(key), key);
      QVERIFY2(!err.contains("no metadata"), qPrintable(err));
    }
    // Writing what the message asks for makes it open.
    QVERIFY(QFile::copy(GENSTUDIO_FIXTURES "/generator.pt.json", expected));
    QVERIFY(gs::TrainingSession::open(module.toStdString()) != nullptr);
  }

  void hugeIdxHeadersRefusedBeforeAllocating() {
    QTemporaryDir dir;
    std::vector<uint8_t> idx = {0, 0, 8, 3};
    for (uint32_t d : {60000u, 60000u, 60000u}) put_be32(idx, d);
    idx.resize(idx.size() + 4096, 7);
    writeBytes(dir.filePath("huge.idx"), idx);
    QString err = refusedCheaply([&] { gs::read_idx_file(dir.filePath("huge.idx").toStdString(), 3); });
    QVERIFY2(err.contains("claims 60,000 × 60,000 × 60,000") && err.contains("refused before reading"), qPrintable(err));

    gzFile gz = gzopen(dir.filePath("huge.gz").toLocal8Bit().constData(), "wb");
    gzwrite(gz, idx.data(), static_cast<unsigned>(idx.size()));
    gzclose(gz);
    err = refusedCheaply([&] { gs::read_idx_file(dir.filePath("huge.gz").toStdString(), 3); });
    QVERIFY2(err.contains("claims 60,000 × 60,000 × 60,000") && err.contains("even compressed"), qPrintable(err));

    // 60000 images of 60000 × 60000 behind a valid label count: the same.
    std::vector<uint8_t> lab = {0, 0, 8, 1};
    put_be32(lab, 200000000u);
    writeBytes(dir.filePath("labels.idx"), lab);
    err = refusedCheaply([&] { gs::read_idx_file(dir.filePath("labels.idx").toStdString(), 1); });
    QVERIFY2(err.contains("claims 200,000,000 = 200,000,000 values"), qPrintable(err));
  }

  void hugeCheckpointTensorRefusedBeforeReading() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("huge.gsckpt").toStdString();
    {
      torch::serialize::OutputArchive archive;
      archive.write("genstudio_meta", c10::IValue(std::string("{}")));
      // One float of storage behind a tensor that claims 10¹² of them.
      archive.write("weight", torch::zeros({1}).expand({1000000, 1000000}), /*is_buffer=*/true);
      archive.save_to(path);
    }
    QVERIFY(QFileInfo(QString::fromStdString(path)).size() < 100000);
    for (const QString& err : {refusedCheaply([&] { gs::read_checkpoint_metadata(path); }),
                               refusedCheaply([&] { gs::TrainingSession::open(path); })}) {
      QVERIFY2(err.contains("'weight' claims a tensor of 1,000,000,000,000 elements"), qPrintable(err));
      QVERIFY2(err.contains("refused before reading"), qPrintable(err));
    }
  }

  void checkpointsWithCodeAreRefusedUnread() {
    QTemporaryDir dir;
    // What GenStudio writes opens (strings, tensors, parameters and buffers).
    gs::SessionConfig config;
    config.model_id = "ae";
    config.dataset.limit = 16;
    const std::string good = dir.filePath("good.gsckpt").toStdString();
    gs::TrainingSession::create(config)->save(good);
    QCOMPARE(gs::read_checkpoint_metadata(good).config.model_id, std::string("ae"));
    QVERIFY(gs::TrainingSession::open(good) != nullptr);
    // The same metadata in a module that also carries a method.
    const std::string coded = dir.filePath("coded.gsckpt").toStdString();
    {
      torch::jit::Module module("__torch__.Module");
      module.register_attribute("genstudio_meta", c10::StringType::get(),
                                torch::jit::load(good).attr("genstudio_meta"));
      module.register_parameter("weight", torch::zeros({2}), false);
      module.define("def helper(self, x: int) -> int:\n    return x + 1\n");
      module.save(coded);
    }
    for (const QString& err : {errorOf([&] { gs::read_checkpoint_metadata(coded); }),
                               errorOf([&] { gs::TrainingSession::open(coded); })}) {
      QVERIFY2(err.contains("carries program code that GenStudio's checkpoints do not have"), qPrintable(err));
      QVERIFY2(err.contains("'" + QString::fromStdString(coded) + "'"), qPrintable(err));
    }
  }
};

GS_TEST_MAIN(TestBadFiles)
#include "test_bad_files.moc"
