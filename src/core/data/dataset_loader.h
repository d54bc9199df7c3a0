// dataset_loader.h — builds an ImageDataset from a DatasetSpec (catalog id + options).
//
// Ownership: returns by value. Thread affinity: none (loading takes about a
// second for Fashion-MNIST: keep it off a GUI thread). Failure modes: gs::Error
// for an unknown id or a loader failure.
#pragma once

#include "core/data/image_dataset.h"
#include "core/train/training_session.h"

namespace gs {

ImageDataset load_dataset(const DatasetSpec& spec);

}  // namespace gs
