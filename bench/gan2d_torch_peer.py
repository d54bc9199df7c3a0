#!/usr/bin/python3
"""The PyTorch peer of `genstudio-cli train --model gan --dataset ring8`: the same
MLP generator and discriminator (`layers` hidden layers of `width` units, LeakyReLU
0.2, linear outputs), the non-saturating loss, one D and one G Adam update per
step (lr 2e-4, betas 0.5/0.999), shuffled batches of 20,000 fixed points from a
ring of 8 Gaussians, the same threads. Prints one JSON line with steps per second.

The same algorithmic work as src/core/models/gan/gan_model.cpp: the fake batch is
generated without autograd, and the discriminator judges real and fake samples in
one pass over torch.cat([real, fake]) (the C++ side does so for every
discriminator without batch norm, i.e. every MLP), then splits the scores in
halves; the generator step runs D with its parameters frozen.

The peer is configured at its best: `--foreach auto` (the default) times both
torch.optim.Adam variants (per-tensor loop, foreach=False, and LibTorch's
multi-tensor kernels, foreach=True) in alternating trial rounds on throwaway
copies of the networks, then uses the faster for the timed run; the JSON line
says which it used and the trial rates.

/usr/bin/python3 bench/gan2d_torch_peer.py --steps 3000 --threads 1
"""
import argparse
import copy
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


def train(G, D, data, a, foreach, steps, warmup):
    """Runs warmup + steps training steps; returns the timed steps per second."""
    opt_g = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999), foreach=foreach)
    opt_d = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999), foreach=foreach)
    b = a.batch_size
    per_epoch = data.shape[0] // b
    perm = None
    t0 = time.perf_counter()
    for step in range(warmup + steps):
        if step == warmup:
            t0 = time.perf_counter()
        if step % per_epoch == 0:
            perm = torch.randperm(data.shape[0])
        real = data.index_select(0, perm[(step % per_epoch) * b:(step % per_epoch + 1) * b])
        with torch.inference_mode():
            fake = G(torch.randn(b, a.latent_dim))
        fake = fake.clone()
        both = D(torch.cat([real, fake])).reshape(-1)
        d_loss = F.softplus(-both[:b]).mean() + F.softplus(both[b:]).mean()
        opt_d.zero_grad()
        d_loss.backward()
        opt_d.step()
        for q in D.parameters():
            q.requires_grad_(False)
        g_loss = F.softplus(-D(G(torch.randn(b, a.latent_dim))).reshape(-1)).mean()
        opt_g.zero_grad()
        g_loss.backward()
        opt_g.step()
        for q in D.parameters():
            q.requires_grad_(True)
    return steps / (time.perf_counter() - t0)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--steps", type=int, default=3000)
    p.add_argument("--warmup", type=int, default=100)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--latent-dim", type=int, default=2)
    p.add_argument("--width", type=int, default=128)
    p.add_argument("--layers", type=int, default=3)
    p.add_argument("--foreach", choices=["auto", "on", "off"], default="auto",
                   help="Adam's multi-tensor kernels; auto times both first and keeps the faster")
    p.add_argument("--trial-steps", type=int, default=300, help="steps per trial round of --foreach auto")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    modes = torch.tensor([[2 * math.cos(2 * math.pi * i / 8), 2 * math.sin(2 * math.pi * i / 8)] for i in range(8)])
    data = modes[torch.randint(0, 8, (20000,))] + 0.02 * torch.randn(20000, 2)
    G = mlp(a.latent_dim, a.width, a.layers, 2)
    D = mlp(2, a.width, a.layers, 1)
    trials = {}
    if a.foreach == "auto":
        rates = {False: [], True: []}
        for _ in range(2):  # alternating rounds, so a neighbour's burst does not decide alone
            for fe in (False, True):
                rates[fe].append(train(copy.deepcopy(G), copy.deepcopy(D), data, a, fe, a.trial_steps, 20))
        trials = {"foreach_off": max(rates[False]), "foreach_on": max(rates[True])}
        foreach = trials["foreach_on"] > trials["foreach_off"]
    else:
        foreach = a.foreach == "on"
    rate = train(G, D, data, a, foreach, a.steps, a.warmup)
    print(json.dumps({"peer": "python3-torch", "torch": torch.__version__, "threads": torch.get_num_threads(),
                      "steps": a.steps, "foreach": foreach, "trial_steps_per_second": trials,
                      "steps_per_second": rate}))


if __name__ == "__main__":
    main()
