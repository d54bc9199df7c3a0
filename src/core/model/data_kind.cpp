#include "core/model/data_kind.h"

#include "core/common/error.h"
#include "core/data/dataset_catalog.h"
#include "core/model/generative_model.h"

namespace gs {

const std::vector<DataKind>& data_kinds() {
  static const std::vector<DataKind> kinds = {DataKind::Gray, DataKind::Rgb, DataKind::Points, DataKind::Domains,
                                              DataKind::Text};
  return kinds;
}

std::string data_kind_id(DataKind kind) {
  switch (kind) {
    case DataKind::Gray: return "gray";
    case DataKind::Rgb: return "rgb";
    case DataKind::Points: return "points";
    case DataKind::Domains: return "domains";
    case DataKind::Text: return "text";
  }
  return "gray";
}

std::string data_kind_label(DataKind kind) {
  switch (kind) {
    case DataKind::Gray: return "grayscale images";
    case DataKind::Rgb: return "colour images";
    case DataKind::Points: return "2-D points";
    case DataKind::Domains: return "two image domains";
    case DataKind::Text: return "text";
  }
  return "grayscale images";
}

DataKind parse_data_kind(const std::string& id) {
  std::string known;
  for (DataKind k : data_kinds()) {
    if (data_kind_id(k) == id) return k;
    known += (known.empty() ? "" : ", ") + data_kind_id(k);
  }
  throw Error("Unknown kind of data '" + id + "' (use " + known + ").");
}

DataKind data_kind_of(const DatasetInfo& dataset, int channels) {
  if (dataset.points) return DataKind::Points;
  if (dataset.two_domains) return DataKind::Domains;
  if (dataset.text) return DataKind::Text;
  if (dataset.needs_path) return channels == 3 ? DataKind::Rgb : DataKind::Gray;
  return DataKind::Gray;  // the built-in image set (Fashion-MNIST) is grayscale
}

DataKind data_kind_of(const ImageShape& shape) {
  if (shape.points) return DataKind::Points;
  if (shape.domains == 2) return DataKind::Domains;
  if (shape.is_text) return DataKind::Text;
  return shape.channels == 3 ? DataKind::Rgb : DataKind::Gray;
}

}  // namespace gs
