// The text explorer facade (core/explore/text_explorer.h) on a tiny
// character-level GPT trained briefly on part of Debian's fortunes: streaming
// in chunks draws exactly what one long call draws (the draw depends on the
// seed and the position only), the same seed repeats and another differs,
// temperature 0 is the argmax, top-k never leaves the k most likely, a forced
// character is the distribution's own with the character chosen by hand, the
// attention is causal and cut to the context, the temperature comparison's
// T = 0 text is the greedy one, unknown characters are named, and bad input is
// refused with a sentence.
#include <QFileInfo>
#include <QTemporaryDir>

#include <cmath>

#include "core/common/error.h"
#include "core/explore/explorer.h"
#include "core/explore/text_explorer.h"
#include "core/train/training_session.h"
#include "test_main.h"

namespace {

std::vector<int64_t> tokens_of(const std::vector<gs::TextStep>& steps) {
  std::vector<int64_t> out;
  for (const auto& s : steps) out.push_back(s.token);
  return out;
}

}  // namespace

class TestTextExplorer : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  std::unique_ptr<gs::Explorer> explorer_;
  std::unique_ptr<gs::TextExplorer> text_;
  std::vector<int64_t> prompt_;

 private slots:
  void initTestCase() {
    if (!QFileInfo::exists(QStringLiteral("/usr/share/games/fortunes")))
      QSKIP("Debian's fortunes are not installed (package fortunes)");
    gs::SessionConfig config;
    config.model_id = "chargpt";
    config.dataset.id = "fortunes";
    config.dataset.limit = 128;
    config.params = {{"layers", "2"}, {"heads", "2"}, {"width", "32"}, {"context", "16"}, {"batch_size", "8"},
                     {"warmup", "0"}, {"lr", "0.003"}};
    auto session = gs::TrainingSession::create(config);
    gs::RunOptions options;
    options.total_steps = 20;
    options.sample_seconds = 0;
    gs::TrainControl control;
    gs::TrainObserver quiet;
    session->run(options, control, quiet);
    const std::string path = dir_.filePath("tiny.gsckpt").toStdString();
    session->save(path);
    explorer_ = gs::Explorer::open(path);
    text_ = std::make_unique<gs::TextExplorer>(*explorer_);
    prompt_ = text_->encode("The ").tokens;
    QCOMPARE(int(prompt_.size()), 4);
    QCOMPARE(text_->context_length(), 16);
    QCOMPARE(text_->attention_layers(), 2);
    QCOMPARE(text_->attention_heads(), 2);
  }

  void chunksDrawWhatOneCallDraws() {
    gs::TextSettings how;
    how.temperature = 1.0;
    const auto whole = text_->generate(prompt_, 24, how, 7);
    std::vector<int64_t> context = prompt_;
    std::vector<int64_t> streamed;
    while (streamed.size() < 24) {
      for (const auto& s : text_->generate(context, 5 - int(streamed.size() % 2), how, 7)) {
        if (streamed.size() == 24) break;
        streamed.push_back(s.token);
        context.push_back(s.token);
      }
    }
    QCOMPARE(streamed, tokens_of(whole));  // across the cut at the context length (16) too
    QCOMPARE(tokens_of(text_->generate(prompt_, 24, how, 7)), tokens_of(whole));
    QVERIFY(tokens_of(text_->generate(prompt_, 24, how, 8)) != tokens_of(whole));
  }

  void candidatesAreTheMostLikely() {
    gs::TextSettings how;
    const auto steps = text_->generate(prompt_, 6, how, 1, 12);
    const int v = int(text_->vocabulary().size());
    for (const auto& s : steps) {
      QCOMPARE(int(s.top.size()), std::min(12, v));
      for (size_t i = 1; i < s.top.size(); ++i) QVERIFY(s.top[i].model_prob <= s.top[i - 1].model_prob);
      QCOMPARE(s.text, text_->vocabulary()[size_t(s.token)]);
      QVERIFY(s.entropy_bits > 0 && s.entropy_bits <= std::log2(double(v)) + 1e-6);
      QVERIFY(std::abs(s.model_prob - s.sample_prob) < 1e-5);  // T = 1, no top-k or top-p: the same distribution
    }
  }

  void temperatureZeroIsTheArgmax() {
    gs::TextSettings how;
    how.temperature = 0;
    const auto a = text_->generate(prompt_, 20, how, 1), b = text_->generate(prompt_, 20, how, 99);
    QCOMPARE(tokens_of(a), tokens_of(b));
    for (const auto& s : a) {
      QCOMPARE(s.token, s.top.front().token);
      QCOMPARE(s.sample_prob, 1.0f);
    }
    const auto compared = text_->at_temperatures(prompt_, {0.0, 1.5}, 20, how, 5);
    QCOMPARE(int(compared.size()), 2);
    QCOMPARE(compared[0].text, text_->decode(tokens_of(a)));
    QCOMPARE(compared[1].temperature, 1.5);
    QCOMPARE(int(compared[1].text.size()) >= 20, true);
  }

  void topKStaysInTheTopK() {
    gs::TextSettings how;
    how.temperature = 1.5;
    how.top_k = 3;
    for (const auto& s : text_->generate(prompt_, 40, how, 3)) {
      bool inTop = false;
      for (int i = 0; i < 3; ++i) inTop = inTop || s.top[size_t(i)].token == s.token;
      QVERIFY(inTop);
      for (size_t i = 3; i < s.top.size(); ++i) QCOMPARE(s.top[i].sample_prob, 0.0f);
    }
  }

  void forcingKeepsTheDistribution() {
    gs::TextSettings how;
    const auto drawn = text_->generate(prompt_, 1, how, 4);
    const int64_t other = drawn[0].top[1].token;
    const gs::TextStep forced = text_->force(prompt_, other, how);
    QVERIFY(forced.forced);
    QCOMPARE(forced.token, other);
    QCOMPARE(forced.model_prob, drawn[0].top[1].model_prob);
    QVERIFY(!drawn[0].forced);
  }

  void attentionIsCausalAndCut() {
    std::vector<int64_t> context = prompt_;
    for (const auto& s : text_->generate(prompt_, 6, {}, 2)) context.push_back(s.token);
    const gs::TextAttention a = text_->attention(context, 1, 1);
    QCOMPARE(a.size, 10);
    QCOMPARE(int(a.tokens.size()), 10);
    for (int r = 0; r < a.size; ++r) {
      double sum = 0;
      for (int c = 0; c < a.size; ++c) {
        const float w = a.weights[size_t(r * a.size + c)];
        if (c > r) QCOMPARE(w, 0.0f);
        sum += w;
      }
      QVERIFY(std::abs(sum - 1.0) < 1e-4);
    }
    for (const auto& s : text_->generate(context, 20, {}, 2)) context.push_back(s.token);
    QCOMPARE(text_->attention(context, 0, 0).size, 16);  // the last context_length characters
  }

  void unknownCharactersAreNamed() {
    const gs::TextEncoding e = text_->encode("T\xe2\x98\x83" "h\xe2\x98\x83" "e");  // T☃h☃e
    QCOMPARE(e.tokens, text_->encode("The").tokens);
    QCOMPARE(int(e.unknown.size()), 1);
    QCOMPARE(e.unknown.front(), std::string("\xe2\x98\x83"));
  }

  void badInputIsRefused() {
    auto refused = [](const std::function<void()>& f, const char* words) {
      try {
        f();
      } catch (const gs::Error& e) {
        return QString::fromUtf8(e.what()).contains(QString::fromUtf8(words));
      }
      return false;
    };
    QVERIFY(refused([&] { text_->generate({}, 4, {}, 1); }, "prompt"));
    QVERIFY(refused([&] { text_->generate(prompt_, 0, {}, 1); }, "between 1 and 1024"));
    QVERIFY(refused([&] { text_->generate({100000}, 4, {}, 1); }, "vocabulary"));
    QVERIFY(refused([&] { text_->attention(prompt_, 2, 0); }, "layers 1–2"));
    QVERIFY(refused([&] { text_->force(prompt_, -1, {}); }, "vocabulary"));
    gs::TextSettings cold;
    cold.temperature = -1;
    QVERIFY(refused([&] { text_->generate(prompt_, 4, cold, 1); }, "temperature"));
    gs::TextSettings nucleus;
    nucleus.top_p = 0;
    QVERIFY(refused([&] { text_->generate(prompt_, 4, nucleus, 1); }, "Top-p"));
    QVERIFY(refused([&] { text_->at_temperatures(prompt_, {}, 4, {}, 1); }, "temperatures"));
  }
};

GS_TEST_MAIN(TestTextExplorer)
#include "test_text_explorer.moc"
