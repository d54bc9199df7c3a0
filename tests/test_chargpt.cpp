// The character GPT ("chargpt") and its text data: the causal mask (a later
// character never changes an earlier position's output; the KV-cached path
// gives the full forward's logits), the sampling transform (temperature 0 is
// the argmax, top-k and top-p keep what they should), the vocabulary and the
// checkpoint round trips, non-text files refused, and training lowering the
// validation loss for the transformer and the LSTM variant.
#include <ATen/CPUGeneratorImpl.h>

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <cmath>
#include <fstream>
#include <optional>
#include <random>
#include <set>
#include <sstream>

#include "core/common/error.h"
#include "core/data/dataset_catalog.h"
#include "core/data/text_corpus.h"
#include "core/explore/explorer.h"
#include "core/train/session_impl.h"
#include "core/metrics/text_eval.h"
#include "core/model/capabilities.h"
#include "core/model/model_registry.h"
#include "core/models/chargpt/chargpt_model.h"
#include "core/train/training_session.h"
#include "test_main.h"
#include "test_support.h"

namespace {

gs::ImageShape text_shape(int64_t vocab, int64_t width = 65) {
  gs::ImageShape s{1, 1, width};
  s.is_text = true;
  for (int64_t i = 0; i < vocab; ++i) s.vocabulary.push_back(std::string(1, static_cast<char>('a' + i)));
  return s;
}

std::unique_ptr<gs::CharGptModel> small_model(int64_t vocab, gs::ParamValues extra = {}) {
  torch::manual_seed(5);
  gs::ParamValues p = {{"layers", "2"}, {"heads", "2"}, {"width", "32"}, {"context", "16"}};
  for (const auto& [k, v] : extra) p[k] = v;
  return std::make_unique<gs::CharGptModel>(gs::resolve_params(gs::CharGptModel::param_specs(), p),
                                            text_shape(vocab));
}

// A small corpus with structure to learn: sentences from a tiny grammar.
std::string grammar_text(int sentences) {
  const char* subjects[] = {"the cat", "a dog", "my friend", "the old man", "every child"};
  const char* verbs[] = {"sees", "likes", "finds", "wants", "draws"};
  const char* objects[] = {"a red ball", "the moon", "some bread", "a small boat", "the river"};
  std::mt19937 rng(7);
  std::string out;
  for (int i = 0; i < sentences; ++i) {
    out += std::string(subjects[rng() % 5]) + " " + verbs[rng() % 5] + " " + objects[rng() % 5] + ".\n";
  }
  return out;
}

void write_file(const QString& path, const std::string& bytes) {
  std::ofstream f(path.toStdString(), std::ios::binary);
  f << bytes;
}

}  // namespace

class TestCharGpt : public QObject {
  Q_OBJECT
 private slots:
  void causalMaskHolds() {
    for (const char* arch : {"gpt", "lstm"}) {
      auto model = small_model(10, {{"arch", arch}});
      model->set_training(false);
      torch::NoGradGuard g;
      const torch::Tensor x = torch::randint(10, {1, 16}, torch::kLong);
      const torch::Tensor base = model->logits(x);
      for (int64_t j : {3, 9, 15}) {
        torch::Tensor y = x.clone();
        y[0][j] = (y[0][j].item<int64_t>() + 1) % 10;
        const torch::Tensor changed = model->logits(y);
        QVERIFY2(torch::allclose(changed.narrow(1, 0, j), base.narrow(1, 0, j), 1e-5, 1e-6),
                 qPrintable(QString("%1: a change at %2 moved an earlier output").arg(arch).arg(j)));
        QVERIFY(!torch::allclose(changed.select(1, j), base.select(1, j)));
      }
    }
  }

