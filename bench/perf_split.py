#!/usr/bin/python3
"""Splits a `perf record` profile of a training run into where the time goes:
matrix products (the BLAS kernels and their packing), element-wise work (LibTorch's
vectorised kernels, the fused path's bias/activation/loss loops), the optimizer
(FlatAdam's hand-written pass; the tensor-expression Adam's kernels count as
element-wise), data and noise (batch gathering, random numbers), framework overhead
(dispatcher, autograd engine, TensorIterator, tensor bookkeeping, allocation, libc)
and the rest (process start-up, checkpoint and metrics). Self time per symbol
(`perf report --no-children`); prints one JSON line of percentages.

/usr/bin/python3 bench/perf_split.py perf.data
"""
import json
import re
import subprocess
import sys

RULES = [
    ("matrix products", re.compile(r"sgemm|gemm_|_kernel_\d|oncopy|otcopy|itcopy|incopy|sgemv|dnnl|mkldnn|blas_thread", re.I)),
    ("optimizer", re.compile(r"FlatAdam")),
    ("data and noise", re.compile(r"BatchSampler|index_select|randperm|normal|uniform|mt19937|randn|Generator|index_put|gather", re.I)),
    ("element-wise", re.compile(r"FusedMlp|GanFusedPath|VaeFused|Vectorized|vectorized|cpu_kernel|cpu_serial_kernel|"
                                 r"basic_loop|VectorizedLoop|leaky|softplus|sigmoid|tanh|threshold|relu|log1p|exp|"
                                 r"add_kernel|mul_kernel|div_|addcmul|addcdiv|fill|copy_|sum_kernel|reduce|binary_cross|"
                                 r"sqrt|lerp|cat_serial|memcpy|memset|__memmove|clamp|where|pow|abs_kernel", re.I)),
    ("framework overhead", re.compile(r".")),
]


def main():
    out = subprocess.run(["perf", "report", "-i", sys.argv[1], "--stdio", "--no-children", "--sort", "dso,symbol",
                          "--percent-limit", "0", "-g", "none"], capture_output=True, text=True, check=True).stdout
    shares = {name: 0.0 for name, _ in RULES}
    shares["start-up and the rest"] = 0.0
    total = 0.0
    top = []
    for line in out.splitlines():
        m = re.match(r"\s*([\d.]+)%\s+(\S+)\s+\[[.k]\]\s+(.*)$", line)
        if not m:
            continue
        pct, dso, sym = float(m.group(1)), m.group(2), m.group(3).strip()
        total += pct
        top.append((pct, dso, sym))
        text = dso + " " + sym
        if re.search(r"kernel\.kallsyms|ld-linux|libprotobuf|libQt|libopencv|libz|libpng", dso):
            shares["start-up and the rest"] += pct
            continue
        if "openblas" in dso or "libblas" in dso:
            shares["matrix products"] += pct
            continue
        if "libgomp" in dso:
            shares["framework overhead"] += pct  # thread-pool spinning and hand-off
            continue
        for name, rx in RULES:
            if rx.search(text):
                shares[name] += pct
                break
    top.sort(reverse=True)
    print(json.dumps({"samples_percent": round(total, 1), "shares": {k: round(v, 1) for k, v in shares.items()},
                      "top": [f"{p:.1f}% {d} {s[:80]}" for p, d, s in top[:12]]}))


if __name__ == "__main__":
    main()
