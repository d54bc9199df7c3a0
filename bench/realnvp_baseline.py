#!/usr/bin/python3
"""Per-pixel independent baseline for bench/realnvp_bpd.sh: a 256-way histogram per pixel
fitted on the Fashion-MNIST training set (add-one smoothing), scored on the test set.
Prints `baseline_bits_per_dim=<float>` (the issue quotes 4.59)."""
import gzip, math, os, struct, sys

import torch


def load(path):
    with gzip.open(path, "rb") as f:
        _, n, h, w = struct.unpack(">IIII", f.read(16))
        return torch.frombuffer(bytearray(f.read(n * h * w)), dtype=torch.uint8).view(n, h * w).long()


d = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
train = load(os.path.join(d, "train-images-idx3-ubyte.gz"))
test = load(os.path.join(d, "t10k-images-idx3-ubyte.gz"))
D = train.shape[1]
counts = torch.ones(D, 256, dtype=torch.float64)
counts.scatter_add_(1, train.t(), torch.ones(D, train.shape[0], dtype=torch.float64))
logp = torch.log(counts / counts.sum(1, keepdim=True))
nll = -logp.gather(1, test.t()).sum(0)  # nats per test image
print("baseline_bits_per_dim=%.4f" % (nll.mean().item() / (D * math.log(2))))