  void cachedGenerationMatchesFullForward() {
    auto model = small_model(10);
    model->set_training(false);
    torch::NoGradGuard g;
    // Greedy generation past the context (the cache is refilled) equals greedy decoding by full forwards.
    std::vector<int64_t> prompt = {1, 2, 3, 4, 5};
    gs::TextSampling greedy;
    greedy.temperature = 0;
    auto gen = at::make_generator<at::CPUGeneratorImpl>(1);
    const std::vector<int64_t> out = model->generate(prompt, 40, greedy, gen);
    QCOMPARE(out.size(), size_t(40));
    // Within the first context the cache is exact: compare step by step.
    std::vector<int64_t> seq = prompt;
    for (size_t i = 0; i + prompt.size() < 16; ++i) {
      const int64_t best = model->next_token_probs(seq).argmax().item<int64_t>();
      QCOMPARE(out[i], best);
      seq.push_back(out[i]);
    }
  }

  void temperatureZeroGivesArgmax() {
    const torch::Tensor p = torch::tensor({0.1f, 0.35f, 0.3f, 0.25f});
    gs::TextSampling how;
    how.temperature = 0;
    QVERIFY(torch::equal(gs::apply_text_sampling(p, how), torch::tensor({0.f, 1.f, 0.f, 0.f})));
    how.temperature = 1e-3;  // → 0 in the limit
    QVERIFY(gs::apply_text_sampling(p, how)[1].item<float>() > 0.999f);
    how.temperature = 1;
    QVERIFY(torch::allclose(gs::apply_text_sampling(p, how), p));
    how.temperature = -1;
    QVERIFY(errorOf([&] { gs::apply_text_sampling(p, how); }).contains("temperature"));
  }

  void topKNeverOutsideTopK() {
    torch::manual_seed(11);
    const torch::Tensor p = torch::rand({30}).softmax(0);
    gs::TextSampling how;
    how.top_k = 4;
    const torch::Tensor q = gs::apply_text_sampling(p, how);
    const torch::Tensor top = std::get<1>(p.topk(4));
    std::set<int64_t> allowed;
    for (int64_t i = 0; i < 4; ++i) allowed.insert(top[i].item<int64_t>());
    QCOMPARE(q.gt(0).sum().item<int64_t>(), int64_t(4));
    auto gen = at::make_generator<at::CPUGeneratorImpl>(3);
    const torch::Tensor draws = torch::multinomial(q, 2000, true, gen);
    for (int64_t i = 0; i < draws.size(0); ++i) QVERIFY(allowed.count(draws[i].item<int64_t>()));
    // Through the model: every generated token lies in the top k of its own distribution.
    auto model = small_model(12);
    model->set_training(false);
    how.top_k = 2;
    bool ok = true;
    model->generate({0, 1}, 30, how, gen, [&](int64_t tok, const torch::Tensor& probs) {
      ok = ok && probs.gt(0).sum().item<int64_t>() <= 2 && probs[tok].item<float>() > 0;
      return true;
    });
    QVERIFY(ok);
  }

  void topPKeepsTheNucleus() {
    const torch::Tensor p = torch::tensor({0.15f, 0.5f, 0.05f, 0.3f});
    gs::TextSampling how;
    how.top_p = 0.8;  // 0.5 + 0.3 reaches 0.8: two tokens
    QVERIFY(torch::allclose(gs::apply_text_sampling(p, how), torch::tensor({0.f, 0.625f, 0.f, 0.375f})));
    how.top_p = 0.81;  // needs the third
    QCOMPARE(gs::apply_text_sampling(p, how).gt(0).sum().item<int64_t>(), int64_t(3));
    how.top_p = 0.01;  // the most likely token is always kept
    QVERIFY(torch::equal(gs::apply_text_sampling(p, how), torch::tensor({0.f, 1.f, 0.f, 0.f})));
    how.top_p = 0;
    QVERIFY(errorOf([&] { gs::apply_text_sampling(p, how); }).contains("Top-p"));
  }

