// data_parallel.cpp — c10d (TCPStore + ProcessGroupGloo) behind DataParallel.
// Compiled with USE_C10D_GLOO / USE_DISTRIBUTED (src/core/CMakeLists.txt) and
// linked with Debian's libgloo, whose headers ProcessGroupGloo.hpp includes.
#include "core/train/distributed/data_parallel.h"

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include <glog/logging.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <sstream>
#include <thread>

#include "core/common/error.h"

namespace gs {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kHeartbeat = std::chrono::milliseconds(200);

std::string rank_key(const char* what, int r) { return std::string("gs/") + what + "/" + std::to_string(r); }

bool is_loopback(const std::string& host) {
  return host == "localhost" || host.rfind("127.", 0) == 0 || host == "::1";
}

std::string seconds_text(double s) {
  std::ostringstream o;
  o << s << " s";
  return o.str();
}

std::string list_ranks(const std::vector<int>& ranks) {
  std::string out = ranks.size() == 1 ? "Rank " : "Ranks ";
  for (size_t i = 0; i < ranks.size(); ++i) {
    if (i > 0) out += i + 1 == ranks.size() ? " and " : ", ";
    out += std::to_string(ranks[i]);
  }
  return out;
}

}  // namespace

struct DataParallel::Impl {
  DistributedOptions options;
  std::chrono::milliseconds timeout{60000};
  c10::intrusive_ptr<c10d::TCPStore> store;
  c10::intrusive_ptr<c10d::ProcessGroupGloo> group;
  std::thread heartbeat;
  std::atomic<bool> stop_heartbeat{false};
  std::atomic<bool> master_lost{false};
  long step = 0;
  long syncs = 0;
  int64_t bytes = 0, collectives = 0;
  double seconds = 0;
  int saved_log_level = 0;

  std::string where() const { return options.master_host + ":" + std::to_string(options.master_port); }

  c10::intrusive_ptr<c10d::TCPStore> connect(bool server) const {
    c10d::TCPStoreOptions o;
    o.port = static_cast<std::uint16_t>(options.master_port);
    o.isServer = server;
    o.numWorkers = options.world_size;
    o.waitWorkers = false;
    o.timeout = timeout;
    return c10::make_intrusive<c10d::TCPStore>(options.master_host, o);
  }

  void beat() {
    try {
      auto own = connect(false);  // its own connection: store clients are not shared across threads
      const std::string key = rank_key("alive", options.rank);
      while (!stop_heartbeat.load()) {
        own->add(key, 1);
        std::this_thread::sleep_for(kHeartbeat);
      }
    } catch (const std::exception&) {
      master_lost = true;
    }
  }

  // Which ranks have stopped beating: two readings a second apart.
  std::string who_is_gone() {
    if (options.rank != 0 && master_lost.load()) {
      return "Rank 0 (which hosts the run at " + where() + ") is gone";
    }
    try {
      std::vector<int64_t> before(options.world_size);
      for (int r = 0; r < options.world_size; ++r) before[r] = store->add(rank_key("alive", r), 0);
      std::this_thread::sleep_for(5 * kHeartbeat);
      std::vector<int> silent;
      for (int r = 0; r < options.world_size; ++r) {
        if (r != options.rank && store->add(rank_key("alive", r), 0) == before[r]) silent.push_back(r);
      }
      if (silent.empty()) return "";
      return list_ranks(silent) + (silent.size() == 1 ? " has" : " have") +
             " stopped answering (the process ended, hung or lost its connection)";
    } catch (const std::exception&) {
      return "Rank 0 (which hosts the run at " + where() + ") is gone";
    }
  }

  [[noreturn]] void fail(const std::string& doing, const std::exception& e) {
    std::string who = who_is_gone();
    if (who.empty()) {
      who = "The ranks could not " + doing + " within " + seconds_text(options.timeout_seconds) +
            " (no rank has gone silent; check the network between the machines)";
    }
    throw Error(who + ", so rank " + std::to_string(options.rank) + " stops at step " + std::to_string(step) + ".");
  }

  void wait(const c10::intrusive_ptr<c10d::Work>& work, const std::string& doing) {
    try {
      work->wait(timeout);
    } catch (const std::exception& e) {
      fail(doing, e);
    }
  }

  void allreduce(torch::Tensor& t, c10d::ReduceOp op, const std::string& doing) {
    std::vector<at::Tensor> one{t};
    c10d::AllreduceOptions o;
    o.reduceOp = op;
    c10::intrusive_ptr<c10d::Work> work;
    try {
      work = group->allreduce(one, o);
    } catch (const std::exception& e) {
      fail(doing, e);
    }
    wait(work, doing);
  }

  void broadcast(torch::Tensor& t, const std::string& doing) {
    std::vector<at::Tensor> one{t};
    c10::intrusive_ptr<c10d::Work> work;
    try {
      work = group->broadcast(one, c10d::BroadcastOptions{});
    } catch (const std::exception& e) {
      fail(doing, e);
    }
    wait(work, doing);
  }

