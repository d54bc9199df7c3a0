#!/usr/bin/python3
"""The PyTorch peer of `genstudio-cli train --model gan --dataset ring8`: the same
MLP generator and discriminator (`layers` hidden layers of `width` units, LeakyReLU
0.2, linear outputs), the non-saturating loss, one D and one G Adam update per
step (lr 2e-4, betas 0.5/0.999), fresh batches from a ring of 8 Gaussians, the
same threads. Prints one JSON line with steps per second.

/usr/bin/python3 bench/gan2d_torch_peer.py --steps 3000 --threads 1
"""
import argparse
import json
import math
import time

import torch
from torch import nn
import torch.nn.functional as F


def mlp(inp, width, layers, out):
    mods = []
    for _ in range(layers):
        mods += [nn.Linear(inp, width), nn.LeakyReLU(0.2)]
        inp = width
    mods.append(nn.Linear(inp, out))
    return nn.Sequential(*mods)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--steps", type=int, default=3000)
    p.add_argument("--warmup", type=int, default=100)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--latent-dim", type=int, default=2)
    p.add_argument("--width", type=int, default=128)
    p.add_argument("--layers", type=int, default=3)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    modes = torch.tensor([[2 * math.cos(2 * math.pi * i / 8), 2 * math.sin(2 * math.pi * i / 8)] for i in range(8)])
    data = modes[torch.randint(0, 8, (20000,))] + 0.02 * torch.randn(20000, 2)
    G = mlp(a.latent_dim, a.width, a.layers, 2)
    D = mlp(2, a.width, a.layers, 1)
    opt_g = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999))
    per_epoch = data.shape[0] // a.batch_size
    t0 = None
    for step in range(a.warmup + a.steps):
        if step == a.warmup:
            t0 = time.perf_counter()
        if step % per_epoch == 0:
            perm = torch.randperm(data.shape[0])
        real = data.index_select(0, perm[(step % per_epoch) * a.batch_size:(step % per_epoch + 1) * a.batch_size])
        with torch.no_grad():
            fake = G(torch.randn(a.batch_size, a.latent_dim))
        d_loss = F.softplus(-D(real)).mean() + F.softplus(D(fake)).mean()
        opt_d.zero_grad()
        d_loss.backward()
        opt_d.step()
        for q in D.parameters():
            q.requires_grad_(False)
        g_loss = F.softplus(-D(G(torch.randn(a.batch_size, a.latent_dim)))).mean()
        opt_g.zero_grad()
        g_loss.backward()
        opt_g.step()
        for q in D.parameters():
            q.requires_grad_(True)
    elapsed = time.perf_counter() - t0
    print(json.dumps({"peer": "python3-torch", "threads": torch.get_num_threads(), "steps": a.steps,
                      "steps_per_second": a.steps / elapsed}))


if __name__ == "__main__":
    main()
