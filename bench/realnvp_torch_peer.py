#!/usr/bin/python3
"""The python3-torch peer of GenStudio's image RealNVP (bench/realnvp_bpd.sh).

The same network as src/core/models/realnvp at its defaults: uniform dequantisation, the
logit transform (alpha 0.05), per scale [ActNorm + checkerboard coupling] x steps, squeeze,
[ActNorm + channel coupling] x steps, factor-out of half the channels; then the final
checkerboard couplings. Conditioners: conv3x3 -> residual blocks (ReLU, conv3x3) -> ReLU ->
conv3x3 (zero-initialised), log-scale soft-clamped bound*tanh(s/bound); Adam, gradient norm
clipped at 10. Trains on Fashion-MNIST (the IDX files) at batch 64 for a number of seconds and
prints one line: `steps_per_s=<float> bits_per_dim=<float>` (the training loss of the last steps).
"""
import argparse, gzip, math, os, struct, sys, time

import torch
import torch.nn as nn
import torch.nn.functional as F


def load_idx(path, limit):
    with gzip.open(path, "rb") as f:
        _, n, h, w = struct.unpack(">IIII", f.read(16))
        n = min(n, limit) if limit else n
        data = torch.frombuffer(bytearray(f.read(n * h * w)), dtype=torch.uint8)
    return data.view(n, 1, h, w).float() / 255


def soft_clamp(x, b):
    return torch.tanh(x / b) * b


class ActNorm(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.bias = nn.Parameter(torch.zeros(c))
        self.log_scale = nn.Parameter(torch.zeros(c))
        self.initialised = False

    def forward(self, x):
        if not self.initialised:
            with torch.no_grad():
                self.bias.copy_(-x.mean((0, 2, 3)))
                self.log_scale.copy_(-torch.log(x.std((0, 2, 3), unbiased=False) + 1e-6))
            self.initialised = True
        ld = self.log_scale.sum() * x.shape[2] * x.shape[3]
        return (x + self.bias.view(1, -1, 1, 1)) * torch.exp(self.log_scale.view(1, -1, 1, 1)), ld


class ResNet(nn.Module):
    def __init__(self, cin, cout, width, blocks):
        super().__init__()
        self.inp = nn.Conv2d(cin, width, 3, padding=1)
        self.blocks = nn.ModuleList([nn.Conv2d(width, width, 3, padding=1) for _ in range(blocks)])
        self.out = nn.Conv2d(width, 2 * cout, 3, padding=1)
        nn.init.zeros_(self.out.weight)
        nn.init.zeros_(self.out.bias)

    def forward(self, x):
        h = self.inp(x)
        for b in self.blocks:
            h = h + b(F.relu(h))
        return self.out(F.relu(h))


class Coupling(nn.Module):
    def __init__(self, checker, parity, c, h, w, width, blocks, bound):
        super().__init__()
        self.checker, self.parity, self.c, self.bound = checker, parity, c, bound
        if checker:
            r = torch.arange(h).view(-1, 1)
            col = torch.arange(w).view(1, -1)
            self.register_buffer("mask", (((r + col + parity) % 2) == 0).float().view(1, 1, h, w))
            self.net = ResNet(c + 1, c, width, blocks)
        else:
            self.half = c // 2
            self.pass_n = self.half if parity == 0 else c - self.half
            self.net = ResNet(self.pass_n, c - self.pass_n, width, blocks)

    def forward(self, x):
        if self.checker:
            m = self.mask
            h = self.net(torch.cat([x * m, m.expand(x.shape[0], 1, -1, -1)], 1))
            s = soft_clamp(h[:, : self.c], self.bound) * (1 - m)
            t = h[:, self.c :] * (1 - m)
            return x * torch.exp(s) + t, s.flatten(1).sum(1)
        p, r = self.pass_n, self.c - self.pass_n
        if self.parity == 0:
            a, b = x[:, :p], x[:, p:]
        else:
            b, a = x[:, :r], x[:, r:]
        h = self.net(a)
        s = soft_clamp(h[:, :r], self.bound)
        b = b * torch.exp(s) + h[:, r:]
        return (torch.cat([a, b], 1) if self.parity == 0 else torch.cat([b, a], 1)), s.flatten(1).sum(1)


def squeeze(x):
    n, c, h, w = x.shape
    return x.reshape(n, c, h // 2, 2, w // 2, 2).permute(0, 1, 3, 5, 2, 4).reshape(n, 4 * c, h // 2, w // 2)


class Flow(nn.Module):
    def __init__(self, c=1, h=28, w=28, scales=2, steps=2, width=16, blocks=0, bound=2.0):
        super().__init__()
        self.layers = nn.ModuleList()
        self.plan = []

        def group(checker):
            for j in range(steps):
                self.layers.append(ActNorm(c)); self.plan.append("layer")
                self.layers.append(Coupling(checker, j % 2, c, h, w, width, blocks, bound)); self.plan.append("layer")

        for _ in range(scales):
            group(True)
            c, h, w, width = c * 4, h // 2, w // 2, width * 2
            self.plan.append("squeeze")
            group(False)
            c //= 2
            self.plan.append("factor")
        group(True)

    def forward(self, x):
        ld = torch.zeros(x.shape[0])
        outs, it = [], iter(self.layers)
        for p in self.plan:
            if p == "layer":
                x, l = next(it)(x)
                ld = ld + l
            elif p == "squeeze":
                x = squeeze(x)
            else:
                half = x.shape[1] // 2
                outs.append(x[:, half:])
                x = x[:, :half]
        z = torch.cat([o.flatten(1) for o in outs] + [x.flatten(1)], 1)
        return z, ld


def nll_nats(flow, x, alpha=0.05):
    y = (torch.round(x * 255) + torch.rand_like(x)) / 256
    p = alpha + (1 - 2 * alpha) * y
    xp = torch.log(p) - torch.log1p(-p)
    ld = (math.log(1 - 2 * alpha) - torch.log(p) - torch.log1p(-p)).flatten(1).sum(1)
    z, lf = flow(xp)
    d = z.shape[1]
    logpz = -0.5 * (z ** 2).sum(1) - 0.5 * d * math.log(2 * math.pi)
    return -(logpz + lf + ld) + d * math.log(256)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    x = load_idx(os.path.join(a.data, "train-images-idx3-ubyte.gz"), a.limit)
    flow = Flow()
    opt = torch.optim.Adam(flow.parameters(), lr=1e-3)
    d = 784
    steps, start, recent = 0, None, []
    while True:
        idx = torch.randint(0, x.shape[0], (a.batch,))
        loss = nll_nats(flow, x[idx]).mean() / (d * math.log(2))
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(flow.parameters(), 10.0)
        opt.step()
        steps += 1
        recent = (recent + [loss.item()])[-20:]
        if steps == 3:  # warm-up steps (ActNorm initialisation, allocator) are not timed
            start, timed = time.time(), 0
        elif start is not None:
            timed += 1
            if time.time() - start >= a.seconds:
                break
    print("steps_per_s=%.3f bits_per_dim=%.4f steps=%d" % (timed / (time.time() - start), sum(recent) / len(recent), steps))


if __name__ == "__main__":
    sys.exit(main())
