// fast_conv_transpose.h — a transposed 2-D convolution that runs on oneDNN (mkldnn).
//
// LibTorch 1.13's CPU ConvTranspose2d has no oneDNN path: it runs the slow
// im2col + GEMM kernel (slow_conv_transpose2d), about half the speed of the
// oneDNN convolutions beside it (bench/RESULTS.md, "DCGAN step speed"). A
// transposed convolution is the input gradient of the ordinary convolution with
// the same weight, so this module computes its forward pass with LibTorch's
// convolution backward (oneDNN's backward-data kernel) and its backward pass
// with the forward convolution (input gradient) and the convolution's weight
// gradient: the same function and the same gradients as ConvTranspose2d, on
// faster kernels. A drop-in: it is a ConvTranspose2dImpl (same options, the same
// parameters "weight" [in, out, k, k] and "bias" with the same initialisation,
// so checkpoints and the random stream do not change); only forward differs.
// Falls back to ConvTranspose2d's own forward where oneDNN cannot serve it
// (groups, dilation, output padding, non-float, oneDNN disabled). Its backward
// is built of differentiable LibTorch ops, so create_graph works through it.
//
// Ownership: a module holder (shared). Thread affinity: one thread at a time,
// like any module. Failure modes: LibTorch shape errors for a wrong input.
#pragma once

#include <torch/torch.h>

namespace gs {

class FastConvTranspose2dImpl : public torch::nn::ConvTranspose2dImpl {
 public:
  using torch::nn::ConvTranspose2dImpl::ConvTranspose2dImpl;
  torch::Tensor forward(const torch::Tensor& input);
};
TORCH_MODULE(FastConvTranspose2d);

// The oneDNN transposed convolution itself (no bias): x [N, in, H, W], weight
// [in, out, k, k] → [N, out, (H−1)·s − 2p + k, …], differentiable once in x and weight.
torch::Tensor onednn_conv_transpose2d(const torch::Tensor& x, const torch::Tensor& weight, int64_t stride,
                                      int64_t padding);

}  // namespace gs
