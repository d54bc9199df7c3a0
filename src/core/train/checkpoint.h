// checkpoint.h — self-describing checkpoint files: a LibTorch archive holding a
// JSON metadata record (format, model id, resolved parameters, dataset, seed,
// step, image shape, versions) next to the model's weights and optimizer state.
//
// Ownership: free functions and a value type. Thread affinity: none.
// Failure modes: write_checkpoint is atomic (temp file + rename) and throws
// gs::Error on I/O failure (the previous file survives). read_checkpoint_metadata
// and load_checkpoint_state throw gs::Error for files that are not GenStudio
// checkpoints, are damaged or truncated, come from a newer format, or do not fit
// the model; the model is left unchanged in that case.
#pragma once

#include <string>

#include "core/model/generative_model.h"
#include "core/train/training_session.h"

namespace gs {

constexpr int kCheckpointFormatVersion = 1;

struct CheckpointMetadata {
  SessionConfig config;  // params resolved
  long step = 0;
  ImageShape shape;
  int64_t latent_dim = 0;
  std::string genstudio_version;
  std::string torch_version;
  std::string created_utc;
};

void write_checkpoint(const std::string& path, const CheckpointMetadata& meta,
                      const GenerativeModel& model);

CheckpointMetadata read_checkpoint_metadata(const std::string& path);

// Loads weights and optimizer state into `model`, which must have been built
// from the same metadata.
void load_checkpoint_state(const std::string& path, GenerativeModel& model);

// The same in memory: a snapshot a second thread can open as its own copy.
std::vector<uint8_t> checkpoint_to_bytes(const CheckpointMetadata& meta, const GenerativeModel& model);
CheckpointMetadata read_checkpoint_metadata(const std::vector<uint8_t>& bytes);
void load_checkpoint_state(const std::vector<uint8_t>& bytes, GenerativeModel& model);

}  // namespace gs
