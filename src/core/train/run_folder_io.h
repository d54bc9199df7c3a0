// run_folder_io.h — the file-level pieces RunWriter and read_run share (core
// only, not a public facade): CSV tables with empty cells as NaN, and the step
// checkpoints of a folder by their file names.
//
// Ownership: free functions returning values. Thread affinity: none.
// Failure modes: read_csv_table throws gs::Error when the file cannot be opened;
// a row whose cell count differs from the header's, or with a cell that is not
// a number, is skipped and counted in *skipped (when given).
#pragma once

#include <string>
#include <vector>

#include "core/train/run_folder.h"

namespace gs::run_io {

std::vector<std::string> read_csv_header(const std::string& path);
RunTable read_csv_table(const std::string& path, int* skipped);
// The folder's step-NNNNNNNN.gsckpt files, sorted by step.
std::vector<RunCheckpoint> list_step_checkpoints(const std::string& folder);

}  // namespace gs::run_io
