#!/usr/bin/python3
"""The PyTorch peer of the character GPT's training step
(src/core/models/chargpt/: CharGptModel::train_step and GptNet): token and
learned position embeddings, N pre-norm blocks (LayerNorm, one qkv Linear,
causal softmax(q k^T / sqrt(d) + mask) v, a projection; LayerNorm, Linear 4x,
GELU, Linear), a final LayerNorm and an untied bias-free head; cross-entropy
of the next character over a random window of context + 1 characters from
each of a batch of 513-character chunks of the fortunes training text; AdamW
(betas 0.9/0.99, decoupled weight decay 0.1 on matrices and embeddings only),
linear warm-up then cosine decay, global gradient-norm clipping at 1.0. The
same layers, heads, width, context, batch and threads; the text is read as
core/data/text_corpus.cpp does (fortunes files sorted by name, "%" lines
removed, control bytes dropped, the first ~90 % for training). The optimizer
runs both of PyTorch's AdamW implementations (for-loop and foreach) for the
warm-up and keeps the faster. --precision bf16 runs the forward under CPU
autocast in bfloat16, as the model's precision=bf16 does. Prints one JSON line.

Run with Debian's python3-torch:
  /usr/bin/python3 bench/chargpt_torch_peer.py --steps 100 --threads 2
"""
import argparse
import json
import math
import os
import time

import torch
from torch import nn
import torch.nn.functional as F

CHUNK = 513


def fortunes_training_text(directory="/usr/share/games/fortunes"):
    pieces = []
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        if name.endswith((".dat", ".u8")) or os.path.islink(path) or not os.path.isfile(path):
            continue
        try:
            text = open(path, "rb").read().decode("utf-8")
        except UnicodeDecodeError:
            continue
        entries, cur = [], []
        for line in text.split("\n"):
            if line == "%":
                entries.append("\n".join(cur).strip("\n "))
                cur = []
            else:
                cur.append(line)
        entries.append("\n".join(cur).strip("\n "))
        body = "".join(e + "\n\n" for e in entries if e)
        out = []
        for ch in body:
            if ch == "\b":
                if out and out[-1] != "\n":
                    out.pop()
            elif ch in "\n\t" or (ord(ch) >= 0x20 and ord(ch) != 0x7F):
                out.append(ch)
        pieces.append(out)
    total = sum(len(p) for p in pieces)
    train, seen = [], 0
    for i, p in enumerate(pieces):
        if i > 0 and seen >= total * 9 // 10:
            break
        train += p
        seen += len(p)
    return train


class Block(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.ln1, self.ln2 = nn.LayerNorm(width), nn.LayerNorm(width)
        self.qkv, self.proj = nn.Linear(width, 3 * width), nn.Linear(width, width)
        self.fc, self.out = nn.Linear(width, 4 * width), nn.Linear(4 * width, width)

    def forward(self, x, mask):
        b, t, w = x.shape
        h, d = self.heads, w // self.heads
        qkv = self.qkv(self.ln1(x)).view(b, t, 3, h, d).permute(2, 0, 3, 1, 4)
        q, k, v = (qkv[i].reshape(b * h, t, d) for i in range(3))
        att = torch.baddbmm(mask, q, k.transpose(1, 2), beta=1.0, alpha=1.0 / math.sqrt(d)).softmax(-1)
        y = torch.bmm(att, v).view(b, h, t, d).transpose(1, 2).reshape(b, t, w)
        x = x + self.proj(y)
        return x + self.out(F.gelu(self.fc(self.ln2(x))))


class Gpt(nn.Module):
    def __init__(self, vocab, layers, heads, width, context):
        super().__init__()
        self.tok = nn.Embedding(vocab, width)
        self.pos = nn.Parameter(torch.randn(context, width) * 0.02)
        self.blocks = nn.ModuleList(Block(width, heads) for _ in range(layers))
        self.ln_f = nn.LayerNorm(width)
        self.head = nn.Linear(width, vocab, bias=False)
        self.register_buffer("mask", torch.full((context, context), float("-inf")).triu(1))
        for m in self.modules():
            if isinstance(m, (nn.Linear, nn.Embedding)):
                nn.init.normal_(m.weight, 0.0, 0.02)
                if getattr(m, "bias", None) is not None:
                    nn.init.zeros_(m.bias)

    def forward(self, idx):
        t = idx.shape[1]
        x = self.tok(idx) + self.pos[:t]
        mask = self.mask[:t, :t]
        for blk in self.blocks:
            x = blk(x, mask)
        return self.head(self.ln_f(x))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=100)
    ap.add_argument("--warmup", type=int, default=10)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--width", type=int, default=128)
    ap.add_argument("--context", type=int, default=64)
    ap.add_argument("--batch-size", type=int, default=12)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--precision", choices=["fp32", "bf16"], default="fp32",
                    help="bf16: the forward under torch.autocast('cpu', bfloat16), as precision=bf16 does")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    text = fortunes_training_text()
    vocab = sorted(set(text))
    index = {c: i for i, c in enumerate(vocab)}
    ids = torch.tensor([index[c] for c in text], dtype=torch.long)
    n = ids.numel() // CHUNK
    chunks = ids[: n * CHUNK].view(n, CHUNK)
    model = Gpt(len(vocab), a.layers, a.heads, a.width, a.context)
    decay = [p for p in model.parameters() if p.dim() >= 2]
    plain = [p for p in model.parameters() if p.dim() < 2]
    groups = [{"params": decay, "weight_decay": 0.1}, {"params": plain, "weight_decay": 0.0}]
    offsets = torch.arange(a.context + 1).unsqueeze(0)
    gen = torch.Generator().manual_seed(1)

    def lr_at(step, warm=100, decay_steps=5000):
        if step < warm:
            return a.lr * (step + 1) / warm
        prog = min(1.0, (step - warm) / (decay_steps - warm))
        return a.lr / 10 + 0.5 * (1 + math.cos(math.pi * prog)) * (a.lr - a.lr / 10)

    def run(opt, count, start):
        loss = None
        for s in range(start, start + count):
            rows = torch.randint(n, (a.batch_size,), generator=gen)
            begin = torch.randint(CHUNK - a.context, (a.batch_size, 1), generator=gen)
            w = chunks[rows].gather(1, begin + offsets)
            x, y = w[:, :-1], w[:, 1:]
            opt.zero_grad(set_to_none=False)
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=a.precision == "bf16"):
                out = model(x)
            loss = F.cross_entropy(out.float().reshape(-1, len(vocab)), y.reshape(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            for g in opt.param_groups:
                g["lr"] = lr_at(s)
            opt.step()
        return loss

    choices = {}
    for foreach in (False, True):
        try:
            opt = torch.optim.AdamW(groups, lr=a.lr, betas=(0.9, 0.99), foreach=foreach)
        except TypeError:
            continue
        run(opt, max(2, a.warmup // 2), 0)
        t0 = time.perf_counter()
        run(opt, max(2, a.warmup // 2), 0)
        choices[foreach] = (time.perf_counter() - t0, opt)
    foreach = min(choices, key=lambda k: choices[k][0])
    opt = choices[foreach][1]
    t0 = time.perf_counter()
    loss = run(opt, a.steps, a.warmup)
    secs = time.perf_counter() - t0
    print(json.dumps({"steps_per_second": round(a.steps / secs, 3),
                      "tokens_per_second": round(a.steps * a.batch_size * a.context / secs),
                      "loss": round(loss.item(), 4), "adam": "foreach" if foreach else "loop",
                      "threads": a.threads, "vocab": len(vocab), "precision": a.precision}))


if __name__ == "__main__":
    main()