  void vocabularyRoundTrip() {
    QTemporaryDir dir;
    const QString path = dir.filePath("poem.txt");
    std::string text;
    for (int i = 0; i < 40; ++i) text += "Grüße, café — naïve ✓ line " + std::to_string(i) + "\r\n";
    write_file(path, text);
    const gs::ImageDataset d = gs::load_text_path(path.toStdString(), 0);
    QVERIFY(d.shape.is_text);
    QVERIFY(std::count(d.shape.vocabulary.begin(), d.shape.vocabulary.end(), "✓") == 1);
    QVERIFY(std::count(d.shape.vocabulary.begin(), d.shape.vocabulary.end(), "\r") == 0);
    auto model = gs::create_model("chargpt", {{"context", "16"}}, d.shape);
    gs::TextModel* t = model->text();
    QVERIFY(t);
    const std::string sample = "Grüße — café ✓\n";
    QCOMPARE(t->decode(t->encode(sample)), sample);
    std::vector<std::string> unknown;
    const auto ids = t->encode("Zq✓Z", &unknown);
    QCOMPARE(ids.size(), size_t(1));
    QCOMPARE(unknown, (std::vector<std::string>{"Z", "q"}));
    // The chunks hold the training text's ids in order.
    const torch::Tensor first = d.train_images[0].reshape({-1}).narrow(0, 0, 5).to(torch::kLong);
    std::vector<int64_t> v(first.data_ptr<int64_t>(), first.data_ptr<int64_t>() + 5);
    QCOMPARE(t->decode(v), std::string("Grüße"));
  }

  void nonTextFilesRefused() {
    QTemporaryDir dir;
    std::string binary;
    for (int i = 0; i < 512; ++i) binary += static_cast<char>(i % 256);
    write_file(dir.filePath("data.bin"), binary);
    write_file(dir.filePath("empty.txt"), "");
    write_file(dir.filePath("latin1.txt"), std::string("caf\xe9 au lait, plus de caf\xe9 s'il vous pla\xeet\n"));
    QVERIFY(errorOf([&] { gs::load_text_path(dir.filePath("data.bin").toStdString(), 0); }).contains("not UTF-8 text"));
    QVERIFY(errorOf([&] { gs::load_text_path(dir.filePath("latin1.txt").toStdString(), 0); }).contains("not UTF-8"));
    QVERIFY(errorOf([&] { gs::load_text_path(dir.filePath("empty.txt").toStdString(), 0); }).contains("empty"));
    QVERIFY(errorOf([&] { gs::load_text_path(dir.filePath("none.txt").toStdString(), 0); }).contains("does not exist"));
    // A folder with nothing readable is refused; the session says so too.
    QVERIFY(errorOf([&] { gs::load_text_path(dir.path().toStdString(), 0); }).contains("no UTF-8 text files"));
    gs::SessionConfig c;
    c.model_id = "chargpt";
    c.dataset.id = "text";
    c.dataset.path = dir.filePath("data.bin").toStdString();
    QVERIFY(errorOf([&] { gs::TrainingSession::create(c); }).contains("not UTF-8 text"));
    // Images are refused by the model, text by image models.
    QVERIFY(errorOf([&] { gs::create_model("chargpt", {}, gs::ImageShape{1, 28, 28}); }).contains("text dataset"));
    QVERIFY(errorOf([&] { gs::create_model("chargpt", {{"width", "30"}}, text_shape(5, 513)); }).contains("multiple"));
    QVERIFY(errorOf([&] { gs::create_model("chargpt", {{"context", "128"}}, text_shape(5, 65)); }).contains("context"));
  }

  void fortunesSplitByFile() {
    if (!QFileInfo::exists(gs::kFortunesDir)) QSKIP("fortunes not installed");
    const gs::ImageDataset d = gs::load_fortunes("", 0);
    QVERIFY(d.train_size() > 1000 && d.test_size() > 100);
    QVERIFY(d.shape.vocabulary.size() > 60 && d.shape.vocabulary.size() < 400);
    QCOMPARE(d.shape.width, gs::kTextChunk);
    const gs::DatasetInfo* info = gs::find_dataset("fortunes");
    QVERIFY(info && info->text && !info->needs_path);
    // The separators are gone: no line that is only "%".
    auto model = gs::create_model("chargpt", {}, d.shape);
    const torch::Tensor ids = d.train_images.narrow(0, 0, 200).reshape({-1}).to(torch::kLong);
    const std::string text = model->text()->decode(std::vector<int64_t>(ids.data_ptr<int64_t>(), ids.data_ptr<int64_t>() + ids.numel()));
    QVERIFY(text.find("\n%\n") == std::string::npos);
  }

