#include "cli_app.h"

#include <algorithm>

namespace gs::cli {

CliApp::CliApp() {
  app.require_subcommand(1);
  // help2man reads --version and --help-all (every sub-command's options) for the man page.
  app.set_version_flag("--version", std::string("genstudio-cli ") + GENSTUDIO_VERSION);
  app.set_help_all_flag("--help-all", "Print the help of every sub-command and exit");

  t = app.add_subcommand("train", "Train a model; writes the run folder DIR (run.json, metrics.csv, checkpoints), DIR/samples.png (text models: DIR/sample.txt)");
  t->add_option("--model", train.model, "Model id (see `models`)")->capture_default_str();
  t->add_option("--dataset", train.dataset, "Dataset id (see `models`)")->capture_default_str();
  t->add_option("--data-path", train.data_path, "Folder for --dataset folder (or another Fashion-MNIST directory)");
  t->add_option("--data-path-b", train.data_path_b, "Folder of domain B for --dataset folders");
  t->add_option("--image-size", train.image_size, "Folder datasets: square image size")->capture_default_str();
  t->add_option("--channels", train.channels, "Folder datasets: 1 (gray) or 3 (RGB)")->capture_default_str();
  t->add_option("--limit", train.limit, "Use only the first N training images (0 = all)");
  t->add_option("--only-class", train.only_class, "Train on this class alone (labelled data; the test set stays whole)");
  t->add_option("--steps", train.steps, "Train until this step")->required();
  t->add_option("--seed", train.seed, "Random seed")->capture_default_str();
  t->add_option("--threads", train.threads, "Compute threads (0 = all cores)")->capture_default_str();
  t->add_option("--set", train.set, "Model parameter key=value (repeatable)");
  t->add_option("--out", train.out, "Output folder")->required();
  t->add_option("--resume", train.resume, "Continue from a checkpoint (its parameters and step)");
  t->add_option("--log-every", train.log_every, "Steps between metrics rows")->capture_default_str();
  t->add_option("--checkpoint-every", train.checkpoint_every, "Steps between checkpoints (0 = only at the end)");
  t->add_option("--keep", train.keep, "Step checkpoints kept at full spacing; older ones thin out (spacing doubling with age)")->capture_default_str();
  t->add_flag("--quiet", train.quiet, "No progress output");
  t->add_option("--world-size", train.world_size, "Data-parallel: the number of processes of the run (on one machine or several)")->capture_default_str();
  t->add_option("--rank", train.rank, "Data-parallel: this process's rank, 0 … world size − 1 (rank 0 writes the run folder)")->capture_default_str();
  t->add_option("--master", train.master, "Data-parallel: HOST:PORT where rank 0 listens")->capture_default_str();
  t->add_option("--dist-timeout", train.dist_timeout, "Data-parallel: seconds a silent or missing rank may take before the others stop")->capture_default_str();
  t->add_option("--processes", train.processes, "Start this many local ranks on loopback (one machine; threads split between them)")->capture_default_str();

  s = app.add_subcommand("sample", "Draw a grid of samples from a checkpoint");
  s->add_option("--checkpoint", sample.checkpoint, "Checkpoint file")->required();
  s->add_option("--n", sample.n, "Number of samples")->capture_default_str();
  s->add_option("--seed", sample.seed, "Random seed")->capture_default_str();
  s->add_option("--out", sample.out, "Output PNG")->required();
  s->add_option("--truncation", sample.truncation, "Style-based models: truncation ψ (0 … 2)");
  s->add_option("--sampler", sample.sampler, "Diffusion models: ddpm (all T steps) or ddim");
  s->add_option("--steps", sample.steps, "With --sampler: reverse steps (ddpm: T, its default; ddim: 1 … T, default 50)");
  s->add_option("--eta", sample.eta, "With --sampler ddim: η, 0 deterministic … 1 DDPM-like noise (default 0)");
  s->add_option("--class", sample.class_label, "Class-conditional models: the class to draw, 0 … K−1 (−1: any)");
  s->add_option("--guidance", sample.guidance,
                "With --class, diffusion models: classifier-free guidance w ≥ 0 (0: the conditional model alone)");

  m = app.add_subcommand("models", "List models, their parameters and the datasets");
  m->add_option("--dataset", models_dataset,
                "Show the defaults for this dataset's kind of data (points, grayscale, RGB, domains, text)");
  i = app.add_subcommand("info", "Show LibTorch, BLAS and thread information");

  ip = app.add_subcommand("interpolate", "Interpolate between two seeds: PNG strip, GIF or MP4");
  ip->add_option("--checkpoint", interp.checkpoint, "Checkpoint file")->required();
  ip->add_option("--from-seed", interp.from_seed, "Seed of the first latent")->capture_default_str();
  ip->add_option("--to-seed", interp.to_seed, "Seed of the last latent")->capture_default_str();
  ip->add_option("--frames", interp.frames, "Number of frames")->capture_default_str();
  ip->add_option("--mode", interp.mode, "lerp or slerp")->capture_default_str();
  ip->add_option("--fps", interp.fps, "Frames per second (GIF, MP4)")->capture_default_str();
  ip->add_option("--scale", interp.scale, "Pixel enlargement (GIF, MP4)")->capture_default_str();
  ip->add_option("--out", interp.out, "Output: .png (strip), .gif or .mp4")->required();

  tr = app.add_subcommand("translate", "Translate an image with a translation model (keeps its size)");
  tr->add_option("--checkpoint", translate.checkpoint, "Checkpoint file")->required();
  tr->add_option("--direction", translate.direction, "AtoB or BtoA")->capture_default_str();
  tr->add_option("--in", translate.in, "Input image")->required();
  tr->add_option("--out", translate.out, "Output PNG")->required();

  ev = app.add_subcommand("evaluate", "PSNR/SSIM of a translation model on held-out truth pairs");
  ev->add_option("--checkpoint", evaluate.checkpoint, "Checkpoint file")->required();
  ev->add_option("--pairs", evaluate.pairs, "Number of held-out pairs")->capture_default_str();

  el = app.add_subcommand("eval", "Test NLL in nats and bits/dim of a likelihood model, validation nats and bits per character of a text model, the AIS test log-likelihood of an RBM, or the per-pixel baseline");
  el->add_option("--checkpoint", eval.checkpoint, "Checkpoint file");
  el->add_option("--dataset", eval.dataset, "Dataset id (default: the checkpoint's; --baseline: fashion-mnist)");
  el->add_option("--limit", eval.limit, "Use the first N test images (0 = all)");
  el->add_flag("--baseline", eval.baseline, "The per-pixel independent baseline (256-way histogram per pixel)");
  el->add_option("--pseudo-count", eval.pseudo_count, "--baseline: pseudo-count added to every histogram bin")->capture_default_str();
  el->add_option("--data-path", eval.data_path, "--baseline: another Fashion-MNIST directory");
  el->add_option("--ais-runs", eval.ais_runs, "Energy models (RBM): AIS chains for log Z")->capture_default_str();
  el->add_option("--ais-betas", eval.ais_betas, "Energy models (RBM): AIS temperatures from the base rate to the model")->capture_default_str();
  el->add_flag("--quality", eval.quality, "The full quality report: FID, KID, precision, recall (GenStudio-classifier scores, each beside its real-vs-real value), the class histogram and the family's own metrics");
  el->add_option("--samples", eval.samples, "--quality: generated samples (and test images) to score")->capture_default_str();
  el->add_option("--seed", eval.seed, "--quality: sampling seed")->capture_default_str();
  el->add_option("--classifier", eval.classifier, "--quality: classifier file (default: the shipped models/fashion-classifier.gsclf)");

  tc = app.add_subcommand("train-classifier", "Train GenStudio's Fashion-MNIST classifier (the feature extractor of FID, KID, precision/recall and the class histogram)");
  tc->add_option("--out", clf.out, "Output file (.gsclf)")->required();
  tc->add_option("--epochs", clf.epochs, "Passes over the 60,000 training images")->capture_default_str();
  tc->add_option("--seed", clf.seed, "Random seed")->capture_default_str();
  tc->add_option("--threads", clf.threads, "Compute threads (0 = all cores)")->capture_default_str();
  tc->add_option("--data-path", clf.data_path, "Another Fashion-MNIST directory");

  gt = app.add_subcommand("generate", "Continue a prompt with a text model, character by character");
  gt->add_option("--checkpoint", generate.checkpoint, "Checkpoint of a text model")->required();
  gt->add_option("--prompt", generate.prompt, "Text to continue (characters the model never saw are reported and left out)")->required();
  gt->add_option("--tokens", generate.tokens, "Characters to generate")->capture_default_str();
  gt->add_option("--temperature", generate.temperature, "Sampling temperature (0: always the most likely)")->capture_default_str();
  gt->add_option("--top-k", generate.top_k, "Keep the k most likely characters (0: all)")->capture_default_str();
  gt->add_option("--top-p", generate.top_p, "Nucleus: the most likely characters up to this probability (1: all)")->capture_default_str();
  gt->add_option("--seed", generate.seed, "Random seed")->capture_default_str();
  gt->add_option("--threads", generate.threads, "Compute threads (0 = all cores)")->capture_default_str();

  an = app.add_subcommand("anomaly", "Anomaly scores of the test set or a folder; AUROC for a normal class");
  an->add_option("--checkpoint", anomaly.checkpoint, "Checkpoint file")->required();
  an->add_option("--folder", anomaly.folder, "Score the images under this folder instead of the test set");
  an->add_option("--out", anomaly.out, "Output CSV (one row per image, then a # summary line)")->required();
  an->add_option("--limit", anomaly.limit, "Score the first N test images (0 = all)");
  an->add_option("--normal-class", anomaly.normal_class, "The normal class for the AUROC (default: the class the checkpoint was trained on alone)");

  md = app.add_subcommand("make-dataset", "Generate a dataset from a checkpoint: N images as a PNG folder or IDX files, with manifest.json");
  md->add_option("--checkpoint", mkdata.checkpoint, "Checkpoint of a model that samples images")->required();
  md->add_option("--n", mkdata.n, "Number of images")->capture_default_str();
  md->add_option("--format", mkdata.format, "png (a folder: --dataset folder) or idx (Fashion-MNIST files: --dataset fashion-mnist)")->capture_default_str();
  md->add_option("--out", mkdata.out, "New or empty output folder")->required();
  md->add_option("--seed", mkdata.seed, "Seed of the first image (image i uses seed + i)")->capture_default_str();
  md->add_option("--truncation", mkdata.truncation, "Style-based models: truncation psi (0 ... 2)");
  md->add_option("--guidance", mkdata.guidance, "Class-conditional models: classifier-free guidance scale")->capture_default_str();
  md->add_flag("--quiet", mkdata.quiet, "No progress output");

  g = app.add_subcommand("bench-sgemm", "Measure the BLAS single-precision matmul rate (GFLOP/s)");
  g->add_option("--size", sgemm.size, "Matrix side")->capture_default_str();
  g->add_option("--threads", sgemm.threads, "Compute threads (0 = all cores)")->capture_default_str();
  g->add_option("--seconds", sgemm.seconds, "Time to measure")->capture_default_str();
}

void CliApp::parse(int argc, const char* const* argv) { app.parse(argc, argv); }

void CliApp::parse(std::vector<std::string> args) {
  std::reverse(args.begin(), args.end());  // CLI11 takes the vector last argument first
  app.parse(args);
}

}  // namespace gs::cli
