// Generated datasets: N images from a tiny trained VAE written as a PNG folder
// and as IDX files, opened again through the dataset loader (the folder and
// Fashion-MNIST datasets), with counts and 8-bit pixel values round-tripping
// exactly; the manifest; refusals and a failing write leave nothing behind.
#include <QTemporaryDir>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/common/atomic_file.h"
#include "core/data/dataset_loader.h"
#include "core/explore/dataset_maker.h"
#include "core/explore/explorer.h"
#include "test_main.h"
#include "test_support.h"

namespace fs = std::filesystem;

namespace {

// The 8-bit values of image i of a [N, 1, H, W] tensor in [0, 1].
std::vector<uint8_t> bytes_of(const torch::Tensor& images, int64_t i) {
  torch::Tensor b = images[i].mul(255.0).round().to(torch::kUInt8).contiguous();
  return std::vector<uint8_t>(b.data_ptr<uint8_t>(), b.data_ptr<uint8_t>() + b.numel());
}

}  // namespace

class TestDatasetMaker : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  std::string checkpoint_;
  std::unique_ptr<gs::Explorer> explorer_;
  std::vector<gs::Image> expected_;  // seeds 5 … 5 + kN − 1
  static constexpr int kN = 25;

  std::string path(const char* name) const { return (fs::path(dir_.path().toStdString()) / name).string(); }

 private slots:
  void initTestCase() {
    gs::SessionConfig c;
    c.model_id = "vae";
    c.params = {{"latent_dim", "4"}, {"batch_size", "32"}};
    c.dataset.limit = 256;
    auto s = gs::TrainingSession::create(c);
    gs::RunOptions o;
    o.total_steps = 30;
    o.sample_seconds = 0;
    gs::TrainControl control;
    gs::TrainObserver quiet;
    s->run(o, control, quiet);
    checkpoint_ = path("vae.gsckpt");
    s->save(checkpoint_);
    explorer_ = gs::Explorer::open(checkpoint_);
    std::vector<gs::Latent> zs;
    for (int i = 0; i < kN; ++i) zs.push_back(explorer_->random_latent(5 + i));
    expected_ = explorer_->decode_many(zs);
  }

  void pngFolderRoundTrips() {
    gs::DatasetRequest r;
    r.out_dir = path("png");
    r.n = kN;
    r.seed = 5;
    r.checkpoint_path = checkpoint_;
    int calls = 0;
    const gs::DatasetResult result = gs::make_dataset(*explorer_, r, [&](int done, int total) {
      ++calls;
      return done <= total;
    });
    QCOMPARE(result.written, kN);
    QVERIFY(!result.labelled && !result.cancelled && calls >= 1);
    QCOMPARE(result.files.size(), size_t(kN + 1));
    // No staging folder is left next to it.
    int siblings = 0;
    for (const auto& e : fs::directory_iterator(dir_.path().toStdString())) siblings += e.is_directory();
    QCOMPARE(siblings, 1);

    gs::DatasetSpec spec;
    spec.id = "folder";
    spec.path = r.out_dir;
    spec.image_size = 28;
    spec.channels = 1;
    const gs::ImageDataset d = gs::load_dataset(spec);
    QCOMPARE(d.train_size() + d.test_size(), int64_t(kN));
    QCOMPARE(d.test_size(), int64_t(2));  // the folder loader holds out every tenth image
    QVERIFY(d.warnings.empty());
    int64_t train = 0, test = 0;
    for (int i = 0; i < kN; ++i) {
      const bool held_out = i % 10 == 9;
      const std::vector<uint8_t> got = held_out ? bytes_of(d.test_images, test++) : bytes_of(d.train_images, train++);
      QVERIFY2(got == expected_[i].pixels, qPrintable(QStringLiteral("image %1 differs").arg(i)));
    }

    std::ifstream in(r.out_dir + "/manifest.json");
    const nlohmann::json m = nlohmann::json::parse(in);
    QCOMPARE(QString::fromStdString(m["checkpoint"].get<std::string>()), QString::fromStdString(checkpoint_));
    QCOMPARE(QString::fromStdString(m["model_id"].get<std::string>()), QStringLiteral("vae"));
    QCOMPARE(m["step"].get<long>(), 30L);
    QCOMPARE(m["seed"].get<unsigned long>(), 5UL);
    QCOMPARE(m["n"].get<int>(), kN);
    QCOMPARE(QString::fromStdString(m["format"].get<std::string>()), QStringLiteral("png"));
    QVERIFY(QString::fromStdString(m["created_utc"].get<std::string>()).endsWith('Z'));
    QVERIFY(!m["genstudio_version"].get<std::string>().empty());
  }

  void idxFilesRoundTripAsFashionMnist() {
    gs::DatasetRequest r;
    r.out_dir = path("idx");
    r.n = kN;
    r.seed = 5;
    r.format = gs::parse_dataset_format("IDX");
    const gs::DatasetResult result = gs::make_dataset(*explorer_, r);
    QCOMPARE(result.written, kN);
    gs::DatasetSpec spec;
    spec.id = "fashion-mnist";
    spec.path = r.out_dir;
    const gs::ImageDataset d = gs::load_dataset(spec);
    QCOMPARE(d.train_size(), int64_t(kN - kN / 10));
    QCOMPARE(d.test_size(), int64_t(kN / 10));
    for (int i = 0; i < kN; ++i) {
      const bool test = i >= kN - kN / 10;
      const std::vector<uint8_t> got = test ? bytes_of(d.test_images, i - (kN - kN / 10)) : bytes_of(d.train_images, i);
      QVERIFY2(got == expected_[i].pixels, qPrintable(QStringLiteral("image %1 differs").arg(i)));
    }
    QCOMPARE(d.train_labels.sum().item<int64_t>(), int64_t(0));  // unlabelled: class 0 throughout
  }

  void refusalsAreSentences() {
    gs::DatasetRequest r;
    r.out_dir = path("png");  // written above: not empty
    QVERIFY(errorOf([&] { gs::make_dataset(*explorer_, r); }).contains("already holds files"));
    r.out_dir = path("fresh");
    r.n = 0;
    QVERIFY(errorOf([&] { gs::make_dataset(*explorer_, r); }).contains("between 1 and"));
    r.n = 3;
    r.truncation = 0.7;
    QVERIFY(errorOf([&] { gs::make_dataset(*explorer_, r); }).contains("style-based"));
    QVERIFY(errorOf([] { gs::parse_dataset_format("jpeg"); }).contains("png"));
    QVERIFY(!fs::exists(r.out_dir));
  }

  void cancelAndFullDiskLeaveNothing() {
    gs::DatasetRequest r;
    r.out_dir = path("cancelled");
    r.n = 200;
    const gs::DatasetResult result = gs::make_dataset(*explorer_, r, [](int, int) { return false; });
    QVERIFY(result.cancelled);
    QVERIFY(result.written < 200);
    QVERIFY(!fs::exists(r.out_dir));

    r.out_dir = path("full");
    r.n = 12;
    int writes = 0;
    gs::set_atomic_write_fault([&](const std::string&) {
      if (++writes == 5) throw gs::Error("Could not write 'x': No space left on device.");
    });
    const QString message = errorOf([&] { gs::make_dataset(*explorer_, r); });
    gs::set_atomic_write_fault({});
    QVERIFY2(message.startsWith("Could not write the dataset to") && message.contains("No space left on device"),
             qPrintable(message));
    QVERIFY(!fs::exists(r.out_dir));
    for (const auto& e : fs::directory_iterator(dir_.path().toStdString())) {
      QVERIFY2(e.path().filename().string().find("partial") == std::string::npos, "a staging folder was left");
    }
  }
};

GS_TEST_MAIN(TestDatasetMaker)
#include "test_dataset_maker.moc"
