#!/usr/bin/python3
"""The PyTorch peer of `genstudio-cli train --model vae`: the same seed VAE
(784-512-256-z encoder with one 2z head, mirrored decoder, ReLU), the same
Bernoulli cross-entropy (summed over pixels, mean over the batch) plus KL, Adam
(lr 1e-3), the same batch size and shuffled batches of Fashion-MNIST, the same
number of threads. Prints one JSON line with the measured steps per second.

Run with Debian's python3-torch: /usr/bin/python3 bench/vae_torch_peer.py --steps 2000 --threads 2
"""
import argparse
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
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    images = load_fashion_mnist(a.data)
    model = Vae(a.latent_dim)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    per_epoch = images.shape[0] // a.batch_size
    perm = None
    losses = []
    t0 = None
    for step in range(a.warmup + a.steps):
        if step % per_epoch == 0:
            perm = torch.randperm(images.shape[0])
        if step == a.warmup:
            t0 = time.perf_counter()
        idx = perm[(step % per_epoch) * a.batch_size:(step % per_epoch + 1) * a.batch_size]
        x = images.index_select(0, idx)
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=a.bf16):
            loss, recon, kl = model.loss(x)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 50 == 0:
            losses.append(loss.item())
    elapsed = time.perf_counter() - t0
    print(json.dumps({"peer": "python3-torch", "torch": torch.__version__, "threads": torch.get_num_threads(), "bf16": a.bf16,
                      "batch_size": a.batch_size, "steps": a.steps, "seconds": elapsed,
                      "steps_per_second": a.steps / elapsed, "final_loss": losses[-1]}))


if __name__ == "__main__":
    main()
