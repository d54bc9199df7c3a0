#include "core/train/distributed/distributed_options.h"

#include <cstdlib>

#include "core/common/error.h"

namespace gs {

void DistributedOptions::validate() const {
  if (world_size < 1 || world_size > 1024) {
    throw Error("The world size must be between 1 and 1024 processes (it was " + std::to_string(world_size) + ").");
  }
  if (rank < 0 || rank >= world_size) {
    throw Error("The rank must be between 0 and " + std::to_string(world_size - 1) + " for a world of " +
                std::to_string(world_size) + " processes (it was " + std::to_string(rank) + ").");
  }
  if (master_host.empty()) throw Error("The master address needs a host name or IP address before the ':'.");
  if (master_port < 1 || master_port > 65535) {
    throw Error("The master port must be between 1 and 65535 (it was " + std::to_string(master_port) + ").");
  }
  if (!(timeout_seconds >= 1 && timeout_seconds <= 86400)) {
    throw Error("The distributed timeout must be between 1 second and one day.");
  }
}

void parse_master(const std::string& text, std::string* host, int* port) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
    throw Error("The master address '" + text + "' is not HOST:PORT (for example 127.0.0.1:29500).");
  }
  std::string h = text.substr(0, colon);
  if (h.size() > 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);  // [::1]:29500
  const std::string p = text.substr(colon + 1);
  char* end = nullptr;
  const long value = std::strtol(p.c_str(), &end, 10);
  if (end == p.c_str() || *end != '\0' || value < 1 || value > 65535) {
    throw Error("The master address '" + text + "' has no valid port after the ':' (a number from 1 to 65535).");
  }
  *host = h;
  *port = static_cast<int>(value);
}

}  // namespace gs
