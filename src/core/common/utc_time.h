// utc_time.h — the current time as ISO 8601 UTC text ("2026-12-01T21:44:14Z"),
// the one format GenStudio writes into checkpoints, run folders, sessions,
// classifier files and generated datasets.
//
// Ownership: free function returning a value. Thread affinity: any thread
// (gmtime_r). Failure modes: none.
#pragma once

#include <string>

namespace gs {

std::string utc_now_iso8601();

} // namespace gs
