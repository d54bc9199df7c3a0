// distributed_options.h — how one process takes part in a data-parallel run
// (torch-free: the CLI and the studio fill it in; core/train/distributed/
// data_parallel.h does the work).
//
// A run across N processes has ranks 0 … N−1; rank 0 hosts the rendezvous (a
// c10d TCPStore) at master_host:master_port, writes metrics and checkpoints.
//
// Ownership: a plain value. Thread affinity: any. Failure modes:
// parse_master() and validate() throw gs::Error with a sentence naming the bad
// value (rank ≥ world size, a port out of range, a missing host).
#pragma once

#include <string>

namespace gs {

struct DistributedOptions {
  int world_size = 1;                      // 1: an ordinary single-process run
  int rank = 0;
  std::string master_host = "127.0.0.1";  // where rank 0 listens
  int master_port = 29500;
  double timeout_seconds = 60;             // a rank silent this long stops the run

  bool enabled() const { return world_size > 1; }
  // Throws gs::Error when the options cannot describe a run.
  void validate() const;
};

// "HOST:PORT" → host and port; throws gs::Error with a sentence for anything else.
void parse_master(const std::string& text, std::string* host, int* port);

}  // namespace gs
