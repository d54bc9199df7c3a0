// anomaly_explorer.h — the torch-free facade for likelihood evaluation and
// anomaly scoring of an Explorer's model, shared by the studio's Anomaly view
// and `genstudio-cli eval` / `anomaly`.
//
// The score of an image (higher = less typical): its NLL in bits per
// dimension when the model has a likelihood (kCanLogProb; exact, or the
// negative ELBO bound of a VAE), otherwise the mean squared reconstruction
// error per pixel (kCanReconstruct, e.g. the autoencoder). Scores of the test
// set carry its labels; scores of a folder carry the first-level subfolder as
// class, like the folder dataset.
//
// Ownership: borrows the Explorer (and the one holding the data), which must outlive it. Thread affinity: the
// Explorer's (the exploration thread); calls block while the model runs.
// Failure modes: gs::Error with a sentence — a model with neither a likelihood
// nor reconstructions, point data, a missing folder or one without readable
// images (unreadable files are skipped and named in `warnings`), a dataset
// without test images or of another image size.
#pragma once

#include <string>
#include <vector>

#include "core/common/image.h"
#include "core/explore/explorer.h"

namespace gs {

struct AnomalyScores {
  std::string score_name;               // "bits/dim" or "reconstruction MSE"
  std::string method;                   // one sentence: how the scores were computed
  bool from_likelihood = false;
  bool bound = false;                   // the likelihood is a bound (ELBO)
  std::vector<double> scores;           // one per item, higher = more anomalous
  std::vector<int> labels;              // class per item, −1 when unknown
  std::vector<std::string> class_names; // names of the labels (may be empty)
  std::vector<int> indices;             // test set: test-image index per item
  std::vector<std::string> files;       // folder: path relative to the folder per item
  std::vector<Image> images;            // folder: each image as the model saw it
  std::vector<std::string> warnings;    // e.g. unreadable files skipped
  double seconds = 0;
};

struct LikelihoodSummary {
  std::string dataset;      // what was evaluated
  long images = 0;
  int dims = 0;
  double nats = 0;          // mean NLL per image
  double bits_per_dim = 0;
  bool bound = false;
  double seconds = 0;
};

class AnomalyExplorer {
 public:
  explicit AnomalyExplorer(const Explorer& explorer) : explorer_(explorer), data_(explorer) {}
  // Scores with `model`'s weights the test set `data` has loaded (another copy
  // of the same source, as the exploration thread keeps one for its dataset).
  AnomalyExplorer(const Explorer& model, const Explorer& data) : explorer_(model), data_(data) {}

  // The model can be scored (kCanLogProb or kCanReconstruct, image data).
  static bool can_score(unsigned capabilities, bool point_data);
  // Why this model cannot be scored; empty when it can.
  std::string unavailable_reason() const;
  // The class the checkpoint was trained on alone (DatasetSpec::only_class), or −1.
  int trained_class() const;
  std::vector<std::string> class_names() const;  // of the model's dataset (loads it)

  // The first `limit` test images (0: all).
  AnomalyScores score_test_set(long limit = 0) const;
  // Every readable image under `dir` (recursively, sorted), converted like Explorer::encode.
  AnomalyScores score_folder(const std::string& dir) const;
  // Item `item` of the scores as an image (test image or the folder's image).
  Image item_image(const AnomalyScores& scores, int item) const;

  // Mean test NLL of the first `limit` (0: all) test images of the model's
  // dataset, or of `dataset_id` when given. Throws for models without a likelihood.
  LikelihoodSummary evaluate_test_likelihood(const std::string& dataset_id = "", long limit = 0) const;

  // The per-pixel independent baseline (a 256-way histogram per pixel fitted
  // on the training set of `spec` with `pseudo_count` per value), on its test set.
  static LikelihoodSummary pixel_baseline(const DatasetSpec& spec, double pseudo_count, long limit = 0);

 private:
  const Explorer& explorer_;
  const Explorer& data_;
};

}  // namespace gs
