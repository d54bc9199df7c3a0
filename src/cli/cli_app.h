// cli_app.h — genstudio-cli's command line: the CLI11 app with every sub-command
// and its options, bound to the option structs of cli_commands.h. main.cpp
// parses argv with it and runs the chosen command; the fuzz target
// (fuzz/fuzz_cli.cpp) parses arbitrary argument lists with the same object
// without running anything.
//
// Ownership: owns the CLI::App (and its sub-commands, which the App owns) and
// the option values they write into; not copyable or movable (CLI11 keeps
// pointers into this object). Thread affinity: the thread that uses it.
// Failure modes: parse() throws CLI::ParseError (CLI11's own errors, and its
// CallForHelp/CallForVersion "successes") for bad argument lists; nothing else.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "cli_commands.h"

namespace gs::cli {

class CliApp {
 public:
  CliApp();
  CliApp(const CliApp&) = delete;
  CliApp& operator=(const CliApp&) = delete;

  // Parses argv as main() receives it (argv[0] the program name); throws CLI::ParseError.
  void parse(int argc, const char* const* argv);
  void parse(std::vector<std::string> args);  // in order, without the program name

  CLI::App app{"GenStudio headless tool: train, sample and inspect generative models."};

  TrainOptions train;
  SampleOptions sample;
  std::string models_dataset;
  InterpolateOptions interp;
  TranslateOptions translate;
  EvaluateOptions evaluate;
  EvalOptions eval;
  TrainClassifierOptions clf;
  GenerateOptions generate;
  AnomalyOptions anomaly;
  MakeDatasetOptions mkdata;
  SgemmOptions sgemm;

  // The sub-commands (owned by `app`); after parse(), exactly one has parsed().
  CLI::App* t = nullptr;   // train
  CLI::App* s = nullptr;   // sample
  CLI::App* m = nullptr;   // models
  CLI::App* i = nullptr;   // info
  CLI::App* ip = nullptr;  // interpolate
  CLI::App* tr = nullptr;  // translate
  CLI::App* ev = nullptr;  // evaluate
  CLI::App* el = nullptr;  // eval
  CLI::App* tc = nullptr;  // train-classifier
  CLI::App* gt = nullptr;  // generate
  CLI::App* an = nullptr;  // anomaly
  CLI::App* md = nullptr;  // make-dataset
  CLI::App* g = nullptr;   // bench-sgemm
};

}  // namespace gs::cli
