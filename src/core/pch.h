// pch.h — precompiled header for the core and torch-using tests: LibTorch is
// by far the slowest header set to parse (15–20 s per file on this machine).
#pragma once
#include <torch/torch.h>
