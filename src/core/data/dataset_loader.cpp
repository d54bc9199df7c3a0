#include "core/data/dataset_loader.h"

#include "core/common/error.h"
#include "core/data/dataset_catalog.h"
#include "core/data/fashion_mnist.h"
#include "core/data/image_folder.h"
#include "core/data/one_class_filter.h"
#include "core/data/text_corpus.h"
#include "core/data/toy_distributions.h"
#include "core/data/unpaired_domains.h"

namespace gs {

namespace {

ImageDataset load_all_classes(const DatasetSpec& spec) {
  if (spec.id == "fashion-mnist") return load_fashion_mnist(spec.path, spec.limit);
  if (is_toy_distribution(spec.id)) {
    return make_toy_distribution(spec.id, spec.limit > 0 ? spec.limit : 20000, 12345, spec.drawn_points);
  }
  if (spec.id == "edges2fashion") return make_edges2fashion(spec.path, spec.limit);
  if (spec.id == "photo2painting") return make_photo2painting(spec.path, spec.image_size < 32 ? 64 : spec.image_size, spec.limit);
  if (spec.id == "folders") {
    return load_folder_pair(spec.path, spec.path_b, spec.image_size, spec.channels, spec.limit);
  }
  if (spec.id == "fortunes") return load_fortunes(spec.path, spec.limit);
  if (spec.id == "text") return load_text_path(spec.path, spec.limit);
  if (spec.id == "folder") return load_image_folder(spec.path, spec.image_size, spec.channels, spec.limit);
  std::string ids;
  for (const auto& d : dataset_catalog()) ids += (ids.empty() ? "" : ", ") + d.id;
  throw Error("Unknown dataset '" + spec.id + "'. Known datasets: " + ids + ".");
}

}  // namespace

namespace {

// Labelled single-domain images with at least two classes tell the model their
// classes through the shape (class-conditional families learn from them).
void note_classes(ImageDataset& d) {
  const bool labelled = d.train_labels.defined() && d.class_names.size() >= 2 && !d.shape.points &&
                        !d.shape.is_text && d.shape.domains == 1;
  d.shape.class_names = labelled ? d.class_names : std::vector<std::string>{};
}

ImageDataset load_with_classes(const DatasetSpec& spec) {
  if (spec.only_class < 0) return load_all_classes(spec);
  DatasetSpec all = spec;
  all.limit = 0;
  ImageDataset d = load_all_classes(all);
  keep_only_class(d, spec.only_class, spec.limit);
  return d;
}

}  // namespace

ImageDataset load_dataset(const DatasetSpec& spec) {
  if (spec.limit < 0) throw Error("The dataset limit cannot be negative.");
  ImageDataset d = load_with_classes(spec);
  note_classes(d);
  return d;
}

}  // namespace gs