  void trainingLowersValidationLossAndSamples_data() {
    QTest::addColumn<QString>("arch");
    QTest::newRow("gpt") << "gpt";
    QTest::newRow("lstm") << "lstm";
  }
  void trainingLowersValidationLossAndSamples() {
    QFETCH(QString, arch);
    QTemporaryDir dir;
    write_file(dir.filePath("grammar.txt"), grammar_text(1500));
    gs::SessionConfig c;
    c.model_id = "chargpt";
    c.dataset.id = "text";
    c.dataset.path = dir.filePath("grammar.txt").toStdString();
    c.params = {{"arch", arch.toStdString()}, {"layers", "2"}, {"width", "64"}, {"context", "32"},
                {"batch_size", "16"}, {"lr", "0.003"}, {"warmup", "20"}, {"decay_steps", "0"}};
    auto session = gs::TrainingSession::create(c);
    struct Watch : gs::TrainObserver {
      std::vector<double> val_bits;
      gs::SampleImages last;
      void on_stats(const gs::StepStats& s) override {
        for (size_t i = 0; i < s.metric_names.size(); ++i) {
          if (s.metric_names[i] == "val_bits_per_char") val_bits.push_back(s.metric_values[i]);
        }
      }
      void on_samples(const gs::SampleImages& s) override { last = s; }
    } watch;
    gs::RunOptions o;
    o.total_steps = 250;
    o.log_every = 10;
    o.sample_seconds = 0;
    o.threads = 1;
    gs::TrainControl control;
    session->run(o, control, watch);
    QVERIFY2(watch.val_bits.size() >= 2, "the validation probe never ran twice");
    const double first = watch.val_bits.front(), last = watch.val_bits.back();
    // Uniform over ~25 characters is ~4.6 bits; the grammar is far more predictable.
    QVERIFY2(first > 3.0 && last < 2.0 && last < first - 1.0,
             qPrintable(QString("%1: validation bits/char %2 → %3").arg(arch).arg(first).arg(last)));
    QCOMPARE(watch.last.text_prompt, std::string("he "));  // the grammar has no 'T': "he " remains
    QVERIFY(watch.last.text.size() > 200);
    QVERIFY(watch.last.samples.empty());
  }

