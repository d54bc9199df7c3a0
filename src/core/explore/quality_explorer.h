// quality_explorer.h — the torch-free facade that scores a model's quality
// through an Explorer, for every family, in one report: FID and KID on the
// penultimate features of GenStudio's own Fashion-MNIST classifier (with the
// real-vs-real value, training split against test split, beside each: these are
// GenStudio-classifier scores, not Inception scores), precision and recall
// (k-nearest-neighbour manifolds, k = 3, Kynkäänniemi et al. 2019), the class
// histogram of generated samples, and each family's own numbers where defined
// (NLL and bits/dim, ELBO and its parts, reconstruction error, modes covered /
// high-quality share / grid KL and JS on 2-D data, PSNR/SSIM and the boundary
// F-measure for translators, validation bits per character for text). A metric
// that does not apply is listed in `not_applicable` with the reason, never
// faked. Shared by the studio's metrics panel and `genstudio-cli eval`.
//
// Ownership: borrows the Explorer (which must outlive the call); results are
// values. Thread affinity: the Explorer's (an evaluation or exploration
// thread, never the GUI's); the call blocks while it runs and calls `progress`
// on that thread. Failure modes: gs::Error with a sentence for a missing or
// damaged classifier file, a dataset without test images, or counts out of
// range; a cancelled run (progress returned false) returns what it has with
// `cancelled` set.
#pragma once

#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace gs {

class Explorer;

struct QualityMetric {
  std::string key;        // column / series name: "fid", "kid", "precision", "recall", "bits_per_dim", …
  std::string label;      // what a person reads: "FID (GenStudio classifier)"
  double value = std::numeric_limits<double>::quiet_NaN();
  // The same metric for real data (training split against test split) where it
  // has one, so the scale is clear; NaN otherwise.
  double reference = std::numeric_limits<double>::quiet_NaN();
  bool higher_is_better = false;
  std::string note;       // "" or a short sentence ("2,000 samples against 2,000 test images")
};

struct QualityReport {
  std::string model_id;
  long step = 0;
  int samples = 0;                           // generated samples scored
  std::vector<QualityMetric> metrics;        // in display order
  std::vector<std::string> not_applicable;   // one sentence per metric that does not apply, and why
  std::vector<std::string> class_names;      // class histogram (empty when it does not apply)
  std::vector<double> class_histogram;       // share of generated samples per class, sums to 1
  std::vector<double> real_class_histogram;  // the same for the test images
  bool cancelled = false;
  double seconds = 0;
  const QualityMetric* find(const std::string& key) const {
    for (const auto& m : metrics)
      if (m.key == key) return &m;
    return nullptr;
  }
};

struct QualityOptions {
  int samples = 2000;             // generated samples (and test images) for FID/KID/precision/recall
  unsigned long seed = 1;
  std::string classifier_path;    // empty: find_shipped_classifier()
  bool family_metrics = true;     // also the family's own numbers (likelihood, ELBO, 2-D modes, …)
};

// Called with the fraction done (0–1) and the stage ("sampling", "features",
// "FID", …); return false to cancel.
using QualityProgress = std::function<bool(double fraction, const std::string& stage)>;

QualityReport evaluate_quality(Explorer& explorer, const QualityOptions& options,
                               const QualityProgress& progress = {});

// Where the shipped classifier is: $GENSTUDIO_CLASSIFIER, then the install
// prefix's share/genstudio/models (relative to the executable: PREFIX/bin/..),
// then models/ next to the executable's folder (build/../models), then the
// source tree's models/.
// Empty when none is found (evaluate_quality then lists FID/KID/precision/recall
// and the class histogram as not applicable, saying the classifier is missing).
std::string find_shipped_classifier();

// The edge direction of the built-in translation task (garment → edges, B→A of
// the garment-edges dataset) scored by the tolerance-based boundary F-measure
// (core/metrics/boundary_f.h: predicted edge pixels matched one to one with
// true edge pixels within `tolerance` px; precision, recall and F at the best
// threshold over the held-out truth pairs), beside the identity baseline: the
// input garment itself thresholded at its own best threshold. (Added by the
// quality engineer; additive.)
struct EdgeBoundaryScores {
  int pairs = 0;
  double tolerance = 2.0;
  double f = 0, precision = 0, recall = 0, threshold = 0;
  double identity_f = 0, identity_precision = 0, identity_recall = 0, identity_threshold = 0;
};

// True when the explorer's model translates and its dataset is the built-in
// garment-edges task (whose test pairs hold true edge maps).
bool edge_boundaries_apply(Explorer& explorer);
// Throws gs::Error with a sentence when edge_boundaries_apply is false.
EdgeBoundaryScores evaluate_edge_boundaries(Explorer& explorer, int max_pairs = 1000);

}  // namespace gs