  void rendezvous() {
    try {
      store = connect(options.rank == 0);
    } catch (const std::exception&) {
      if (options.rank == 0) {
        throw Error("Rank 0 could not listen on " + where() +
                    " (is the port in use, or the host not an address of this machine?).");
      }
      throw Error("Rank " + std::to_string(options.rank) + " could not reach rank 0 at " + where() + " within " +
                  seconds_text(options.timeout_seconds) + "; start rank 0 there, or check the address.");
    }
    store->set(rank_key("arrived", options.rank), std::vector<uint8_t>{1});
    std::vector<std::string> keys;
    for (int r = 0; r < options.world_size; ++r) keys.push_back(rank_key("arrived", r));
    try {
      store->wait(keys, timeout);
    } catch (const std::exception&) {
      std::vector<int> missing;
      try {
        for (int r = 0; r < options.world_size; ++r) {
          if (!store->check({keys[r]})) missing.push_back(r);
        }
      } catch (const std::exception&) {
        throw Error("Rank 0 (which hosts the run at " + where() + ") went away before every rank arrived.");
      }
      if (missing.empty()) throw Error("The ranks could not meet at " + where() + ".");
      throw Error(list_ranks(missing) + " of " + std::to_string(options.world_size) + " never joined the run at " +
                  where() + " within " + seconds_text(options.timeout_seconds) + ", so rank " +
                  std::to_string(options.rank) + " stops.");
    }
    heartbeat = std::thread([this] { beat(); });
    try {
      auto gloo = c10d::ProcessGroupGloo::Options::create(timeout);
      const char* iface = std::getenv("GENSTUDIO_GLOO_IFNAME");
      if (iface && *iface) {
        gloo->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(iface));
      } else if (is_loopback(options.master_host)) {
        gloo->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
      } else {
        gloo->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
      }
      gloo->threads = 1;
      group = c10::make_intrusive<c10d::ProcessGroupGloo>(c10::make_intrusive<c10d::PrefixStore>("gs/pg", store),
                                                          options.rank, options.world_size, gloo);
    } catch (const Error&) {
      throw;
    } catch (const std::exception& e) {
      fail("connect to each other", e);
    }
  }

  ~Impl() {
    stop_heartbeat = true;
    if (heartbeat.joinable()) heartbeat.join();
    group.reset();
    store.reset();
  }
};

DataParallel::DataParallel(const DistributedOptions& options) : impl_(std::make_unique<Impl>()) {
  options.validate();
  // c10d and Gloo log their socket errors through glog; the sentences thrown here replace them.
  impl_->saved_log_level = FLAGS_minloglevel;
  FLAGS_minloglevel = google::GLOG_FATAL;
  impl_->options = options;
  impl_->timeout = std::chrono::milliseconds(static_cast<int64_t>(options.timeout_seconds * 1000));
  try {
    impl_->rendezvous();
  } catch (...) {
    FLAGS_minloglevel = impl_->saved_log_level;
    throw;
  }
}

DataParallel::~DataParallel() {
  const int level = impl_->saved_log_level;
  impl_.reset();
  FLAGS_minloglevel = level;
}

int DataParallel::rank() const { return impl_->options.rank; }
int DataParallel::world_size() const { return impl_->options.world_size; }
void DataParallel::set_step(long step) { impl_->step = step; }
long DataParallel::gradient_syncs() const { return impl_->syncs; }
double DataParallel::allreduce_seconds() const { return impl_->seconds; }
int64_t DataParallel::allreduce_bytes() const { return impl_->bytes; }
int64_t DataParallel::buckets() const { return impl_->collectives; }

void DataParallel::broadcast_state(GenerativeModel& model, long step) {
  impl_->step = step;
  torch::Tensor steps = torch::tensor({static_cast<int64_t>(step), -static_cast<int64_t>(step)}, torch::kLong);
  impl_->allreduce(steps, c10d::ReduceOp::MAX, "agree on the step to start from");
  const int64_t highest = steps[0].item<int64_t>(), lowest = -steps[1].item<int64_t>();
  if (highest != lowest) {
    throw Error("The ranks start from different steps (" + std::to_string(lowest) + " and " + std::to_string(highest) +
                "; this is rank " + std::to_string(rank()) + " at step " + std::to_string(step) +
                "): every rank must resume from the same checkpoint.");
  }
  std::string bytes;
  if (rank() == 0) {
    torch::serialize::OutputArchive archive;
    model.save_state(archive);
    std::ostringstream out;
    archive.save_to(out);
    bytes = out.str();
  }
  torch::Tensor size = torch::tensor({static_cast<int64_t>(bytes.size())}, torch::kLong);
  impl_->broadcast(size, "share rank 0's weights");
  torch::Tensor buffer = torch::empty({size.item<int64_t>()}, torch::kUInt8);
  if (rank() == 0) std::memcpy(buffer.data_ptr(), bytes.data(), bytes.size());
  impl_->broadcast(buffer, "share rank 0's weights");
  if (rank() != 0) {
    torch::serialize::InputArchive archive;
    archive.load_from(reinterpret_cast<const char*>(buffer.data_ptr()), static_cast<size_t>(buffer.numel()));
    try {
      model.load_state(archive);
    } catch (const Error& e) {
      throw Error("Rank " + std::to_string(rank()) + " cannot take rank 0's model (" + e.what() +
                  "): every rank must train the same model with the same parameters.");
    }
  }
}

