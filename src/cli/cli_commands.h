// cli_commands.h — the subcommands of genstudio-cli. Each returns the process
// exit code and throws gs::Error for problems the user can fix (main prints the
// message on one line).
//
// Ownership: options are plain values filled by CLI11. Thread affinity: main thread.
#pragma once

#include <string>
#include <vector>

namespace gs::cli {

struct TrainOptions {
  std::string model = "vae";
  std::string dataset = "fashion-mnist";
  std::string data_path;
  std::string data_path_b;
  int image_size = 28;
  int channels = 1;
  long limit = 0;
  int only_class = -1;
  long steps = 1000;
  unsigned long seed = 1;
  int threads = 0;
  std::vector<std::string> set;
  std::string out;
  std::string resume;
  int log_every = 50;
  long checkpoint_every = 0;
  int keep = 8;  // the newest step checkpoints all kept; older ones thin out
  bool quiet = false;
  // Data-parallel training (core/train/distributed/): this process's rank of world_size,
  // rank 0 listening at master; or `processes` local ranks started by the launcher.
  int world_size = 1;
  int rank = 0;
  std::string master = "127.0.0.1:29500";
  double dist_timeout = 60;
  int processes = 1;
  std::vector<std::string> argv;  // the command line as given (the launcher re-runs it per rank)
};

struct SampleOptions {
  std::string checkpoint;
  double truncation = -1;  // < 0: the model's own setting
  int n = 64;
  unsigned long seed = 1;
  std::string out;
  std::string sampler;     // diffusion models: "ddpm" or "ddim" (empty: the model's own sampling)
  int steps = 0;           // with --sampler: 0 = T for ddpm, 50 for ddim
  double eta = -1;         // with --sampler ddim: η (< 0: 0)
  int class_label = -2;    // class-conditional models: the class to draw (−1: any; −2: not given)
  double guidance = -1;    // with --class: classifier-free guidance w (< 0: not given, 0)
};

struct InterpolateOptions {
  std::string checkpoint;
  unsigned long from_seed = 1;
  unsigned long to_seed = 2;
  int frames = 16;
  std::string mode = "slerp";
  std::string out;
  int fps = 12;
  int scale = 4;
};

struct TranslateOptions {
  std::string checkpoint;
  std::string direction = "AtoB";
  std::string in;
  std::string out;
};

struct EvaluateOptions {
  std::string checkpoint;
  int pairs = 1000;
};

struct EvalOptions {
  std::string checkpoint;
  std::string dataset;     // empty: the checkpoint's dataset
  std::string data_path;   // --baseline: another Fashion-MNIST directory
  long limit = 0;          // test images (0 = all)
  bool baseline = false;   // the per-pixel independent baseline instead of a checkpoint
  double pseudo_count = 0.5;
  int ais_runs = 100;      // energy models: AIS chains
  int ais_betas = 10000;   // energy models: AIS temperatures
  bool quality = false;    // the full quality report (evaluate_quality)
  int samples = 2000;      // --quality: generated samples (and test images)
  unsigned long seed = 1;  // --quality: sampling seed
  std::string classifier;  // --quality: classifier file (empty: the shipped one)
};

struct TrainClassifierOptions {
  std::string out;
  int epochs = 5;
  unsigned long seed = 1;
  int threads = 0;
  std::string data_path;   // another Fashion-MNIST directory
  std::string command;     // the command line, recorded in the file
};

struct GenerateOptions {
  std::string checkpoint;
  std::string prompt = "\n";
  int tokens = 200;
  double temperature = 1.0;
  int top_k = 0;
  double top_p = 1.0;
  unsigned long seed = 1;
  int threads = 0;
};

struct AnomalyOptions {
  std::string checkpoint;
  std::string folder;      // score these images instead of the test set
  std::string out;
  long limit = 0;          // test images (0 = all)
  int normal_class = -1;   // −1: the class the checkpoint was trained on alone, if any
};

struct MakeDatasetOptions {
  std::string checkpoint;
  int n = 1000;
  std::string format = "png";
  std::string out;
  unsigned long seed = 1;
  double truncation = -1;  // < 0: the model's own setting
  double guidance = 0;     // class-conditional models: classifier-free guidance scale
  bool quiet = false;
};

struct SgemmOptions {
  int size = 1024;
  int threads = 1;
  double seconds = 2.0;
};

int run_train(const TrainOptions& options);
// `train --processes N`: runs N ranks of the same command on loopback, their
// output prefixed "[rank R]"; returns the worst rank's exit code (cli_launch.cpp).
int launch_local_ranks(const TrainOptions& options);
int run_sample(const SampleOptions& options);
// Every model with its parameters: each default and, where a kind of data
// changes it, the per-kind default ("points 256"); with a dataset id, the
// defaults resolved for that dataset's kind (gs::Error for an unknown id).
int run_models(const std::string& dataset = "");
int run_info();
int run_bench_sgemm(const SgemmOptions& options);
int run_interpolate(const InterpolateOptions& options);
int run_translate(const TranslateOptions& options);
int run_evaluate(const EvaluateOptions& options);
int run_eval(const EvalOptions& options);
int run_generate(const GenerateOptions& o);
int run_anomaly(const AnomalyOptions& options);
int run_make_dataset(const MakeDatasetOptions& options);
int run_train_classifier(const TrainClassifierOptions& options);
int run_quality_eval(const EvalOptions& options);

}  // namespace gs::cli