  void checkpointRoundTripKeepsVocabulary() {
    // Model level: weights, optimizer state and the vocabulary.
    auto model = small_model(9);
    const torch::Tensor batch = torch::randint(9, {4, 1, 1, 65}, torch::kLong).to(torch::kFloat32);
    for (int i = 0; i < 3; ++i) model->train_step(batch);
    std::stringstream bytes;
    {
      torch::serialize::OutputArchive out;
      model->save_state(out);
      out.save_to(bytes);
    }
    torch::manual_seed(99);
    auto fresh = std::make_unique<gs::CharGptModel>(
        gs::resolve_params(gs::CharGptModel::param_specs(),
                           {{"layers", "2"}, {"heads", "2"}, {"width", "32"}, {"context", "16"}}),
        text_shape(9));
    model->set_training(false);
    fresh->set_training(false);
    const torch::Tensor x = torch::randint(9, {2, 16}, torch::kLong);
    std::optional<torch::NoGradGuard> g(std::in_place);
    QVERIFY(!torch::allclose(model->logits(x), fresh->logits(x)));
    {
      torch::serialize::InputArchive in;
      in.load_from(bytes);
      fresh->load_state(in);
    }
    QVERIFY(torch::equal(model->logits(x), fresh->logits(x)));
    QCOMPARE(fresh->steps_taken(), int64_t(3));
    // Another vocabulary (same size) is refused with a sentence.
    gs::ImageShape other = text_shape(9);
    other.vocabulary[0] = "Z";
    auto stranger = std::make_unique<gs::CharGptModel>(
        gs::resolve_params(gs::CharGptModel::param_specs(),
                           {{"layers", "2"}, {"heads", "2"}, {"width", "32"}, {"context", "16"}}),
        other);
    bytes.seekg(0);
    torch::serialize::InputArchive in2;
    in2.load_from(bytes);
    QVERIFY(errorOf([&] { stranger->load_state(in2); }).contains("vocabulary"));
    g.reset();

    // Session level: the checkpoint alone carries the vocabulary (the text file is gone).
    QTemporaryDir dir;
    write_file(dir.filePath("g.txt"), grammar_text(300));
    gs::SessionConfig c;
    c.model_id = "chargpt";
    c.dataset.id = "text";
    c.dataset.path = dir.filePath("g.txt").toStdString();
    c.params = {{"layers", "1"}, {"width", "32"}, {"heads", "2"}, {"context", "16"}};
    auto session = gs::TrainingSession::create(c);
    gs::RunOptions o;
    o.total_steps = 5;
    o.threads = 1;
    gs::TrainControl control;
    gs::TrainObserver quiet;
    session->run(o, control, quiet);
    const QString ckpt = dir.filePath("m.gsckpt");
    session->save(ckpt.toStdString());
    const std::vector<uint8_t> snap = session->snapshot();
    QFile::remove(dir.filePath("g.txt"));
    auto a = gs::Explorer::open(ckpt.toStdString());
    auto b = gs::Explorer::from_snapshot(snap);
    gs::TextModel* ta = a->internals().model->text();
    gs::TextModel* tb = b->internals().model->text();
    QVERIFY(ta && tb);
    QCOMPARE(ta->vocabulary(), tb->vocabulary());
    QVERIFY(std::count(ta->vocabulary().begin(), ta->vocabulary().end(), ".") == 1);
    auto g1 = at::make_generator<at::CPUGeneratorImpl>(4);
    auto g2 = at::make_generator<at::CPUGeneratorImpl>(4);
    a->internals().model->set_training(false);
    b->internals().model->set_training(false);
    QCOMPARE(ta->generate(ta->encode("the "), 50, {}, g1), tb->generate(tb->encode("the "), 50, {}, g2));
  }

  void flagsAndAttention() {
    auto m = gs::create_model("chargpt", {}, text_shape(7, 513));
    QCOMPARE(m->capabilities(), unsigned(gs::kGeneratesText));
    gs::TextModel* t = m->text();
    QVERIFY(t && !m->likelihood());
    QCOMPARE(t->context_length(), int64_t(64));
    QCOMPARE(t->attention_layers(), 4);
    QCOMPARE(t->attention_heads(), 4);
    m->set_training(false);
    const torch::Tensor att = t->attention({0, 1, 2, 3, 4}, 3, 2);
    QCOMPARE(att.sizes().vec(), (std::vector<int64_t>{5, 5}));
    QVERIFY(torch::allclose(att.sum(1), torch::ones({5})));
    QCOMPARE(att.triu(1).abs().sum().item<float>(), 0.f);  // nothing attends to the future
    QVERIFY(errorOf([&] { t->attention({0}, 4, 0); }).contains("layer 5"));
    QVERIFY(errorOf([&] { t->next_token_probs({}); }).contains("at least one"));
    QVERIFY(errorOf([&] { t->next_token_probs({7}); }).contains("not in the vocabulary"));
    auto lstm = gs::create_model("chargpt", {{"arch", "lstm"}}, text_shape(7, 513));
    QCOMPARE(lstm->text()->attention_layers(), 0);
    QVERIFY(errorOf([&] { lstm->text()->attention({0}, 0, 0); }).contains("no attention"));
    QVERIFY(m->set_live_param("grad_clip", "0.5"));
    QVERIFY(!m->set_live_param("layers", "3"));
  }
};

GS_TEST_MAIN(TestCharGpt)
#include "test_chargpt.moc"
