// Class conditioning (class_conditional.h): the trainer hands each batch's
// labels to train_step_labeled with the rows of the batch; classifier-free
// guidance combines (1 + w)·ε(x, c) − w·ε(x, ∅) (a hand-made denoiser), w = 0
// is the conditional prediction, label −1 is the null class, out-of-range
// labels and negative w are refused with sentences; the conditional ddpm and
// PixelCNN keep their classes through a checkpoint; the conditional PixelCNN's
// cached sampler matches the naive one and its marginal likelihood is the
// log-sum-exp of the class likelihoods.
#include <ATen/CPUGeneratorImpl.h>

#include <cmath>

#include "core/common/error.h"
#include "core/common/image_grid.h"
#include "core/explore/class_sampling.h"
#include "core/explore/explorer.h"
#include "core/train/checkpoint.h"
#include "core/model/capabilities.h"
#include "core/model/model_registry.h"
#include "core/models/ddpm/class_guidance.h"
#include "core/models/ddpm/ddpm_model.h"
#include "core/models/pixelcnn/pixelcnn_model.h"
#include "core/models/pixelcnn/pixelcnn_sampler.h"
#include "core/train/trainer.h"
#include "test_main.h"
#include "test_support.h"

namespace {

gs::ImageShape labelled(int64_t side, int classes) {
  gs::ImageShape s{1, side, side};
  for (int k = 0; k < classes; ++k) s.class_names.push_back("class " + std::to_string(k));
  return s;
}

std::unique_ptr<gs::DdpmModel> ddpm(gs::ImageShape shape, gs::ParamValues extra = {}) {
  torch::manual_seed(3);
  gs::ParamValues p{{"channels", "8"}, {"timesteps", "50"}, {"sample_steps", "5"}, {"attention", "false"}};
  for (const auto& [k, v] : extra) p[k] = v;
  return std::make_unique<gs::DdpmModel>(gs::resolve_params(gs::DdpmModel::param_specs(), p), shape);
}

std::unique_ptr<gs::PixelCnnModel> pixelcnn(gs::ImageShape shape) {
  torch::manual_seed(4);
  gs::ParamValues p{{"features", "8"}, {"layers", "3"}, {"head", "16"}, {"class_conditional", "true"}};
  return std::make_unique<gs::PixelCnnModel>(gs::resolve_params(gs::PixelCnnModel::param_specs(), p), shape);
}

// A model that records what the trainer hands it.
struct Recording : gs::GenerativeModel, gs::ClassConditional {
  std::vector<torch::Tensor> batches, labels;
  int unlabelled = 0;
  std::string id() const override { return "recording"; }
  unsigned capabilities() const override { return gs::kClassConditional; }
  gs::ImageShape image_shape() const override { return labelled(2, 7); }
  int64_t latent_dim() const override { return 0; }
  std::vector<std::string> loss_names() const override { return {"loss"}; }
  torch::Tensor train_step(const torch::Tensor&) override {
    ++unlabelled;
    return torch::zeros({1});
  }
  ClassConditional* conditional() override { return this; }
  int64_t num_classes() const override { return 7; }
  torch::Tensor train_step_labeled(const torch::Tensor& b, const torch::Tensor& y) override {
    batches.push_back(b.clone());
    labels.push_back(y.clone());
    return torch::zeros({1});
  }
  torch::Tensor sample_classes(const torch::Tensor&, double, torch::Generator&) override { return {}; }
  void set_learning_rate(double) override {}
  void set_training(bool) override {}
  void save_state(torch::serialize::OutputArchive&) const override {}
  void load_state(torch::serialize::InputArchive&) override {}
};

// A hand-made denoiser: out = x · (y + 1), so each class (and ∅ = K) scales x differently.
struct Scaling : gs::Denoiser {
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor&) override { return x; }
  torch::Tensor forward_labeled(const torch::Tensor& x, const torch::Tensor&, const torch::Tensor& y) override {
    calls++;
    return x * (y.to(torch::kFloat32) + 1).view({-1, 1, 1, 1});
  }
  int calls = 0;
};

}  // namespace