torch::Tensor DataParallel::shard(const torch::Tensor& global) const {
  const int64_t n = global.size(0), per = n / world_size();
  if (per * world_size() != n) {
    throw Error("A batch of " + std::to_string(n) + " cannot be split evenly across " + std::to_string(world_size()) +
                " processes; choose a batch size that is a multiple of " + std::to_string(world_size()) + ".");
  }
  return global.narrow(0, per * rank(), per);
}

void DataParallel::average(torch::Tensor& flat) {
  const auto began = Clock::now();
  const int64_t per_bucket = std::max<int64_t>(1, kBucketBytes / static_cast<int64_t>(flat.element_size()));
  std::vector<torch::Tensor> buckets;
  std::vector<c10::intrusive_ptr<c10d::Work>> works;
  const std::string doing = "exchange gradients";
  for (int64_t start = 0; start < flat.numel(); start += per_bucket) {
    buckets.push_back(flat.narrow(0, start, std::min(per_bucket, flat.numel() - start)));
    std::vector<at::Tensor> one{buckets.back()};
    try {
      works.push_back(impl_->group->allreduce(one, c10d::AllreduceOptions{}));
    } catch (const std::exception& e) {
      impl_->fail(doing, e);
    }
  }
  for (auto& w : works) impl_->wait(w, doing);
  flat.div_(static_cast<double>(world_size()));
  impl_->seconds += std::chrono::duration<double>(Clock::now() - began).count();
  impl_->bytes += flat.numel() * static_cast<int64_t>(flat.element_size());
  impl_->collectives += static_cast<int64_t>(works.size());
  ++impl_->syncs;
}

bool DataParallel::agree(torch::Tensor& values, bool stop_here) {
  torch::Tensor both = torch::cat({values.to(torch::kFloat32).reshape({-1}),
                                   torch::tensor({stop_here ? 1.0f : 0.0f})});
  impl_->allreduce(both, c10d::ReduceOp::SUM, "agree on the losses");
  values = both.narrow(0, 0, values.numel()).div(static_cast<double>(world_size()));
  return both[values.numel()].item<float>() > 0;
}

bool DataParallel::replicas_identical(GenerativeModel& model) {
  torch::serialize::OutputArchive out;
  model.save_state(out);
  std::ostringstream bytes;
  out.save_to(bytes);
  const std::string s = bytes.str();
  torch::serialize::InputArchive in;
  in.load_from(s.data(), s.size());
  std::vector<std::string> keys = in.keys();
  std::sort(keys.begin(), keys.end());
  uint64_t h = 1469598103934665603ULL;  // FNV-1a over every tensor's name and bytes
  auto mix = [&h](const void* p, size_t n) {
    const auto* c = static_cast<const unsigned char*>(p);
    for (size_t i = 0; i < n; ++i) h = (h ^ c[i]) * 1099511628211ULL;
  };
  for (const std::string& k : keys) {
    // Batch-norm running statistics come from each rank's own shard (as in PyTorch's DDP); only rank 0's are saved.
    if (k.find("running_mean") != std::string::npos || k.find("running_var") != std::string::npos ||
        k.find("num_batches_tracked") != std::string::npos) {
      continue;
    }
    torch::Tensor t;
    try {
      in.read(k, t);
    } catch (const c10::Error&) {
      continue;  // a nested archive, not a tensor
    }
    t = t.contiguous();
    mix(k.data(), k.size());
    mix(t.data_ptr(), static_cast<size_t>(t.numel()) * t.element_size());
  }
  const int64_t v = static_cast<int64_t>(h >> 1);
  torch::Tensor range = torch::tensor({v, -v}, torch::kLong);
  impl_->allreduce(range, c10d::ReduceOp::MAX, "compare the trained weights");
  return range[0].item<int64_t>() == -range[1].item<int64_t>();
}

void DataParallel::finish() {
  torch::Tensor one = torch::ones({1});
  impl_->allreduce(one, c10d::ReduceOp::SUM, "finish together");
  impl_->stop_heartbeat = true;
  if (impl_->heartbeat.joinable()) impl_->heartbeat.join();
  try {
    impl_->store->add("gs/done", 1);
    if (rank() == 0) {
      const auto until = Clock::now() + std::chrono::seconds(10);
      while (impl_->store->add("gs/done", 0) < world_size() && Clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
  } catch (const std::exception&) {
    // Every rank has passed the last collective: a store that closes now loses nothing.
  }
}

}  // namespace gs
