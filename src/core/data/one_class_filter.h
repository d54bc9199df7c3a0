// one_class_filter.h — "one class normal": keeps only the training images of
// one class (anomaly scoring trains on it alone and tests on every class); the
// test set stays whole.
//
// Ownership: edits the dataset in place. Thread affinity: none. Failure modes:
// gs::Error when the data have no labels, the class does not exist or has no
// training image; the dataset is then unchanged.
#pragma once

#include "core/data/image_dataset.h"

namespace gs {

// limit > 0 then keeps the first `limit` images of that class.
void keep_only_class(ImageDataset& data, int class_index, long limit = 0);

}  // namespace gs