class TestConditional : public QObject {
  Q_OBJECT
 private slots:
  void labelsReachTheModelWithTheirRows() {
    // Image i is filled with the value i; its label is i mod 7.
    const int64_t n = 50;
    torch::Tensor images = torch::arange(n, torch::kFloat32).view({n, 1, 1, 1}).expand({n, 1, 2, 2}).contiguous();
    torch::Tensor labels = torch::arange(n, torch::kLong).remainder(7);
    gs::BatchSampler sampler(images, 8, 11);
    sampler.set_labels(labels);
    Recording model;
    gs::TrainControl control;
    gs::TrainObserver quiet;
    gs::RunOptions o;
    o.total_steps = 13;  // crosses an epoch (6 batches of 8 per epoch)
    o.log_every = 5;
    o.sample_seconds = 0;
    long step = 0;
    gs::run_training(model, sampler, &step, o, control, quiet, {});
    QCOMPARE(model.unlabelled, 0);
    QCOMPARE(static_cast<int>(model.labels.size()), 13);
    for (size_t s = 0; s < model.labels.size(); ++s) {
      QCOMPARE(model.labels[s].size(0), int64_t{8});
      torch::Tensor rows = model.batches[s].flatten(1).select(1, 0).to(torch::kLong);
      QVERIFY(torch::equal(rows.remainder(7), model.labels[s]));
    }
    // Without labels the same trainer calls train_step.
    gs::BatchSampler plain(images, 8, 11);
    Recording other;
    step = 0;
    gs::run_training(other, plain, &step, o, control, quiet, {});
    QCOMPARE(other.unlabelled, 13);
    QVERIFY(other.labels.empty());
    QVERIFY(errorOf([&] { plain.set_labels(torch::zeros({3}, torch::kLong)); }).contains("50 training images"));
  }

  void guidanceCombinesByHand() {
    Scaling net;
    torch::Tensor x = torch::ones({2, 1, 2, 2});
    torch::Tensor t = torch::zeros({2}, torch::kLong);
    const int64_t K = 3;  // ∅ = 3 → out = 4x
    torch::Tensor y = gs::class_indices(torch::tensor({1, -1}, torch::kLong), K, 2);
    QVERIFY(torch::equal(y, torch::tensor({1, 3}, torch::kLong)));  // −1 is the null class
    // w = 2: class 1 → 3·2x − 2·4x = −2x; the unconditional row stays 4x.
    torch::Tensor out = gs::guided_output(net, x, t, y, K, 2.0);
    QVERIFY(torch::allclose(out[0], torch::full({1, 2, 2}, -2.0f)));
    QVERIFY(torch::allclose(out[1], torch::full({1, 2, 2}, 4.0f)));
    QCOMPARE(net.calls, 1);  // one pass over the doubled batch
    // w = 0: the conditional prediction alone.
    QVERIFY(torch::allclose(gs::guided_output(net, x, t, y, K, 0.0)[0], torch::full({1, 2, 2}, 2.0f)));
    QVERIFY(torch::allclose(gs::combine_guidance(torch::tensor({1.0}), torch::tensor({3.0}), 0.5), torch::tensor({0.0})));
  }

