#!/usr/bin/python3
"""The PyTorch peer of `genstudio-cli train --model pixelcnn`: the same Gated
PixelCNN (src/core/models/pixelcnn/pixelcnn_nets.cpp): input 2x - 1; layer 0
with a 4x7 vertical and a 1x4 horizontal convolution (shifted right one column,
mask A), later layers (k/2+1)xk and 1x(k/2+1) (mask B); the vertical
pre-activation shifted down one row reaches the horizontal one through a 1x1
link; gates tanh(a)*sigmoid(b); the horizontal stack has a 1x1 output and a
residual from layer 1 on; head ReLU, 1x1, ReLU, 1x1 to 256 logits; the mean
cross-entropy against round(255 x); Adam (lr 1e-3); the same batch size, the
same threads and the same batches (as bench/vae_torch_peer.py: the 60,000
training images in file order, epoch e's permutation torch.randperm(60000) from
a generator seeded with seed*1000003 + e). Prints one JSON line.

Run with Debian's python3-torch:
  /usr/bin/python3 bench/pixelcnn_torch_peer.py --steps 200 --threads 2
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


class GatedLayer(nn.Module):
    def __init__(self, cin, f, k, first):
        super().__init__()
        self.first, self.kh, self.kw, self.hw = first, k // 2 + 1, k, k // 2 + 1
        self.v_conv = nn.Conv2d(cin, 2 * f, (self.kh, self.kw))
        self.h_conv = nn.Conv2d(cin, 2 * f, (1, self.hw))
        self.link = nn.Conv2d(2 * f, 2 * f, 1)
        self.h_out = nn.Conv2d(f, f, 1)

    @staticmethod
    def gate(t):
        a, b = t.chunk(2, 1)
        return torch.tanh(a) * torch.sigmoid(b)

    def forward(self, v, h):
        vp = self.v_conv(F.pad(v, (self.kw // 2, self.kw // 2, self.kh - 1, 0)))
        hp = self.h_conv(F.pad(h, (self.hw - 1, 0, 0, 0)))
        if self.first:
            hp = F.pad(hp, (1, 0, 0, 0))[:, :, :, :-1]
        hp = hp + self.link(F.pad(vp, (0, 0, 1, 0))[:, :, :-1, :])
        out = self.h_out(self.gate(hp))
        return self.gate(vp), out if self.first else h + out


class PixelCnn(nn.Module):
    def __init__(self, features, layers, kernel, head):
        super().__init__()
        self.layers = nn.ModuleList(
            [GatedLayer(1 if i == 0 else features, features, 7 if i == 0 else kernel, i == 0) for i in range(layers)])
        self.head1 = nn.Conv2d(features, head, 1)
        self.head2 = nn.Conv2d(head, 256, 1)

    def forward(self, x):
        v = h = x * 2 - 1
        for layer in self.layers:
            v, h = layer(v, h)
        return self.head2(F.relu(self.head1(F.relu(h))))


def batch_indices(n, batch_size, seed):
    per_epoch = n // batch_size
    step = 0
    while True:
        epoch, k = divmod(step, per_epoch)
        if k == 0:
            gen = torch.Generator().manual_seed((seed * 1000003 + epoch) % 2**64)
            perm = torch.randperm(n, generator=gen, dtype=torch.long)
        yield perm[k * batch_size:(k + 1) * batch_size]
        step += 1


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--steps", type=int, default=200)
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--features", type=int, default=32)
    p.add_argument("--layers", type=int, default=5)
    p.add_argument("--kernel", type=int, default=3)
    p.add_argument("--head", type=int, default=64)
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    images = load_fashion_mnist(a.data)
    model = PixelCnn(a.features, a.layers, a.kernel, a.head)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    batches = batch_indices(images.shape[0], a.batch_size, a.seed)
    t0 = time.perf_counter()
    for step in range(a.warmup + a.steps):
        if step == a.warmup:
            t0 = time.perf_counter()
        x = images.index_select(0, next(batches))
        loss = F.cross_entropy(model(x), (x[:, 0] * 255).round().long())
        opt.zero_grad()
        loss.backward()
        opt.step()
    rate = a.steps / (time.perf_counter() - t0)
    print(json.dumps({"peer": "python3-torch", "torch": torch.__version__, "threads": torch.get_num_threads(),
                      "batch_size": a.batch_size, "steps": a.steps, "steps_per_second": rate,
                      "final_bits_per_dim": loss.item() / math.log(2)}))


if __name__ == "__main__":
    main()
