// Replays every input of the fuzz targets' seed corpora (fuzz/corpus/<target>/)
// and regression corpora (fuzz/regressions/<target>/: the inputs that once
// crashed, hung or leaked a library's text) through the targets' own entry
// functions, built here with the normal compiler: each input must end in
// success or in sentences a person can read — no crash, no exception other
// than gs::Error, no library-internal text ("PytorchStreamReader", "OpenCV(",
// "libpng", "what():", "[json.exception", …). Also the known case of opening
// /dev/null as a checkpoint, and the archives whose pickles claimed 1.6 and 2.7 GB.
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include "core/common/error.h"
#include "core/train/training_session.h"
#include "fuzz_targets.h"
#include "test_main.h"

namespace {

QString fuzzDir() { return QStringLiteral(GENSTUDIO_FUZZ_DIR); }

QString sentenceProblem(const std::string& s, const QByteArray& input = {}) {
  if (s.empty()) return QStringLiteral("an empty message");
  const std::string leak = gs::fuzz::library_text_in(s);
  if (!leak.empty() && !gs::fuzz::input_contains(reinterpret_cast<const uint8_t*>(input.constData()),
                                                 size_t(input.size()), leak)) return QStringLiteral("library text \"%1\"").arg(QString::fromStdString(leak));
  if (s.size() < 12) return QStringLiteral("a message too short to be a sentence");
  const char last = s.back();
  if (last != '.' && last != ')' && last != '?' && last != '!') return QStringLiteral("no full stop at the end");
  return {};
}

}  // namespace

class TestFuzzRegressions : public QObject {
  Q_OBJECT

 private slots:
  void everyTargetHasSeeds() {
    for (const gs::fuzz::Target& t : gs::fuzz::all_targets()) {
      const QDir seeds(fuzzDir() + "/corpus/" + t.name);
      QVERIFY2(!seeds.entryList(QDir::Files).isEmpty(), t.name);
    }
  }

  void replay_data() {
    QTest::addColumn<int>("target");
    QTest::addColumn<QString>("file");
    const auto& targets = gs::fuzz::all_targets();
    for (int k = 0; k < int(targets.size()); ++k) {
      for (const char* kind : {"corpus", "regressions"}) {
        const QDir dir(fuzzDir() + "/" + kind + "/" + targets[k].name);
        for (const QFileInfo& f : dir.entryInfoList(QDir::Files, QDir::Name)) {
          const QByteArray row = QByteArray(targets[k].name) + "/" + kind + "/" + f.fileName().toUtf8();
          QTest::newRow(row.constData()) << k << f.absoluteFilePath();
        }
      }
    }
  }

  void replay() {
    QFETCH(int, target);
    QFETCH(QString, file);
    QFile in(file);
    QVERIFY(in.open(QIODevice::ReadOnly));
    const QByteArray bytes = in.readAll();
    const gs::fuzz::Target& t = gs::fuzz::all_targets()[target];
    gs::fuzz::Sentences sentences;
    try {
      sentences = t.entry(reinterpret_cast<const uint8_t*>(bytes.constData()), size_t(bytes.size()));
    } catch (const std::exception& e) {
      QFAIL(qPrintable(QStringLiteral("escaped as %1: %2").arg(typeid(e).name(), e.what())));
    }
    for (const std::string& s : sentences) {
      const QString problem = sentenceProblem(s, bytes);
      QVERIFY2(problem.isEmpty(), qPrintable(problem + ": " + QString::fromStdString(s)));
    }
  }

  // The first out-of-memory the fuzzing found: a 4.8 KB module whose data.pkl claims a 1.6 GB
  // string, which LibTorch's unpickler reserved before reading; now refused first.
  void hugeRecordRefusedBeforeReading() {
    QFile in(fuzzDir() + "/regressions/fuzz_torchscript_module/zip-record-claims-1.6GB");
    QVERIFY(in.open(QIODevice::ReadOnly));
    const QByteArray bytes = in.readAll();
    const gs::fuzz::Sentences s =
        gs::fuzz::fuzz_torchscript_module(reinterpret_cast<const uint8_t*>(bytes.constData()), size_t(bytes.size()));
    QCOMPARE(s.size(), size_t(1));
    QVERIFY2(s[0].find("claims a value of 1,644,167,172 bytes") != std::string::npos, s[0].c_str());
    QVERIFY2(s[0].find("It was refused before reading it.") != std::string::npos, s[0].c_str());
  }

  // The second: a checkpoint whose data.pkl claims a 2.7 GB string, which LibTorch's unpickler
  // reserved before reading; now refused from the pickle's opcodes.
  void hugePickleStringRefusedBeforeReading() {
    QFile in(fuzzDir() + "/regressions/fuzz_checkpoint/pickle-claims-2.7GB");
    QVERIFY(in.open(QIODevice::ReadOnly));
    const QByteArray bytes = in.readAll();
    const gs::fuzz::Sentences s =
        gs::fuzz::fuzz_checkpoint(reinterpret_cast<const uint8_t*>(bytes.constData()), size_t(bytes.size()));
    QCOMPARE(s.size(), size_t(2));
    for (const std::string& sentence : s) {
      QVERIFY2(sentence.find("bytes hold. It was refused before reading it.") != std::string::npos, sentence.c_str());
    }
  }

  void devNullAsCheckpoint() {
    try {
      gs::TrainingSession::open("/dev/null");
      QFAIL("/dev/null opened as a checkpoint");
    } catch (const gs::Error& e) {
      const std::string s = e.what();
      QVERIFY2(sentenceProblem(s).isEmpty(), e.what());
      QVERIFY2(s.find("it is empty") != std::string::npos, e.what());
    }
  }
};

GS_TEST_MAIN(TestFuzzRegressions)
#include "test_fuzz_regressions.moc"
