// genstudio-cli — the headless front end: train, sample, make datasets, list models, runtime info.
#include <cstdio>
#include <string>

#include "cli_app.h"
#include "cli_commands.h"
#include "core/common/blas_setup.h"
#include "core/common/error.h"

int main(int argc, char** argv) {
  gs::set_up_numeric_libraries(argc, argv);
  gs::cli::CliApp cl;
  try {
    cl.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return cl.app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return cl.app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return cl.app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "genstudio-cli: %s (see genstudio-cli --help)\n", e.what());
    return 2;
  }
  try {
    if (cl.t->parsed()) {
      cl.train.argv.assign(argv, argv + argc);
      return cl.train.processes > 1 ? gs::cli::launch_local_ranks(cl.train) : gs::cli::run_train(cl.train);
    }
    if (cl.s->parsed()) return gs::cli::run_sample(cl.sample);
    if (cl.m->parsed()) return gs::cli::run_models(cl.models_dataset);
    if (cl.i->parsed()) return gs::cli::run_info();
    if (cl.g->parsed()) return gs::cli::run_bench_sgemm(cl.sgemm);
    if (cl.ip->parsed()) return gs::cli::run_interpolate(cl.interp);
    if (cl.tr->parsed()) return gs::cli::run_translate(cl.translate);
    if (cl.ev->parsed()) return gs::cli::run_evaluate(cl.evaluate);
    if (cl.el->parsed()) return cl.eval.quality ? gs::cli::run_quality_eval(cl.eval) : gs::cli::run_eval(cl.eval);
    if (cl.tc->parsed()) {
      cl.clf.command = "genstudio-cli";
      for (int a = 1; a < argc; ++a) cl.clf.command += std::string(" ") + argv[a];
      return gs::cli::run_train_classifier(cl.clf);
    }
    if (cl.an->parsed()) return gs::cli::run_anomaly(cl.anomaly);
    if (cl.gt->parsed()) return gs::cli::run_generate(cl.generate);
    if (cl.md->parsed()) return gs::cli::run_make_dataset(cl.mkdata);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "genstudio-cli: error: %s\n", e.what());
    return 1;
  }
  return 2;
}
