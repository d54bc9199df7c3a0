// data_parallel.h — one process's part in a data-parallel run over c10d
// (a TCPStore rendezvous hosted by rank 0 and a Gloo process group).
//
// The trainer uses it when RunOptions::distributed has more than one process:
// rank 0's model state (weights, optimizer moments, buffers) is broadcast to
// every rank before the first step; each rank trains on its own rows of every
// global batch (shard()); FlatAdam hands each flat gradient buffer to
// average() (gradient_sync.h), which all-reduces it in buckets of at most
// kBucketBytes, one collective per bucket, and divides by the world size;
// losses and a stop request are agreed at the log interval (agree()).
// A heartbeat thread bumps this rank's counter in the store every 200 ms, so
// when a collective fails the survivors can say which rank went silent.
//
// Ownership: owns the store clients, the process group and the heartbeat
// thread; core-internal (LibTorch and c10d live in the .cpp; front ends set
// DistributedOptions). Thread affinity: the training thread (the heartbeat is
// internal). Failure modes: every method throws gs::Error with a sentence
// naming the rank that never arrived, went silent or disagrees (different
// step or model), within DistributedOptions::timeout_seconds.
#pragma once

#include <torch/torch.h>

#include <memory>
#include <string>

#include "core/model/generative_model.h"
#include "core/train/distributed/distributed_options.h"
#include "core/train/gradient_sync.h"

namespace gs {

class DataParallel : public GradientSync {
 public:
  static constexpr int64_t kBucketBytes = 4 << 20;

  // Joins the run: rendezvous with every rank, then the process group.
  explicit DataParallel(const DistributedOptions& options);
  ~DataParallel() override;
  DataParallel(const DataParallel&) = delete;
  DataParallel& operator=(const DataParallel&) = delete;

  int rank() const;
  int world_size() const;

  // Every rank must be at the same step; then rank 0's state replaces the others'.
  void broadcast_state(GenerativeModel& model, long step);
  // This rank's rows of a global batch (the batch size must divide by the world size).
  torch::Tensor shard(const torch::Tensor& global) const;
  // GradientSync: the mean over ranks, in buckets.
  void average(torch::Tensor& flat) override;
  // Replaces `values` (1-D float) by their mean over ranks; true when any rank asks to stop.
  bool agree(torch::Tensor& values, bool stop_here);
  // True when every rank holds bitwise the same model state (a hash of every tensor).
  bool replicas_identical(GenerativeModel& model);
  // A last barrier; rank 0 keeps the store up until every rank has passed it.
  void finish();

  // The step messages name (the trainer keeps it current).
  void set_step(long step);
  long gradient_syncs() const;          // average() calls so far
  double allreduce_seconds() const;     // wall time inside average()
  int64_t allreduce_bytes() const;      // bytes all-reduced so far
  int64_t buckets() const;              // collectives issued by average() so far

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace gs