  void badLabelsAndGuidanceAreRefused() {
    QVERIFY(errorOf([] { gs::class_indices(torch::tensor({0, 3}, torch::kLong), 3, 2); }).contains("outside 0 … 2"));
    QVERIFY(errorOf([] { gs::class_indices(torch::tensor({-2}, torch::kLong), 3, 1); }).contains("outside"));
    QVERIFY(errorOf([] { gs::class_indices(torch::tensor({0}, torch::kLong), 3, 2); }).contains("one class label per image"));
    QVERIFY(errorOf([] { gs::check_guidance(-1); }).contains("guidance scale"));
    QVERIFY(errorOf([] { gs::check_guidance(std::nan("")); }).contains("guidance scale"));
    auto model = ddpm(labelled(8, 3));
    QVERIFY(model->conditional());
    QVERIFY(errorOf([&] { model->train_step_labeled(torch::rand({2, 1, 8, 8}), torch::tensor({0, 5}, torch::kLong)); })
                .contains("outside 0 … 2"));
    gs::DiffusionSampling how;
    how.steps = 5;
    how.class_label = 7;
    auto gen = at::make_generator<at::CPUGeneratorImpl>(1);
    QVERIFY(errorOf([&] { model->sample(torch::randn({1, 1, 8, 8}), how, gen); }).contains("outside 0 … 2"));
    // Unlabelled data or the parameter off: an unconditional model that refuses a class.
    auto plain = ddpm(gs::ImageShape{1, 8, 8});
    QVERIFY(!plain->conditional());
    QVERIFY(!(plain->capabilities() & gs::kClassConditional));
    QVERIFY(!ddpm(labelled(8, 3), {{"class_conditional", "false"}})->conditional());
    how.class_label = 1;
    QVERIFY(errorOf([&] { plain->sample(torch::randn({1, 1, 8, 8}), how, gen); }).contains("without class labels"));
    auto pix = pixelcnn(labelled(6, 3));
    QVERIFY(errorOf([&] { pix->train_step(torch::rand({2, 1, 6, 6})); }).contains("needs each image's label"));
    QVERIFY(errorOf([&] { pix->train_step_labeled(torch::rand({2, 1, 6, 6}), torch::tensor({0, -1}, torch::kLong)); })
                .contains("outside 0 … 2"));
  }

  void ddpmGuidanceZeroIsTheConditionalPrediction() {
    auto model = ddpm(labelled(8, 3));
    for (int i = 0; i < 3; ++i) model->train_step_labeled(torch::rand({8, 1, 8, 8}), torch::tensor({0, 1, 2, 0, 1, 2, 0, 1}, torch::kLong));
    model->set_training(false);
    torch::Tensor x = torch::randn({2, 1, 8, 8});
    torch::Tensor t = torch::full({2}, 20, torch::kLong);
    gs::DiffusionSampling how;
    how.use_ema = false;
    how.class_label = 1;
    how.guidance = 0;
    torch::Tensor cond = model->predict(x, t, how).eps;
    how.class_label = -1;
    torch::Tensor uncond = model->predict(x, t, how).eps;
    how.class_label = 1;
    how.guidance = 2;
    torch::Tensor guided = model->predict(x, t, how).eps;
    QVERIFY(!torch::allclose(cond, uncond));  // the class changes the prediction after training
    QVERIFY(torch::allclose(guided, cond * 3 - uncond * 2, 1e-4, 1e-5));
    // sample_classes: one image per label in [0, 1], the same seed the same images.
    auto g1 = at::make_generator<at::CPUGeneratorImpl>(9), g2 = at::make_generator<at::CPUGeneratorImpl>(9);
    torch::Tensor a = model->sample_classes(torch::tensor({0, 2, -1}, torch::kLong), 1.0, g1);
    torch::Tensor b = model->sample_classes(torch::tensor({0, 2, -1}, torch::kLong), 1.0, g2);
    QVERIFY(a.sizes() == torch::IntArrayRef({3, 1, 8, 8}));
    QVERIFY(torch::equal(a, b));
    QVERIFY(a.min().item<float>() >= 0 && a.max().item<float>() <= 1);
  }

