// cli_commands.cpp — `sample`, `models` and `info`.
#include <cstdio>
#include <string>

#include "cli_commands.h"
#include "core/common/error.h"
#include "core/common/runtime_info.h"
#include "core/common/sgemm_probe.h"
#include "core/data/image_file.h"
#include "core/explore/animation_writer.h"
#include "core/explore/class_sampling.h"
#include "core/explore/diffusion_sampling.h"
#include "core/explore/explorer.h"
#include "core/explore/quality_explorer.h"
#include "core/explore/quality_explorer.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include "core/model/model_catalog.h"
#include "core/model/model_defaults.h"
#include "core/train/training_session.h"

namespace gs::cli {

namespace {

// The diffusion sampler the flags ask for: --sampler, --steps, --eta (DDIM's,
// 0 when not given), --n and --seed, of `class_label` with guidance `w`.
DiffusionGridRequest diffusion_request(const SampleOptions& o, int class_label, double w) {
  DiffusionGridRequest r;
  r.sampler = o.sampler;
  r.steps = o.steps;
  r.eta = o.eta < 0 ? 0.0 : o.eta;
  r.n = o.n;
  r.seed = o.seed;
  r.class_label = class_label;
  r.guidance = w;
  return r;
}

} // namespace

int run_sample(const SampleOptions& o) {
  if (o.checkpoint.empty()) throw Error("--checkpoint PATH is required.");
  if (o.out.empty()) throw Error("--out FILE.png is required.");
  if (o.n < 1 || o.n > 1024) throw Error("--n must be between 1 and 1024.");
  if (o.guidance >= 0 && o.class_label < 0) {
    throw Error("--guidance steers samples towards a class; give --class K too.");
  }
  if (o.class_label != -2 && o.class_label < -1) throw Error("--class must be a class number 0 … K−1, or −1 for any class.");
  if (o.class_label != -2 || o.guidance >= 0) {
    if (o.truncation >= 0) throw Error("--truncation applies to style-based models, not to class-conditional ones.");
    auto explorer = Explorer::open(o.checkpoint);
    const std::vector<std::string> names = model_class_names(*explorer);
    if (names.empty()) {
      throw Error("The model in '" + o.checkpoint + "' did not learn from class labels, so --class does not apply.");
    }
    if (o.class_label >= static_cast<int>(names.size())) {
      throw Error("--class " + std::to_string(o.class_label) + " is not one of the model's classes 0 … " +
                  std::to_string(names.size() - 1) + ".");
    }
    const double w = o.guidance < 0 ? 0.0 : o.guidance;
    const std::string what = o.class_label < 0 ? "any class" : "class " + std::to_string(o.class_label) + " (" + names[o.class_label] + ")";
    if (!o.sampler.empty()) {
      const DiffusionGridResult result = sample_diffusion_grid(*explorer, diffusion_request(o, o.class_label, w));
      write_png(result.grid, o.out);
      std::fprintf(stderr, "wrote %d samples of %s, guidance %g (%s, %d steps) to %s in %.2f s\n", o.n, what.c_str(), w,
                   result.sampler.c_str(), result.steps, o.out.c_str(), result.seconds);
      return 0;
    }
    if (o.steps != 0 || o.eta >= 0) throw Error("--steps and --eta choose a diffusion sampler's steps; give --sampler ddpm or ddim too.");
    ClassGridRequest r;
    r.class_label = o.class_label;
    r.guidance = w;
    r.n = o.n;
    r.seed = o.seed;
    write_png(sample_class_grid(*explorer, r), o.out);
    std::fprintf(stderr, "wrote %d samples of %s, guidance %g, to %s\n", o.n, what.c_str(), w, o.out.c_str());
    return 0;
  }
  if (o.sampler.empty()) {
    if (o.steps != 0 || o.eta >= 0) throw Error("--steps and --eta choose a diffusion sampler's steps; give --sampler ddpm or ddim too.");
  } else {
    if (o.truncation >= 0) throw Error("--truncation applies to style-based models, not to diffusion samplers.");
    if (o.steps < 0) throw Error("--steps must be a positive number of reverse steps.");
    auto explorer = Explorer::open(o.checkpoint);
    const DiffusionGridRequest r = diffusion_request(o, -1, 0.0);
    const DiffusionGridResult result = sample_diffusion_grid(*explorer, r);
    write_png(result.grid, o.out);
    std::fprintf(stderr, "wrote %d samples (%s, %d steps, eta %g) to %s in %.2f s\n", o.n, result.sampler.c_str(),
                 result.steps, r.sampler == "ddpm" ? 1.0 : r.eta, o.out.c_str(), result.seconds);
    return 0;
  }
  auto session = TrainingSession::open(o.checkpoint);
  if (o.truncation >= 0) {
    if (o.truncation > 2) throw Error("--truncation must be between 0 and 2.");
    if (!(session->model_info().capabilities & kHasStyles)) {
      throw Error("--truncation applies to style-based models; '" + session->model_info().id + "' has none.");
    }
    session->set_truncation(o.truncation);
  }
  write_png(session->sample_grid(o.n, o.seed), o.out);
  std::fprintf(stderr, "wrote %d samples of %s (step %ld) to %s\n", o.n,
               session->model_info().id.c_str(), session->step(), o.out.c_str());
  return 0;
}

int run_interpolate(const InterpolateOptions& o) {
  if (o.checkpoint.empty() || o.out.empty()) throw Error("--checkpoint and --out are required.");
  if (o.frames < 2 || o.frames > 2000) throw Error("--frames must be between 2 and 2000.");
  if (o.mode != "lerp" && o.mode != "slerp") throw Error("--mode must be lerp or slerp.");
  if (o.fps < 1 || o.fps > 120) throw Error("--fps must be between 1 and 120.");
  if (o.scale < 1 || o.scale > 32) throw Error("--scale must be between 1 and 32.");
  auto explorer = Explorer::open(o.checkpoint);
  if (!(explorer->capabilities() & kCanDecode) || explorer->is_point_data()) {
    throw Error("The model in '" + o.checkpoint + "' cannot decode latents into images.");
  }
  const auto path = explorer->interpolate({explorer->random_latent(o.from_seed), explorer->random_latent(o.to_seed)},
                                          o.frames, o.mode == "slerp");
  write_sequence(explorer->decode_many(path), o.out, o.fps, o.scale);
  std::fprintf(stderr, "wrote %d frames (%s, seed %lu → %lu) to %s\n", o.frames, o.mode.c_str(), o.from_seed,
               o.to_seed, o.out.c_str());
  return 0;
}

namespace {

Image read_image(const std::string& path) {
  std::string damage;
  cv::Mat m = read_image_file(path, ImageRead::AsStored, &damage);  // sizes checked before decoding
  if (!damage.empty()) std::fprintf(stderr, "genstudio-cli: warning: %s\n", damage.c_str());
  Image img;
  if (m.channels() == 1) {
    img.channels = 1;
  } else {
    cv::cvtColor(m, m, cv::COLOR_BGR2RGB);
    img.channels = 3;
  }
  img.width = m.cols;
  img.height = m.rows;
  img.pixels.assign(m.data, m.data + m.total() * m.channels());
  return img;
}

}  // namespace

int run_translate(const TranslateOptions& o) {
  if (o.direction != "AtoB" && o.direction != "BtoA") throw Error("--direction must be AtoB or BtoA.");
  auto explorer = Explorer::open(o.checkpoint);
  if (!(explorer->capabilities() & kCanTranslate)) {
    throw Error("The model in '" + o.checkpoint + "' does not translate images.");
  }
  const Image in = read_image(o.in);
  write_png(explorer->translate(in, o.direction == "AtoB"), o.out);
  std::fprintf(stderr, "wrote %s (%d×%d, %s)\n", o.out.c_str(), in.width, in.height, o.direction.c_str());
  return 0;
}

int run_evaluate(const EvaluateOptions& o) {
  auto explorer = Explorer::open(o.checkpoint);
  if (!(explorer->capabilities() & kCanTranslate)) {
    throw Error("Evaluation against truth pairs is for translation models; '" + o.checkpoint + "' is not one.");
  }
  const TranslationScores s = explorer->evaluate_translation(o.pairs);
  std::printf("pairs,direction,psnr_db,ssim,identity_psnr_db,identity_ssim,flat_psnr_db,shifted_truth_psnr_db\n");
  std::printf("%d,AtoB,%.3f,%.4f,%.3f,%.4f,%.3f,%.3f\n", s.pairs, s.psnr_ab, s.ssim_ab, s.identity_psnr_ab,
              s.identity_ssim_ab, s.flat_psnr_ab, s.shifted_psnr_ab);
  std::printf("%d,BtoA,%.3f,%.4f,%.3f,%.4f,%.3f,%.3f\n", s.pairs, s.psnr_ba, s.ssim_ba, s.identity_psnr_ba,
              s.identity_ssim_ba, s.flat_psnr_ba, s.shifted_psnr_ba);
  std::fprintf(stderr, "%.2f ms per translated test image, %.1f ms per 256×256 image\n", 1000 * s.seconds_per_image,
               1000 * s.seconds_per_256);
  // The garment → edges direction of the built-in task: the boundary F-measure beside the identity
  // baseline (on stderr, so the CSV above stays as it was).
  if (edge_boundaries_apply(*explorer)) {
    const EdgeBoundaryScores e = evaluate_edge_boundaries(*explorer, o.pairs);
    std::fprintf(stderr,
                 "boundary F-measure, garment → edges (B→A), %d pairs, tolerance %.0f px: F %.3f (precision %.3f, "
                 "recall %.3f at threshold %.2f); identity baseline (the garment thresholded at %.2f): F %.3f "
                 "(precision %.3f, recall %.3f)\n",
                 e.pairs, e.tolerance, e.f, e.precision, e.recall, e.threshold, e.identity_threshold, e.identity_f,
                 e.identity_precision, e.identity_recall);
  }
  return 0;
}

int run_models(const std::string& dataset) {
  const DatasetInfo* data = dataset.empty() ? nullptr : find_dataset(dataset);
  if (!dataset.empty() && !data) throw Error("Unknown dataset '" + dataset + "' (see `genstudio-cli models`).");
  if (data) {
    const DataKind kind = data_kind_of(*data);
    std::printf("defaults for %s (%s, data of kind '%s')\n\n", data->id.c_str(), data->name.c_str(),
                data_kind_id(kind).c_str());
  }
  for (const ModelInfo& m : model_catalog()) {
    std::printf("%s — %s\n  %s\n  capabilities: %s\n  losses:", m.id.c_str(), m.name.c_str(),
                m.description.c_str(), describe_capabilities(m.capabilities).c_str());
    for (const auto& l : m.loss_names) std::printf(" %s", l.c_str());
    std::printf("\n  parameters (--set key=value):\n");
    const std::vector<ParamSpec> specs = data ? params_for(m, data_kind_of(*data)) : m.params;
    for (size_t i = 0; i < specs.size(); ++i) {
      const ParamSpec& p = specs[i];
      std::string range;
      switch (p.type) {
        case ParamSpec::Type::Int:
        case ParamSpec::Type::Float:
          range = format_number(p.min) + " … " + format_number(p.max);
          break;
        case ParamSpec::Type::Choice:
          for (const auto& c : p.choices) range += (range.empty() ? "" : "|") + c;
          break;
        case ParamSpec::Type::Bool: range = "true|false"; break;
      }
      // The kinds of data whose default differs, e.g. "(points 256, rgb 32)".
      std::string by_kind;
      if (!data) {
        for (DataKind k : data_kinds()) {
          const ParamValues& o = kind_overrides(m, k);
          const auto it = o.find(p.key);
          if (it == o.end()) continue;
          const std::string v = params_for(m, k).at(i).default_value;
          by_kind += (by_kind.empty() ? "" : ", ") + data_kind_id(k) + " " + v;
        }
      }
      std::string def = p.default_value;
      if (!by_kind.empty()) def += " (" + by_kind + ")";
      std::printf("    %-14s default %-8s [%s]  %s\n", p.key.c_str(), def.c_str(), range.c_str(), p.help.c_str());
    }
    std::printf("\n");
  }
  for (const ModelInfo& m : registered_models()) {
    if (m.trainable) continue;
    std::printf("%s — %s\n  %s\n  capabilities: %s\n", m.id.c_str(), m.name.c_str(), m.description.c_str(),
                describe_capabilities(m.capabilities).c_str());
    std::printf("  not trainable: imported from a file, so `train --model %s` refuses it; pass the module as\n"
                "  --checkpoint MODULE.pt to sample, interpolate or translate, with MODULE.pt.json next to it.\n\n",
                m.id.c_str());
  }
  std::printf("datasets (--dataset ID):\n");
  for (const DatasetInfo& d : dataset_catalog()) {
    std::printf("  %-14s %s%s\n", d.id.c_str(), d.description.c_str(),
                d.needs_path ? " Needs --data-path DIR." : "");
  }
  return 0;
}

int run_info() {
  std::printf("GenStudio %s\n%s", GENSTUDIO_VERSION, format_runtime_info(runtime_info()).c_str());
  const std::string classifier = find_shipped_classifier();
  std::printf("Quality classifier: %s\n", classifier.empty() ? "not found (FID and the class histogram need it)"
                                                              : classifier.c_str());
  return 0;
}

int run_bench_sgemm(const SgemmOptions& o) {
  const SgemmRate r = measure_sgemm(o.size, o.threads, o.seconds);
  const RuntimeInfo info = runtime_info();
  std::printf("sgemm %dx%d, %d thread(s): %.1f GFLOP/s (best of %d) — %s, kernel %s\n", r.size,
              r.size, r.threads, r.gflops, r.repetitions, info.blas_library.c_str(),
              info.blas_kernel.c_str());
  return 0;
}

}  // namespace gs::cli
