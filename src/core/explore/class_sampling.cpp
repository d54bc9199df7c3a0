#include "core/explore/class_sampling.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>

#include "core/common/image_grid.h"
#include "core/common/translate_errors.h"
#include "core/train/session_impl.h"

namespace gs {
namespace {

ClassConditional& require_conditional(TrainingSession::Impl& s) {
  ClassConditional* c = s.model->conditional();
  if (!c) {
    throw Error("The model '" + s.info.id + "' did not learn from class labels, so it cannot draw a chosen class "
                "(train it with class conditioning on a labelled dataset).");
  }
  return *c;
}

torch::Tensor samples_of(TrainingSession::Impl& s, int class_label, double guidance, int n, unsigned long seed) {
  if (n < 1 || n > 1024) throw Error("The number of samples must be between 1 and 1024.");
  ClassConditional& c = require_conditional(s);
  auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  c10::InferenceMode guard;
  s.model->set_training(false);
  return c.sample_classes(torch::full({n}, static_cast<int64_t>(class_label), torch::kLong), guidance, gen);
}

}  // namespace

std::vector<std::string> model_class_names(const Explorer& explorer) {
  TrainingSession::Impl& s = explorer.internals();
  if (!s.model->conditional()) return {};
  return s.model->image_shape().class_names;
}

Image sample_class_grid(const Explorer& explorer, const ClassGridRequest& r) {
  TrainingSession::Impl& s = explorer.internals();
  return translate_errors("Sampling a class", [&] {
    torch::Tensor x = samples_of(s, r.class_label, r.guidance, r.n, r.seed);
    return make_image_grid(x, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(r.n)))));
  });
}

}  // namespace gs
