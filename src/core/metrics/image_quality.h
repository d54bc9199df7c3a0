// image_quality.h — full-reference image quality: PSNR and SSIM (Wang et al.
// 2004: 11×11 Gaussian window, σ 1.5, K1 0.01, K2 0.03), on images in [0, 1].
//
// Ownership: free functions. Thread affinity: none. Failure modes: gs::Error for
// tensors of different or non-image shapes.
#pragma once

#include <torch/torch.h>

namespace gs {

// Mean over the batch of per-image PSNR in dB ([N, C, H, W]); identical images give 100.
double psnr(const torch::Tensor& a, const torch::Tensor& b);
// Mean SSIM over the batch and channels.
double ssim(const torch::Tensor& a, const torch::Tensor& b);

}  // namespace gs
