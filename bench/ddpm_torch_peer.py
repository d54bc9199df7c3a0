#!/usr/bin/python3
"""The PyTorch peer of `genstudio-cli train --model ddpm` on Fashion-MNIST: the
same U-Net (src/core/models/ddpm/ddpm_unet.cpp: sinusoidal embedding of t and a
two-layer MLP, one Linear projecting the time embedding for every residual
block, residual blocks GroupNorm(8)-SiLU-conv3×3 + t, GroupNorm-SiLU-conv3×3 with
a 1×1 skip when the width changes, stride-2 convolutions down, 2×2 stride-2 transposed
convolutions up, skip connections by concatenation, single-head self-attention
at the lowest resolution), the same cosine schedule with T = 1000, ε prediction,
mean squared error, Adam (lr 1e-3) and the same EMA update after every step,
the same batch size and threads. Batches are uniform random draws from the
60,000 training images (the sampler's order does not change the cost).

Prints one JSON line with the measured training steps per second (after a few
warm-up steps).

  /usr/bin/python3 bench/ddpm_torch_peer.py --steps 60 --threads 2 --batch 32
"""
import argparse
import gzip
import json
import math
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F


def load_fashion_mnist(directory):
    with gzip.open(f"{directory}/train-images-idx3-ubyte.gz", "rb") as f:
        data = f.read()
    n = int.from_bytes(data[4:8], "big")
    images = np.frombuffer(data, dtype=np.uint8, offset=16).reshape(n, 1, 28, 28)
    return torch.from_numpy(images.astype(np.float32) / 255.0)


def cosine_alpha_bar(T, s=0.008):
    f = lambda i: math.cos((i / T + s) / (1 + s) * math.pi / 2) ** 2
    betas = [min(1 - f(i + 1) / f(i), 0.999) for i in range(T)]
    return torch.cumprod(torch.tensor(1 - np.array(betas), dtype=torch.float64), 0).float()


def embedding(t, freqs):
    a = t.float()[:, None] * freqs[None]
    return torch.cat([a.sin(), a.cos()], 1)


class ResBlock(nn.Module):
    def __init__(self, cin, cout, g=8):
        super().__init__()
        self.norm1, self.conv1 = nn.GroupNorm(g, cin), nn.Conv2d(cin, cout, 3, padding=1)
        self.norm2, self.conv2 = nn.GroupNorm(g, cout), nn.Conv2d(cout, cout, 3, padding=1)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else None

    def forward(self, x, temb):
        h = self.conv1(F.silu(self.norm1(x))) + temb[:, :, None, None]
        h = self.conv2(F.silu(self.norm2(h)))
        return h + (self.skip(x) if self.skip is not None else x)


class Attention(nn.Module):
    def __init__(self, c, g=8):
        super().__init__()
        self.norm, self.qkv, self.proj = nn.GroupNorm(g, c), nn.Conv2d(c, 3 * c, 1), nn.Conv2d(c, c, 1)

    def forward(self, x):
        n, c, h, w = x.shape
        q, k, v = self.qkv(self.norm(x)).view(n, 3, c, h * w).unbind(1)
        a = torch.softmax(torch.bmm(q.transpose(1, 2), k) / math.sqrt(c), -1)
        return x + self.proj(torch.bmm(v, a.transpose(1, 2)).view(n, c, h, w))


class UNet(nn.Module):
    def __init__(self, cin=1, ch=32, mults=(1, 2, 2), attention=True):
        super().__init__()
        self.register_buffer("freqs", torch.exp(torch.arange(ch // 2) * (-math.log(10000.0) / (ch // 2))))
        td = 4 * ch
        self.time1, self.time2 = nn.Linear(ch, td), nn.Linear(td, td)
        self.conv_in = nn.Conv2d(cin, ch, 3, padding=1)
        self.down, self.downs, self.up, self.ups, sizes, skips = (nn.ModuleList(), nn.ModuleList(), nn.ModuleList(),
                                                                   nn.ModuleList(), [], [])
        cur = ch
        for i, m in enumerate(mults):
            self.down.append(ResBlock(cur, ch * m)); cur = ch * m; sizes.append(cur); skips.append(cur)
            if i + 1 < len(mults): self.downs.append(nn.Conv2d(cur, cur, 3, stride=2, padding=1))
        self.mid = nn.ModuleList([ResBlock(cur, cur), ResBlock(cur, cur)]); sizes += [cur, cur]
        self.attn = Attention(cur) if attention else None
        for i in reversed(range(len(mults))):
            self.up.append(ResBlock(cur + skips[i], ch * mults[i])); cur = ch * mults[i]; sizes.append(cur)
            if i > 0: self.ups.append(nn.ConvTranspose2d(cur, cur, 2, stride=2))
        self.sizes = sizes
        self.time_proj = nn.Linear(td, sum(sizes))
        self.norm_out, self.conv_out = nn.GroupNorm(8, cur), nn.Conv2d(cur, cin, 3, padding=1)
        self.levels = len(mults)

    def forward(self, x, t):
        temb = self.time2(F.silu(self.time1(embedding(t, self.freqs))))
        proj = iter(torch.split(self.time_proj(F.silu(temb)), self.sizes, 1))
        h, skips = self.conv_in(x), []
        for i in range(self.levels):
            h = self.down[i](h, next(proj)); skips.append(h)
            if i + 1 < self.levels: h = self.downs[i](h)
        h = self.mid[0](h, next(proj))
        if self.attn is not None: h = self.attn(h)
        h = self.mid[1](h, next(proj))
        for k in range(self.levels):
            i = self.levels - 1 - k
            h = self.up[k](torch.cat([h, skips[i]], 1), next(proj))
            if i > 0: h = self.ups[k](h)
        return self.conv_out(F.silu(self.norm_out(h)))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--steps", type=int, default=60)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--channels", type=int, default=32)
    p.add_argument("--no-attention", action="store_true")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    images = load_fashion_mnist(a.data)
    T = 1000
    ab = cosine_alpha_bar(T)
    net = UNet(ch=a.channels, attention=not a.no_attention)
    ema = [q.detach().clone() for q in net.parameters()]
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    n_ema = 0

    def step():
        nonlocal n_ema
        x0 = images[torch.randint(0, images.shape[0], (a.batch,))] * 2 - 1
        t = torch.randint(0, T, (a.batch,))
        noise = torch.randn_like(x0)
        s = ab[t].view(-1, 1, 1, 1)
        xt = x0 * s.sqrt() + noise * (1 - s).sqrt()
        loss = (net(xt, t) - noise).square().flatten(1).mean(1).mean()
        opt.zero_grad(set_to_none=False)
        loss.backward()
        opt.step()
        n_ema += 1
        d = min(0.999, (1 + n_ema) / (10 + n_ema))
        with torch.no_grad():
            params = [q.detach() for q in net.parameters()]
            torch._foreach_mul_(ema, d)
            torch._foreach_add_(ema, params, alpha=1 - d)
        return loss

    for _ in range(a.warmup):
        step()
    start = time.perf_counter()
    for _ in range(a.steps):
        loss = step()
    loss.item()
    seconds = time.perf_counter() - start
    print(json.dumps({"peer": "python3-torch " + torch.__version__, "steps": a.steps, "batch": a.batch,
                      "threads": a.threads, "channels": a.channels, "seconds": round(seconds, 3),
                      "steps_per_s": round(a.steps / seconds, 3), "final_loss": round(loss.item(), 4)}))


if __name__ == "__main__":
    main()
