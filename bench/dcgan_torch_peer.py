#!/usr/bin/python3
"""The PyTorch peer of `genstudio-cli train --model dcgan --dataset fashion-mnist` with its
image defaults: the same generator (z 100 → dense 6272 without bias → BatchNorm1d → ReLU →
[128, 7, 7] → ConvTranspose2d 128→64 k4 s2 p1 without bias → BatchNorm2d → ReLU →
ConvTranspose2d 64→1 k4 s2 p1 → tanh) and discriminator (Conv2d 1→64 k4 s2 p1 → LeakyReLU 0.2
→ Conv2d 64→128 k4 s2 p1 without bias → BatchNorm2d → LeakyReLU 0.2 → dense 6272 → 1), the
non-saturating loss, Adam (lr 2e-3, betas 0.5/0.999) for G and D, batch 64, and samples'
generator EMA (decay 0.999, short memory at first: min(0.999, (1 + n)/(10 + n))) updated after
every G step, batch-norm buffers copied into the average. Prints one JSON line with steps/s.

The same algorithmic work per step as src/core/models/gan/gan_model.cpp (the `--fake`
option says which of its two step shapes):
  reuse (GenStudio's default since issue 18, and the PyTorch DCGAN example's): one generator
    pass with autograd per step; D judges the real batch and the detached fake batch
    separately (batch norm statistics per batch, as in DCGAN), one D update, then D with its
    parameters frozen judges the same fake batch again and G is updated.
  fresh (GenStudio before): the fake batch for D generated under inference mode, a second
    generator pass on new noise for G's update.
The same batches: the 60,000 training images in file order scaled to [−1, 1] and the
permutation of gs::BatchSampler (seed·1000003 + epoch), as bench/vae_torch_peer.py.

At its best: `--foreach auto` (the default) times torch.optim.Adam with and without its
multi-tensor kernels in alternating trial rounds on throwaway copies, then uses the faster;
`--channels-last` puts the networks and batches in channels-last memory format.

/usr/bin/python3 bench/dcgan_torch_peer.py --steps 200 --threads 2
"""
import argparse
import copy
import gzip
import json
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


def make_nets(latent=100, ngf=64, ndf=64):
    g2, d2 = 2 * ngf, 2 * ndf
    G = nn.Sequential(nn.Linear(latent, g2 * 49, bias=False), nn.BatchNorm1d(g2 * 49), nn.ReLU(),
                      nn.Unflatten(1, (g2, 7, 7)),
                      nn.ConvTranspose2d(g2, ngf, 4, 2, 1, bias=False), nn.BatchNorm2d(ngf), nn.ReLU(),
                      nn.ConvTranspose2d(ngf, 1, 4, 2, 1), nn.Tanh())
    D = nn.Sequential(nn.Conv2d(1, ndf, 4, 2, 1), nn.LeakyReLU(0.2),
                      nn.Conv2d(ndf, d2, 4, 2, 1, bias=False), nn.BatchNorm2d(d2), nn.LeakyReLU(0.2),
                      nn.Flatten(), nn.Linear(d2 * 49, 1))
    return G, D


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


def train(G, D, images, a, foreach, steps, warmup):
    """Runs warmup + steps steps; returns (steps per second, last d_x, last d_g_z)."""
    opt_g = torch.optim.Adam(G.parameters(), lr=a.lr, betas=(0.5, 0.999), foreach=foreach)
    opt_d = torch.optim.Adam(D.parameters(), lr=a.lr, betas=(0.5, 0.999), foreach=foreach)
    G_ema = copy.deepcopy(G)
    ema_params = [p.detach() for p in G_ema.parameters()]
    g_params = [p.detach() for p in G.parameters()]
    ema_n = 0
    memory = torch.channels_last if a.channels_last else torch.contiguous_format
    batches = batch_indices(images.shape[0], a.batch_size, a.seed)
    b = a.batch_size
    d_x = d_gz = None
    t0 = time.perf_counter()
    for step in range(warmup + steps):
        if step == warmup:
            t0 = time.perf_counter()
        real = (images.index_select(0, next(batches)) * 2 - 1).contiguous(memory_format=memory)
        if a.fake == "reuse":
            fake = G(torch.randn(b, a.latent_dim))
            fake_for_d = fake.detach()
        else:
            with torch.inference_mode():
                fake_for_d = G(torch.randn(b, a.latent_dim))
            fake_for_d = fake_for_d.clone()
        d_real = D(real).reshape(-1)
        d_fake = D(fake_for_d).reshape(-1)
        d_loss = F.softplus(-d_real).mean() + F.softplus(d_fake).mean()
        opt_d.zero_grad()
        d_loss.backward()
        opt_d.step()
        d_x, d_gz = torch.sigmoid(d_real.detach()).mean(), torch.sigmoid(d_fake.detach()).mean()
        for q in D.parameters():
            q.requires_grad_(False)
        if a.fake != "reuse":
            fake = G(torch.randn(b, a.latent_dim))
        g_loss = F.softplus(-D(fake).reshape(-1)).mean()
        opt_g.zero_grad()
        g_loss.backward()
        opt_g.step()
        for q in D.parameters():
            q.requires_grad_(True)
        ema_n += 1
        decay = min(0.999, (1 + ema_n) / (10 + ema_n))
        with torch.no_grad():
            torch._foreach_mul_(ema_params, decay)
            torch._foreach_add_(ema_params, g_params, alpha=1 - decay)
            for to, frm in zip(G_ema.buffers(), G.buffers()):
                to.copy_(frm)
    rate = steps / (time.perf_counter() - t0)
    return rate, d_x.item(), d_gz.item()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--steps", type=int, default=200)
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--latent-dim", type=int, default=100)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--fake", choices=["reuse", "fresh"], default="reuse")
    p.add_argument("--channels-last", action="store_true")
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--foreach", choices=["auto", "on", "off"], default="auto",
                   help="Adam's multi-tensor kernels; auto times both first and keeps the faster")
    p.add_argument("--trial-steps", type=int, default=30, help="steps per trial round of --foreach auto")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    images = load_fashion_mnist(a.data)
    G, D = make_nets(a.latent_dim)
    if a.channels_last:
        G, D = G.to(memory_format=torch.channels_last), D.to(memory_format=torch.channels_last)
    trials = {}
    if a.foreach == "auto":
        rates = {False: [], True: []}
        for _ in range(2):  # alternating rounds, so a neighbour's burst does not decide alone
            for fe in (False, True):
                rates[fe].append(train(copy.deepcopy(G), copy.deepcopy(D), images, a, fe, a.trial_steps, 5)[0])
        trials = {"foreach_off": max(rates[False]), "foreach_on": max(rates[True])}
        foreach = trials["foreach_on"] > trials["foreach_off"]
    else:
        foreach = a.foreach == "on"
    rate, d_x, d_gz = train(G, D, images, a, foreach, a.steps, a.warmup)
    print(json.dumps({"peer": "python3-torch", "torch": torch.__version__, "threads": torch.get_num_threads(),
                      "mkldnn": torch.backends.mkldnn.is_available(), "fake": a.fake,
                      "channels_last": a.channels_last, "batch_size": a.batch_size, "steps": a.steps,
                      "foreach": foreach, "trial_steps_per_second": trials, "steps_per_second": rate,
                      "d_x": d_x, "d_g_z": d_gz}))


if __name__ == "__main__":
    main()
