// cli_text.cpp — `genstudio-cli generate` (a continuation of a prompt from a
// text model, written out as it is sampled) and the text branch of `eval`
// (validation nats and bits per character).
#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <chrono>
#include <cstdio>

#include "cli_commands.h"
#include "core/common/error.h"
#include "core/explore/explorer.h"
#include "core/metrics/text_eval.h"
#include "core/model/capabilities.h"
#include "core/train/session_impl.h"

namespace gs::cli {
namespace {

std::string shown(const std::string& ch) {
  if (ch.size() == 1 && (static_cast<unsigned char>(ch[0]) < 0x20 || ch[0] == 0x7F)) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned char>(ch[0]));
    return buf;
  }
  return "'" + ch + "'";
}

TextModel& text_model_of(Explorer& explorer, const std::string& path) {
  TextModel* t = explorer.internals().model->text();
  if (!t) {
    throw Error("The model '" + explorer.model_info().id + "' in '" + path +
                "' does not generate text; give the checkpoint of a text model such as chargpt.");
  }
  return *t;
}

}  // namespace

int run_generate(const GenerateOptions& o) {
  if (o.checkpoint.empty()) throw Error("--checkpoint is required.");
  if (o.tokens < 0 || o.tokens > 1000000) throw Error("--tokens must be between 0 and 1000000.");
  if (o.threads > 0) at::set_num_threads(o.threads);
  auto explorer = Explorer::open(o.checkpoint);
  TextModel& t = text_model_of(*explorer, o.checkpoint);
  std::vector<std::string> unknown;
  const std::vector<int64_t> prompt = t.encode(o.prompt, &unknown);
  if (!unknown.empty()) {
    std::string list;
    for (const auto& ch : unknown) list += (list.empty() ? "" : ", ") + shown(ch);
    std::fprintf(stderr, "genstudio-cli: warning: the model has never seen %s; %s left out of the prompt.\n",
                 list.c_str(), unknown.size() == 1 ? "it was" : "they were");
  }
  if (prompt.empty()) {
    throw Error("None of the prompt's characters is in the model's vocabulary of " +
                std::to_string(t.vocabulary().size()) + " characters; write a prompt in the text it learned.");
  }
  TextSampling how;
  how.temperature = o.temperature;
  how.top_k = o.top_k;
  how.top_p = o.top_p;
  apply_text_sampling(torch::ones({1}), how);  // bad settings refused before the output starts
  std::fputs(t.decode(prompt).c_str(), stdout);
  std::fflush(stdout);
  auto gen = at::make_generator<at::CPUGeneratorImpl>(o.seed);
  c10::InferenceMode guard;
  explorer->internals().model->set_training(false);
  const auto start = std::chrono::steady_clock::now();
  const std::vector<int64_t> out = t.generate(prompt, o.tokens, how, gen, [&](int64_t tok, const torch::Tensor&) {
    std::fputs(t.vocabulary()[static_cast<size_t>(tok)].c_str(), stdout);
    std::fflush(stdout);
    return true;
  });
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fputs("\n", stdout);
  std::fprintf(stderr, "%zu characters in %.2f s (%.0f characters/s), context %ld, temperature %g, top-k %d, top-p %g\n",
               out.size(), seconds, seconds > 0 ? static_cast<double>(out.size()) / seconds : 0.0,
               static_cast<long>(t.context_length()), o.temperature, o.top_k, o.top_p);
  return 0;
}

int run_text_eval(Explorer& explorer, const EvalOptions& o) {
  TextModel& t = text_model_of(explorer, o.checkpoint);
  (void)t;
  if (!o.dataset.empty() && o.dataset != explorer.internals().config.dataset.id) {
    throw Error("A text model is evaluated on the validation part of the text it was trained on ('" +
                explorer.internals().config.dataset.id + "'); leave out --dataset.");
  }
  TrainingSession::Impl& impl = explorer.internals();
  impl.ensure_data();
  torch::Tensor chunks = impl.data->test_images;
  if (chunks.size(0) == 0) throw Error("The text is too short to have a validation part to evaluate on.");
  if (o.limit > 0) chunks = chunks.narrow(0, 0, std::min<int64_t>(o.limit, chunks.size(0)));
  const TextEvalResult r = evaluate_text(*impl.model, chunks);
  std::printf("model,dataset,characters,nats_per_char,bits_per_char\n");
  std::printf("%s,%s,%ld,%.4f,%.4f\n", explorer.model_info().id.c_str(), impl.config.dataset.id.c_str(),
              static_cast<long>(r.characters), r.nats, r.bits);
  std::fprintf(stderr, "%s at step %ld: validation loss %.4f nats/char = %.4f bits/char over %ld characters in %.1f s\n",
               explorer.model_info().id.c_str(), explorer.step(), r.nats, r.bits, static_cast<long>(r.characters),
               r.seconds);
  return 0;
}

}  // namespace gs::cli
