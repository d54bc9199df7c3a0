// unpaired_domains.h — datasets of two image domains for translation models.
// Training images are unpaired: the domain-A half and the domain-B half come
// from disjoint sources, stacked on channels ([N, 2C, H, W], A first) in an
// arbitrary pairing. Test images of the built-in sets are truth pairs (the
// known mapping applied to the same source), for PSNR/SSIM evaluation.
//
//   edges2fashion   A: Canny edges of one half of Fashion-MNIST's training
//                   garments; B: the other half, unchanged. Test: edges of a
//                   test garment paired with the garment.
//   photo2painting  A: random crops of photos; B: crops of other photos through
//                   OpenCV's stylization filter. Test: crops of held-out photos
//                   paired with their stylization. Photos come from a folder
//                   (default: opencv-doc's examples, when installed).
//   folders         any two folders A and B (no truth pairs).
//
// Ownership: returns ImageDataset by value (shape.domains = 2). Thread affinity:
// none. Failure modes: gs::Error for missing folders or too few images.
#pragma once

#include <string>

#include "core/data/image_dataset.h"

namespace gs {

ImageDataset make_edges2fashion(const std::string& fashion_dir, int64_t limit);
ImageDataset make_photo2painting(const std::string& photo_dir, int size, int64_t limit);
ImageDataset load_folder_pair(const std::string& dir_a, const std::string& dir_b, int size, int channels,
                              int64_t limit);

// Canny edges as used by edges2fashion: [N, 1, H, W] in [0, 1] → binary edge maps.
torch::Tensor edge_maps(const torch::Tensor& images);

std::string default_photo_dir();

}  // namespace gs
