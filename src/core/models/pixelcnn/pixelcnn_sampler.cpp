#include "core/models/pixelcnn/pixelcnn_sampler.h"

#include <ATen/Parallel.h>

#include <vector>

namespace gs {
namespace {

namespace F = torch::nn::functional;

// The cached sampler is tens of thousands of tiny operations: splitting each
// over threads costs more than it saves, and on a busy machine every op would
// wait for a descheduled thread. It runs on this thread alone.
class SingleThread {
 public:
  SingleThread() : previous_(at::get_num_threads()) { at::set_num_threads(1); }
  ~SingleThread() { at::set_num_threads(previous_); }
  SingleThread(const SingleThread&) = delete;
  SingleThread& operator=(const SingleThread&) = delete;

 private:
  int previous_;
};

// A 1×1 convolution's weight as the right operand of x·Wᵀ: [in, out].
torch::Tensor dense_t(const torch::nn::Conv2d& conv) {
  return conv->weight.reshape({conv->weight.size(0), conv->weight.size(1)}).t().contiguous();
}

// Draws one pixel for the whole batch from logits [N, 256]; writes the drawn
// values (where todo) into x, returns false when the callback asks to stop.
bool draw(const torch::Tensor& logits, double temperature, const torch::Tensor& x, const torch::Tensor& todo,
          const torch::Tensor& noise, int64_t r, int64_t c, const PixelSampler::PixelCallback& on_pixel) {
  torch::Tensor probs = torch::softmax(logits / temperature, -1);
  torch::Tensor value = inverse_cdf(probs, noise.select(3, c).select(2, r).select(1, 0)).to(torch::kFloat32) / 255.0;
  torch::Tensor cur = x.select(3, c).select(2, r).select(1, 0);
  cur.copy_(torch::where(todo.select(3, c).select(2, r).select(1, 0), value, cur));
  return !on_pixel || on_pixel(r, c, probs.unsqueeze(1));
}

}  // namespace

torch::Tensor inverse_cdf(const torch::Tensor& probs, const torch::Tensor& u) {
  torch::Tensor below = probs.cumsum(-1).lt(u.unsqueeze(-1));
  return below.sum(-1).clamp_max(255);
}

torch::Tensor sample_naive(PixelCnnNetImpl& net, const torch::Tensor& images, const torch::Tensor& todo,
                           double temperature, const torch::Tensor& noise, const PixelSampler::PixelCallback& on_pixel,
                           const torch::Tensor& labels) {
  torch::Tensor x = images.to(torch::kFloat32).clone();
  const int64_t H = x.size(2), W = x.size(3);
  for (int64_t r = 0; r < H; ++r) {
    for (int64_t c = 0; c < W; ++c) {
      if (!todo.select(3, c).select(2, r).any().item<bool>()) continue;
      torch::Tensor logits = net.forward(x, labels).select(3, c).select(2, r);
      if (!draw(logits, temperature, x, todo, noise, r, c, on_pixel)) return x;
    }
  }
  return x;
}

torch::Tensor sample_cached(PixelCnnNetImpl& net, const torch::Tensor& images, const torch::Tensor& todo,
                            double temperature, const torch::Tensor& noise, const PixelSampler::PixelCallback& on_pixel,
                            const torch::Tensor& labels) {
  SingleThread single;
  torch::Tensor x = images.to(torch::kFloat32).clone();
  const int64_t N = x.size(0), H = x.size(2), W = x.size(3);
  const int64_t Fe = net.config().features;
  std::vector<GatedLayer> layers = net.gated_layers();  // holders: shared, cheap to copy
  const size_t L = layers.size();
  const auto opts = x.options();
  const torch::Tensor class_bias = net.class_biases(labels);  // [N, L, 2, 2F] or undefined
  std::vector<torch::Tensor> vbias(L);                         // [N, 2F, 1, 1] per layer (conditional)

  // Vertical caches: each layer's input with its zero padding (rows on top, columns each side).
  std::vector<torch::Tensor> vin(L), hin(L), link_rows(L), hw_t(L), hbias(L), out_t(L), out_b(L);
  for (size_t i = 0; i < L; ++i) {
    const GatedLayer& l = layers[i];
    const int64_t cin = l.first ? x.size(1) : Fe;
    vin[i] = torch::zeros({N, cin, H + l.kh - 1, W + 2 * (l.kw / 2)}, opts);
    // Horizontal row caches [N, W + pad, cin], column j at j + pad; the first layer's
    // pad includes the mask-A shift.
    const int64_t pad = l.first ? l.hw : l.hw - 1;
    hin[i] = torch::zeros({N, W + pad, cin}, opts);
    hw_t[i] = l.h_conv->weight.squeeze(2).permute({0, 2, 1}).reshape({2 * Fe, l.hw * cin}).t().contiguous();
    hbias[i] = l.h_conv->bias;
    if (class_bias.defined()) {
      hbias[i] = hbias[i] + class_bias.select(1, static_cast<int64_t>(i)).select(1, 1);  // [N, 2F]
      vbias[i] = class_bias.select(1, static_cast<int64_t>(i)).select(1, 0).unsqueeze(-1).unsqueeze(-1).contiguous();
    }
    out_t[i] = dense_t(l.h_out);
    out_b[i] = l.h_out->bias;
    // Row 0: the vertical stack shifted down is zero there, so the link gives its bias.
    link_rows[i] = l.link->bias.expand({N, W, 2 * Fe}).contiguous();
  }
  const torch::Tensor h1_t = dense_t(net.head1), h1_b = net.head1->bias;
  const torch::Tensor h2_t = dense_t(net.head2), h2_b = net.head2->bias;
  const torch::Tensor todo_rows = todo.any(3).any(0).reshape({H});  // any item draws in row r
  const torch::Tensor todo_cols = todo.any(0).select(0, 0);          // [H, W]

  auto write_input_row = [&](int64_t r) {
    const GatedLayer& l0 = layers[0];
    vin[0].narrow(2, r + l0.kh - 1, 1).narrow(3, l0.kw / 2, W).copy_(PixelCnnNetImpl::input_of(x.narrow(2, r, 1)));
  };
  // Once row r is complete: one row of every vertical layer, and the links for row r + 1.
  auto vertical_row = [&](int64_t r) {
    for (size_t i = 0; i < L; ++i) {
      GatedLayer& l = layers[i];
      torch::Tensor vp = l.v_conv->forward(vin[i].narrow(2, r, l.kh));  // [N, 2F, 1, W]
      if (vbias[i].defined()) vp = vp + vbias[i];
      link_rows[i] = l.link->forward(vp).squeeze(2).permute({0, 2, 1}).contiguous();
      if (i + 1 < L) {
        const GatedLayer& nx = layers[i + 1];
        vin[i + 1].narrow(2, r + nx.kh - 1, 1).narrow(3, nx.kw / 2, W).copy_(PixelCnnNetImpl::gate(vp));
      }
    }
  };

  for (int64_t r = 0; r < H; ++r) {
    if (r > 0) vertical_row(r - 1);
    if (todo_rows[r].item<bool>()) {
      // The row's observed values; drawn ones are written as they come.
      hin[0].narrow(1, layers[0].hw, W).copy_(PixelCnnNetImpl::input_of(x.select(2, r)).permute({0, 2, 1}));
      const torch::Tensor row_todo = todo_cols[r];
      int64_t last = W - 1;
      while (last >= 0 && !row_todo[last].item<bool>()) --last;
      for (int64_t c = 0; c <= last; ++c) {
        torch::Tensor h;
        for (size_t i = 0; i < L; ++i) {
          GatedLayer& l = layers[i];
          torch::Tensor link = link_rows[i].select(1, c);
          torch::Tensor pre;
          if (l.first && c == 0) {
            // mask A at the first column: the shifted-in zero (and the class bias, added after the shift)
            pre = class_bias.defined() ? link + class_bias.select(1, 0).select(1, 1) : link;
          } else {
            torch::Tensor window = hin[i].narrow(1, c, l.hw).reshape({N, -1});
            pre = torch::addmm(link + hbias[i], window, hw_t[i]);
          }
          torch::Tensor out = torch::addmm(out_b[i], PixelCnnNetImpl::gate(pre), out_t[i]);
          h = l.first ? out : out + hin[i].select(1, c + l.hw - 1);
          if (i + 1 < L) hin[i + 1].select(1, c + layers[i + 1].hw - 1).copy_(h);
        }
        if (!row_todo[c].item<bool>()) continue;
        torch::Tensor hidden = torch::relu(torch::addmm(h1_b, torch::relu(h), h1_t));
        torch::Tensor logits = torch::addmm(h2_b, hidden, h2_t);
        if (!draw(logits, temperature, x, todo, noise, r, c, on_pixel)) return x;
        hin[0].select(1, c + layers[0].hw).copy_(PixelCnnNetImpl::input_of(x.select(3, c).select(2, r)));
      }
    }
    write_input_row(r);
  }
  return x;
}

}  // namespace gs
