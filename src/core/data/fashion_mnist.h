// fashion_mnist.h — Fashion-MNIST from Debian's dataset-fashion-mnist package
// (/usr/share/datasets/fashion-mnist/{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz).
//
// Ownership: returns an ImageDataset by value. Thread affinity: none.
// Failure modes: throws gs::Error when the package is missing (saying how to
// install it), a file is damaged, truncated or of the wrong kind, or image and
// label counts disagree.
#pragma once

#include <string>

#include "core/data/image_dataset.h"

namespace gs {

// The directory searched when no path is given: $GENSTUDIO_FASHION_MNIST_DIR or
// the Debian package's directory.
std::string default_fashion_mnist_dir();

// limit > 0 keeps only the first `limit` training images.
ImageDataset load_fashion_mnist(const std::string& dir, int64_t limit = 0);

const std::vector<std::string>& fashion_mnist_class_names();

}  // namespace gs
