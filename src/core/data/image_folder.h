// image_folder.h — a user's own images: every readable image under a folder
// (recursively), centre-cropped to a square and resized, gray or RGB. Images in
// the first level of subfolders are labelled by subfolder name.
//
// Ownership: returns an ImageDataset by value. Thread affinity: none.
// Failure modes: throws gs::Error when the folder is missing or holds no readable
// image; unreadable files are skipped and listed in ImageDataset::warnings.
#pragma once

#include <string>

#include "core/data/image_dataset.h"

namespace gs {

ImageDataset load_image_folder(const std::string& dir, int size, int channels, int64_t limit = 0);

}  // namespace gs
