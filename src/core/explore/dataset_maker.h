// dataset_maker.h — "Generate a dataset": N images drawn from a model that
// samples (with their labels when the model is class-conditional), written as
// a folder of PNG files or as Fashion-MNIST-style IDX files, with a
// manifest.json saying where they came from. Such a folder opens again as a
// dataset: PNG as the image folder dataset (`--dataset folder --data-path DIR`;
// labelled images in one subfolder per class), IDX as Fashion-MNIST
// (`--dataset fashion-mnist --data-path DIR`: train-… and t10k-… files, the
// last tenth of the images is the test split).
//
// Image i is the one the Samples view shows for seed `seed + i` (the same
// prior draw and decoder, truncated by ψ for style-based models), so a
// dataset's images can be found again by seed.
//
// The folder appears whole or not at all: everything is written into a hidden
// sibling folder that is renamed onto DIR at the end (DIR must be new or
// empty); every file inside is written atomically, a cancelled or failed run
// removes the sibling and leaves DIR as it was.
//
// Ownership: borrows the Explorer (which must outlive the call); results are
// values. Thread affinity: the Explorer's thread (a worker thread in the
// studio; never the GUI thread for large N). Failure modes: gs::Error with a
// sentence for a model that does not draw images (text, points, translators),
// N outside 1 … 100000, an unknown format, IDX for RGB images or for more than
// 256 classes, a folder that exists and is not empty, a truncation without
// styles or outside 0 … 2, and a write that fails (a full disk: "Could not
// write the dataset to DIR: No space left on device.").
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace gs {

class Explorer;

enum class DatasetFormat { Png, Idx };

struct DatasetRequest {
  std::string out_dir;
  int n = 1000;
  DatasetFormat format = DatasetFormat::Png;
  unsigned long seed = 1;
  double truncation = -1;       // style-based models: ψ (0 … 2); < 0 keeps the explorer's setting
  double guidance = 0;          // class-conditional models: classifier-free guidance scale
  std::string checkpoint_path;  // recorded in the manifest (empty: a snapshot of the current session)
};

struct DatasetResult {
  std::string out_dir;
  int written = 0;
  bool labelled = false;
  bool cancelled = false;       // the progress callback asked to stop; nothing was left on disk
  std::vector<std::string> files;  // relative to out_dir, manifest.json last
  double seconds = 0;
};

// Called after each batch with (images done, total); returning false cancels.
using DatasetProgress = std::function<bool(int done, int total)>;

// Parses "png" / "idx" (any case); gs::Error with a sentence otherwise.
DatasetFormat parse_dataset_format(const std::string& text);
std::string dataset_format_name(DatasetFormat format);

// The sentence why this explorer's model cannot make a dataset, empty when it can.
std::string dataset_refusal(const Explorer& explorer);

DatasetResult make_dataset(Explorer& explorer, const DatasetRequest& request, const DatasetProgress& progress = {});

}  // namespace gs
