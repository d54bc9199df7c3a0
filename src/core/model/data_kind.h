// data_kind.h — the kind of data a model trains on (2-D points, grayscale
// images, RGB images, two image domains, text), which picks the defaults of a
// model's parameters: a family's registry entry gives per-kind overrides of
// its ParamSpec defaults (ModelInfo::kind_defaults, model_defaults.h), so the
// CLI, the studio's training panel and the playground start from the same
// values for the same data.
//
// Ownership: value types and free functions. Thread affinity: any thread.
// Failure modes: parse_data_kind throws gs::Error naming the known kinds; the
// rest cannot fail.
#pragma once

#include <string>
#include <vector>

namespace gs {

struct DatasetInfo;
struct ImageShape;

enum class DataKind { Gray, Rgb, Points, Domains, Text };

// Every kind, in the order front ends list them.
const std::vector<DataKind>& data_kinds();
// A short stable id ("gray", "rgb", "points", "domains", "text").
std::string data_kind_id(DataKind kind);
// Words for people ("grayscale images", "2-D points", …).
std::string data_kind_label(DataKind kind);
DataKind parse_data_kind(const std::string& id);

// The kind of a catalog dataset; `channels` is the folder datasets' choice
// (1 grayscale, 3 RGB) and ignored for datasets of a fixed kind.
DataKind data_kind_of(const DatasetInfo& dataset, int channels = 1);
// The kind of loaded data (a checkpoint's recorded shape).
DataKind data_kind_of(const ImageShape& shape);

}  // namespace gs