  void checkpointsKeepTheClasses() {
    for (const std::string id : {"ddpm", "pixelcnn"}) {
      gs::CheckpointMetadata meta;
      meta.config.model_id = id;
      meta.config.dataset.id = "fashion-mnist";
      meta.config.params = gs::resolve_params(
          gs::require_model(id).params,
          id == "ddpm" ? gs::ParamValues{{"channels", "8"}, {"timesteps", "50"}, {"sample_steps", "5"}}
                       : gs::ParamValues{{"features", "8"}, {"layers", "2"}, {"head", "16"}, {"class_conditional", "true"}});
      meta.shape = labelled(8, 3);
      torch::manual_seed(2);
      auto model = gs::create_model(id, meta.config.params, meta.shape);
      QVERIFY(model->conditional());
      model->conditional()->train_step_labeled(torch::rand({4, 1, 8, 8}), torch::tensor({0, 1, 2, 1}, torch::kLong));
      auto explorer = gs::Explorer::from_snapshot(gs::checkpoint_to_bytes(meta, *model));
      QCOMPARE(gs::model_class_names(*explorer), meta.shape.class_names);
      QVERIFY(explorer->capabilities() & gs::kClassConditional);
      gs::ClassGridRequest r;
      r.class_label = 2;
      r.guidance = 1.0;
      r.n = 4;
      const gs::Image grid = gs::sample_class_grid(*explorer, r);
      auto gen = at::make_generator<at::CPUGeneratorImpl>(r.seed);
      model->set_training(false);
      torch::Tensor direct;
      {
        c10::InferenceMode guard;
        direct = model->conditional()->sample_classes(torch::full({4}, 2, torch::kLong), 1.0, gen);
      }
      const gs::Image expected = gs::make_image_grid(direct, 2);
      QVERIFY(grid.pixels == expected.pixels);
      r.class_label = 3;
      QVERIFY(errorOf([&] { gs::sample_class_grid(*explorer, r); }).contains("outside"));
    }
    // A model without classes says so in a sentence.
    gs::CheckpointMetadata meta;
    meta.config.model_id = "ddpm";
    meta.config.dataset.id = "fashion-mnist";
    meta.config.params = gs::resolve_params(gs::require_model("ddpm").params, {{"channels", "8"}, {"timesteps", "50"}});
    meta.shape = gs::ImageShape{1, 8, 8};
    auto plain = gs::create_model("ddpm", meta.config.params, meta.shape);
    auto explorer = gs::Explorer::from_snapshot(gs::checkpoint_to_bytes(meta, *plain));
    QVERIFY(gs::model_class_names(*explorer).empty());
    QVERIFY(errorOf([&] { gs::sample_class_grid(*explorer, {}); }).contains("did not learn from class labels"));
  }

  void pixelCnnConditionalSamplersAgreeAndTheMarginalIsExact() {
    auto model = pixelcnn(labelled(6, 3));
    QVERIFY(model->conditional());
    QVERIFY(model->capabilities() & gs::kClassConditional);
    torch::Tensor data = torch::rand({6, 1, 6, 6});
    torch::Tensor y = torch::tensor({0, 1, 2, 0, 1, 1}, torch::kLong);
    for (int i = 0; i < 5; ++i) model->train_step_labeled(data, y);
    model->set_training(false);
    c10::InferenceMode guard;
    // The class biases make the classes differ, and the cached sampler follows the naive one per class.
    torch::Tensor noise = torch::rand({3, 1, 6, 6});
    torch::Tensor blank = torch::zeros({3, 1, 6, 6});
    torch::Tensor all = torch::ones({3, 1, 6, 6}, torch::kBool);
    torch::Tensor labels = torch::tensor({0, 1, 2}, torch::kLong);
    torch::Tensor fast = gs::sample_cached(model->net(), blank, all, 1.0, noise, {}, labels);
    torch::Tensor slow = gs::sample_naive(model->net(), blank, all, 1.0, noise, {}, labels);
    QVERIFY((fast - slow).abs().max().item<float>() <= 1.0f / 255 + 1e-6);
    QVERIFY(!torch::allclose(model->net().forward(blank, torch::tensor({0, 0, 0}, torch::kLong)),
                             model->net().forward(blank, torch::tensor({1, 1, 1}, torch::kLong))));
    // Marginal NLL = −log Σ_y p(y) p(x | y), p(y) the label frequencies with add-one (counts 10, 15, 5 → 11, 16, 6).
    torch::Tensor x = data.narrow(0, 0, 2);
    const double prior[3] = {11.0 / 33, 16.0 / 33, 6.0 / 33};
    torch::Tensor marginal = model->nll_nats(x);
    for (int64_t i = 0; i < 2; ++i) {
      double sum = 0;
      for (int64_t k = 0; k < 3; ++k) {
        const double nll = model->nll_nats_given(x.narrow(0, i, 1), torch::tensor({k})).item<double>();
        sum += prior[k] * std::exp(-(nll - 100.0));
      }
      QVERIFY(std::abs(marginal[i].item<double>() - (100.0 - std::log(sum))) < 1e-3);
    }
  }
};

GS_TEST_MAIN(TestConditional)
#include "test_conditional.moc"
