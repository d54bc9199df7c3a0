// cli_dataset.cpp — `genstudio-cli make-dataset`: N images from a checkpoint as
// a PNG folder or IDX files with a manifest (core/explore/dataset_maker.h).
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "cli_commands.h"
#include "core/common/error.h"
#include "core/explore/dataset_maker.h"
#include "core/explore/explorer.h"

namespace gs::cli {

int run_make_dataset(const MakeDatasetOptions& o) {
  if (o.checkpoint.empty()) throw Error("--checkpoint PATH is required.");
  if (o.out.empty()) throw Error("--out DIR is required.");
  DatasetRequest r;
  r.out_dir = o.out;
  r.n = o.n;
  r.format = parse_dataset_format(o.format);
  r.seed = o.seed;
  r.truncation = o.truncation;
  r.guidance = o.guidance;
  r.checkpoint_path = std::filesystem::absolute(o.checkpoint).lexically_normal().string();
  auto explorer = Explorer::open(o.checkpoint);
  const bool tty = isatty(fileno(stderr));
  const DatasetResult result = make_dataset(*explorer, r, [&](int done, int total) {
    if (!o.quiet && tty) std::fprintf(stderr, "\r%d / %d images", done, total);
    return true;
  });
  if (!o.quiet && tty) std::fprintf(stderr, "\n");
  std::fprintf(stderr, "wrote %d %simages of %s (step %ld) as %s to %s in %.1f s; open it with %s\n", result.written,
               result.labelled ? "labelled " : "", explorer->model_info().id.c_str(), explorer->step(),
               dataset_format_name(r.format).c_str(), result.out_dir.c_str(), result.seconds,
               r.format == DatasetFormat::Idx ? "--dataset fashion-mnist --data-path DIR"
                                              : "--dataset folder --data-path DIR");
  return 0;
}

}  // namespace gs::cli
