// explorer.h — the torch-free facade for exploring a trained model: decode
// latents, encode images, random latents, principal directions, latent maps,
// interpolations and their export. It owns its own copy of the model (from a
// checkpoint file or a TrainingSession::snapshot), so it can run on an
// inference thread while training continues on another.
//
// Ownership: owns the model copy and, lazily, the dataset. Thread affinity: one
// thread at a time (the exploration thread); every call runs without gradients.
// Failure modes: gs::Error with a sentence for the user — a capability the model
// lacks ("cannot encode"), an unreadable or empty image, wrong latent size.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "core/common/image.h"
#include "core/model/model_catalog.h"
#include "core/train/training_session.h"

namespace gs {

using Latent = std::vector<float>;

struct Directions {
  std::vector<Latent> directions;  // unit vectors in latent space, by decreasing variance
  std::vector<float> stddev;       // spread along each (slider range ±3 stddev)
  std::vector<float> explained;    // share of variance, 0–1
  Latent origin;                   // centre (mean latent)
  std::string source;              // "encoded test images" / "generator activations (GANSpace)"
};

struct LatentMap {
  int dims = 0;                     // latent size
  std::vector<float> codes;         // n × dims encoded test images (mean codes)
  std::vector<int> labels;          // n (−1 when unlabelled)
  std::vector<std::string> class_names;
  std::vector<int> indices;         // test-set index of each point
};

struct TranslationScores {
  int pairs = 0;                         // held-out truth pairs used
  double psnr_ab = 0, ssim_ab = 0;       // A→B against the true B
  double psnr_ba = 0, ssim_ba = 0;       // B→A against the true A
  double identity_psnr_ab = 0, identity_ssim_ab = 0;  // baseline: A itself against the true B
  double identity_psnr_ba = 0, identity_ssim_ba = 0;  // baseline: B itself against the true A
  // References that show the scale: a flat image at the truth's mean value
  // (no input used at all), and the truth itself moved by one pixel.
  double flat_psnr_ab = 0, flat_psnr_ba = 0;
  double shifted_psnr_ab = 0, shifted_psnr_ba = 0;
  double seconds_per_image = 0;          // translation time per test image (both directions averaged)
  double seconds_per_256 = 0;            // translation time of one 256×256 image
};

struct StyleMix {
  unsigned long seed_a = 1, seed_b = 2;
  Latent latent_a, latent_b;       // when not empty, used instead of seed_a / seed_b (bookmarks)
  std::vector<int> layer_from_b;   // per style layer: 1 takes w of seed B, 0 of seed A (empty: all A)
  double psi = 1.0;                // truncation: w ← w̄ + ψ(w − w̄)
  bool noise = true;
  unsigned long noise_seed = 0;
};

// One input through a translation model, as the studio's translation panel shows it.
// For direction A→B (B→A the other way round): `forward` = G_AB(input);
// `cycle` = G_BA(G_AB(input)), which should give the input back; `identity` =
// G_BA(input), the generator into the input's own domain, which should leave it
// unchanged. A model that translates one way only fills `forward` alone.
struct TranslationViews {
  Image input;      // as the model sees it (its channel count, the input's size)
  Image forward;
  Image cycle, identity;  // empty for one-way models
  double cycle_psnr = 0, identity_psnr = 0;  // dB against `input`
  double seconds = 0;     // time for all the translations
};

class Explorer {
 public:
  static std::unique_ptr<Explorer> open(const std::string& checkpoint_path);
  static std::unique_ptr<Explorer> from_snapshot(const std::vector<uint8_t>& bytes);
  // A TorchScript generator or translator with the given descriptor (or its sidecar).
  static std::unique_ptr<Explorer> open_torchscript(const std::string& module_path,
                                                    const TorchScriptDescriptor* descriptor = nullptr);
  ~Explorer();

  const ModelInfo& model_info() const;
  unsigned capabilities() const;
  int latent_dim() const;
  long step() const;
  bool is_point_data() const;
  int image_width() const;
  int image_height() const;
  int image_channels() const;

  Latent random_latent(unsigned long seed) const;
  Image decode(const Latent& z) const;
  std::vector<Image> decode_many(const std::vector<Latent>& zs) const;
  // Resizes and converts the image to the model's input first.
  Latent encode(const Image& image) const;

  // Endpoints in order; frames_per_segment ≥ 2 frames from each to the next.
  std::vector<Latent> interpolate(const std::vector<Latent>& endpoints, int frames_per_segment, bool slerp) const;

  // Top-k principal directions: of encoded test images for models that encode,
  // otherwise of the generator's first hidden activations mapped back to latent
  // space by least squares (GANSpace). `samples` latents or images are used.
  Directions principal_directions(int k, int samples = 2000) const;

  // Style-based models (kHasStyles): how many style layers, and an image whose
  // layers take the styles of seed A or B, truncated by ψ, with or without noise.
  int style_layers() const;
  Image style_mix(const StyleMix& mix) const;
  // Truncation used by decode() for style-based models.
  void set_truncation(double psi);
  // Style-based models: explore the intermediate space w instead of z. Then
  // latent_dim() is w's size, random_latent() maps z(seed) to w, decode()
  // synthesises from w (every layer, truncated by ψ), principal_directions()
  // is PCA of sampled w (GANSpace) and interpolation runs in w. Throws for
  // models without styles.
  void set_w_space(bool on);
  bool w_space() const { return w_space_; }

  // Translation models: the image through A→B (or B→A), same size as the input
  // (any size; gray/RGB converted to the model's channels).
  Image translate(const Image& image, bool a_to_b) const;
  TranslationViews translation_views(const Image& image, bool a_to_b) const;
  // PSNR/SSIM of translations of held-out truth pairs (built-in domain sets).
  TranslationScores evaluate_translation(int max_pairs = 1000) const;

  // Up to max_points test images encoded (models that encode).
  LatentMap latent_map(int max_points = 2000) const;
  // A test image as the user sees it (for hover previews and "take from image").
  Image dataset_image(int index) const;
  // For two-domain (translation) datasets: the test image of domain 0 (A) or 1 (B).
  Image dataset_image(int index, int domain) const;
  int dataset_domains() const;  // 2 for translation datasets, else 1
  int dataset_size() const;

  // Core only: the session state behind this explorer (session_impl.h), for
  // the families' own explorer facades in core/explore/ (each a torch-free
  // header of its own, so this class does not grow with every family).
  TrainingSession::Impl& internals() const;

  // Cooperative cancellation. Long family work on this copy (diffusion runs and
  // comparisons, PixelCNN sampling, text generation, AIS) polls `flag` between
  // steps and throws gs::Cancelled once it is true. The flag is borrowed and
  // must outlive the calls; null (the default) never cancels. Set it on the
  // thread that runs the work, between two calls.
  void set_cancel_flag(const std::atomic<bool>* flag) { cancel_ = flag; }
  bool cancel_requested() const { return cancel_ && cancel_->load(std::memory_order_relaxed); }
  // Throws gs::Cancelled when cancel_requested().
  void throw_if_cancelled() const;

 private:
  explicit Explorer(std::unique_ptr<TrainingSession> session);
  std::unique_ptr<TrainingSession> session_;
  bool w_space_ = false;
  double psi_ = 1.0;
  const std::atomic<bool>* cancel_ = nullptr;
};

}  // namespace gs
