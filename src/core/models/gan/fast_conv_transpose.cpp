#include "core/models/gan/fast_conv_transpose.h"

#include <ATen/Context.h>

namespace gs {
namespace {

using torch::autograd::AutogradContext;
using torch::autograd::tensor_list;

// y = Jᵀx, where J is the Jacobian of u ↦ conv2d(u, W) (u of y's shape): so y is
// the input gradient of that convolution for the output gradient x; ∂L/∂x = J·g =
// conv2d(g, W), and ∂L/∂W = ∂⟨conv2d(g, W), x⟩/∂W, the convolution's weight
// gradient for input g and output gradient x.
struct OneDnnConvTranspose : torch::autograd::Function<OneDnnConvTranspose> {
  static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& x, const torch::Tensor& weight,
                               int64_t stride, int64_t padding) {
    const int64_t k_h = weight.size(2), k_w = weight.size(3);
    const std::vector<int64_t> out_shape = {x.size(0), weight.size(1), (x.size(2) - 1) * stride - 2 * padding + k_h,
                                            (x.size(3) - 1) * stride - 2 * padding + k_w};
    // Only the shape of the convolution's input is read by its input gradient.
    const torch::Tensor shape_only = torch::empty(out_shape, x.options().memory_format(x.suggest_memory_format()));
    torch::Tensor y = std::get<0>(at::convolution_backward(x, shape_only, weight, c10::nullopt, {stride, stride},
                                                           {padding, padding}, {1, 1}, /*transposed=*/false, {0, 0},
                                                           /*groups=*/1, {true, false, false}));
    ctx->save_for_backward({x, weight});
    ctx->saved_data["stride"] = stride;
    ctx->saved_data["padding"] = padding;
    return y;
  }

  static tensor_list backward(AutogradContext* ctx, tensor_list grads) {
    const auto saved = ctx->get_saved_variables();
    const torch::Tensor& x = saved[0];
    const torch::Tensor& weight = saved[1];
    const int64_t s = ctx->saved_data["stride"].toInt(), p = ctx->saved_data["padding"].toInt();
    const torch::Tensor g = grads[0].contiguous(x.suggest_memory_format());
    torch::Tensor grad_x, grad_w;
    if (ctx->needs_input_grad(0)) {
      grad_x = at::convolution(g, weight, c10::nullopt, {s, s}, {p, p}, {1, 1}, false, {0, 0}, 1);
    }
    if (ctx->needs_input_grad(1)) {
      grad_w = std::get<1>(at::convolution_backward(x, g, weight, c10::nullopt, {s, s}, {p, p}, {1, 1}, false, {0, 0},
                                                    1, {false, true, false}));
    }
    return {grad_x, grad_w, torch::Tensor(), torch::Tensor()};
  }
};

}  // namespace

torch::Tensor onednn_conv_transpose2d(const torch::Tensor& x, const torch::Tensor& weight, int64_t stride,
                                      int64_t padding) {
  return OneDnnConvTranspose::apply(x, weight, stride, padding);
}

torch::Tensor FastConvTranspose2dImpl::forward(const torch::Tensor& input) {
  const auto& o = options;
  const auto stride = *o.stride();
  const auto padding_size = *c10::get<torch::ExpandingArray<2>>(o.padding());
  const auto dilation = *o.dilation(), output_padding = *o.output_padding();
  const bool square = stride[0] == stride[1] && padding_size[0] == padding_size[1];
  const bool onednn = at::hasMKLDNN() && at::globalContext().userEnabledMkldnn() && input.dim() == 4 &&
                      input.scalar_type() == torch::kFloat && input.device().is_cpu() && o.groups() == 1 &&
                      dilation[0] == 1 && dilation[1] == 1 && output_padding[0] == 0 && output_padding[1] == 0 &&
                      square;
  if (!onednn) return torch::nn::ConvTranspose2dImpl::forward(input);
  torch::Tensor y = onednn_conv_transpose2d(input, weight, stride[0], padding_size[0]);
  return bias.defined() ? y + bias.view({1, -1, 1, 1}) : y;
}

}  // namespace gs
