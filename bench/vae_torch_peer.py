#!/usr/bin/python3
"""The PyTorch peer of `genstudio-cli train --model vae`: the same seed VAE
(784-512-256-z encoder with one 2z head, mirrored decoder, ReLU), the same
Bernoulli cross-entropy (summed over pixels, mean over the batch) plus KL, Adam
(lr 1e-3), the same batch size, the same number of threads. Prints one JSON line
with the measured steps per second.

Same batches: the 60,000 training images in file order scaled by 1/255, and for
epoch e the permutation torch.randperm(60000) drawn from a CPU generator seeded
with seed·1000003 + e, batch k of the epoch the slice [k·B, (k+1)·B) of it, as
src/core/train/batch_sampler.cpp does (same LibTorch, same generator, so the
same indices for the same --seed; the CLI's default seed is 1).

At its best: `--foreach auto` (the default) times torch.optim.Adam with and
without its multi-tensor kernels (foreach) in alternating trial rounds on
throwaway copies of the model, then uses the faster for the timed run, which
starts from step 0 with the untouched model; the JSON line says which it used.

Run with Debian's python3-torch: /usr/bin/python3 bench/vae_torch_peer.py --steps 2000 --threads 2
"""
import argparse
import gzip
import copy
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


class Vae(nn.Module):
    def __init__(self, latent, h1=512, h2=256, pixels=784):
        super().__init__()
        self.latent = latent
        self.encoder = nn.Sequential(nn.Flatten(), nn.Linear(pixels, h1), nn.ReLU(),
                                     nn.Linear(h1, h2), nn.ReLU(), nn.Linear(h2, 2 * latent))
        self.decoder = nn.Sequential(nn.Linear(latent, h2), nn.ReLU(), nn.Linear(h2, h1), nn.ReLU(),
                                     nn.Linear(h1, pixels), nn.Unflatten(1, (1, 28, 28)))

    def loss(self, x):
        head = self.encoder(x)
        mu, logvar = head[:, :self.latent], head[:, self.latent:]
        std = torch.exp(0.5 * logvar)
        z = mu + std * torch.randn_like(std)
        recon = F.binary_cross_entropy_with_logits(self.decoder(z), x, reduction="sum") / x.shape[0]
        kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - std.pow(2)) / x.shape[0]
        return recon + kl, recon, kl


def batch_indices(n, batch_size, seed):
    """Yields the index tensor of every step, as gs::BatchSampler does."""
    per_epoch = n // batch_size
    step = 0
    while True:
        epoch, k = divmod(step, per_epoch)
        if k == 0:
            gen = torch.Generator().manual_seed((seed * 1000003 + epoch) % 2**64)
            perm = torch.randperm(n, generator=gen, dtype=torch.long)
        yield perm[k * batch_size:(k + 1) * batch_size]
        step += 1


def train(model, images, a, foreach, steps, warmup):
    """Runs warmup + steps steps from step 0; returns (steps per second, last loss)."""
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, foreach=foreach)
    batches = batch_indices(images.shape[0], a.batch_size, a.seed)
    loss = None
    t0 = time.perf_counter()
    for step in range(warmup + steps):
        if step == warmup:
            t0 = time.perf_counter()
        x = images.index_select(0, next(batches))
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=a.bf16):
            loss, recon, kl = model.loss(x)
        opt.zero_grad()
        loss.backward()
        opt.step()
    rate = steps / (time.perf_counter() - t0)
    return rate, loss.item()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--steps", type=int, default=2000)
    p.add_argument("--warmup", type=int, default=50)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--latent-dim", type=int, default=2)
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--bf16", action="store_true", help="forward pass under CPU autocast (bfloat16)")
    p.add_argument("--foreach", choices=["auto", "on", "off"], default="auto",
                   help="Adam's multi-tensor kernels; auto times both first and keeps the faster")
    p.add_argument("--trial-steps", type=int, default=60, help="steps per trial round of --foreach auto")
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    images = load_fashion_mnist(a.data)
    model = Vae(a.latent_dim)
    trials = {}
    if a.foreach == "auto":
        rates = {False: [], True: []}
        for _ in range(2):  # alternating rounds, so a neighbour's burst does not decide alone
            for fe in (False, True):
                rates[fe].append(train(copy.deepcopy(model), images, a, fe, a.trial_steps, 10)[0])
        trials = {"foreach_off": max(rates[False]), "foreach_on": max(rates[True])}
        foreach = trials["foreach_on"] > trials["foreach_off"]
    else:
        foreach = a.foreach == "on"
    rate, final_loss = train(model, images, a, foreach, a.steps, a.warmup)
    print(json.dumps({"peer": "python3-torch", "torch": torch.__version__, "threads": torch.get_num_threads(),
                      "bf16": a.bf16, "batch_size": a.batch_size, "steps": a.steps, "foreach": foreach,
                      "trial_steps_per_second": trials, "steps_per_second": rate, "final_loss": final_loss}))


if __name__ == "__main__":
    main()
