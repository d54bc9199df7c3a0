#include "core/data/one_class_filter.h"

#include "core/common/error.h"

namespace gs {

void keep_only_class(ImageDataset& d, int c, long limit) {
  if (d.shape.points || !d.train_labels.defined() || d.class_names.empty()) {
    throw Error("Training on one class needs a dataset with class labels; " + d.id + " has none.");
  }
  const int n_classes = static_cast<int>(d.class_names.size());
  if (c < 0 || c >= n_classes) {
    throw Error("There is no class " + std::to_string(c) + " in " + d.id + "; its classes are 0 to " +
                std::to_string(n_classes - 1) + ".");
  }
  torch::Tensor keep = torch::nonzero(d.train_labels == c).flatten();
  if (limit > 0 && keep.size(0) > limit) keep = keep.narrow(0, 0, limit);
  if (keep.size(0) == 0) throw Error("The class '" + d.class_names[c] + "' has no training images.");
  d.train_images = d.train_images.index_select(0, keep);
  d.train_labels = d.train_labels.index_select(0, keep);
  d.description += "; training on class " + std::to_string(c) + " (" + d.class_names[c] + ") only: " +
                   std::to_string(keep.size(0)) + " images";
}

}  // namespace gs
