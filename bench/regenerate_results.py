#!/usr/bin/python3
"""Regenerates the measured parts of bench/RESULTS.md from the outputs of one
`bash bench/run_all.sh`.

RESULTS.md marks every generated region as
    <!-- run_all:NAME -->
    …
    <!-- /run_all:NAME -->
and this script replaces each region's content, in place, with OUTDIR/NAME.md
followed by the verdicts on the issue's targets computed from that output's
table (so no sentence about a target rests on an earlier run). The prose
between the regions is kept as it is. A region without an output, or an output
without a region, is an error: nothing is written then.

    /usr/bin/python3 bench/regenerate_results.py OUTDIR RESULTS.md
    /usr/bin/python3 bench/regenerate_results.py OUTDIR RESULTS.md gan2d vae   (only these regions)
"""
import os
import re
import sys

NAMES = ["machine", "vae", "gan2d", "modes", "cyclegan", "latency"]


def table_rows(text):
    """The first Markdown table of `text` as a list of dicts keyed by header."""
    lines = [l for l in text.splitlines() if l.startswith("|")]
    if len(lines) < 3:
        return []
    cells = lambda l: [c.strip() for c in l.strip().strip("|").split("|")]
    header = cells(lines[0])
    rows = []
    for l in lines[2:]:
        if l.startswith("|---"):
            break
        rows.append(dict(zip(header, cells(l))))
    return rows


def number(cell):
    """The leading number of a cell such as '1.23× (1.10×–1.30×)' or '+4.89'."""
    m = re.match(r"[+-]?[0-9]+(\.[0-9]+)?", cell)
    if not m:
        raise ValueError(f"no number in table cell '{cell}'")
    return float(m.group(0))


def verdict_vae(rows):
    ok = [r for r in rows if number(r["ratio"]) >= 1.0]
    worst = min(rows, key=lambda r: number(r["ratio"]))
    malloc = {"glibc": "glibc malloc"}.get(worst["peer's malloc"], worst["peer's malloc"])
    return (f"Target \"at least python3-torch's speed\" (median ratio ≥ 1.00×): "
            f"{'**met**' if len(ok) == len(rows) else '**not met**'} ({len(ok)} of {len(rows)} rows reach it; "
            f"lowest median {worst['ratio'].split(' ')[0]}: {worst['threads']} thread(s), "
            f"{worst['precision']}, peer with {malloc}).\n\n" + verdict_vae_issue17(rows))


def verdict_vae_issue17(rows):
    """Issue 17: fp32 ≥ 1.5× python3-torch and ≥ 50 % of the fp32 sgemm peak measured in the same run."""
    fp32 = [r for r in rows if r["precision"] == "fp32"]
    fast = [r for r in fp32 if number(r["ratio"]) >= 1.5]
    peak = [r for r in fp32 if number(r["share of fp32 sgemm peak"]) >= 50]
    medians = sorted(number(r["ratio"]) for r in fp32)
    shares = sorted(number(r["share of fp32 sgemm peak"]) for r in fp32)
    return (f"Target \"fp32 ≥ 1.5× python3-torch\" (median ratio): "
            f"{'**met**' if len(fast) == len(fp32) else '**not met**'} ({len(fast)} of {len(fp32)} fp32 rows; "
            f"medians {medians[0]:.2f}–{medians[-1]:.2f}×). Target \"≥ 50 % of the fp32 sgemm peak\": "
            f"{'**met**' if len(peak) == len(fp32) else '**not met**'} ({len(peak)} of {len(fp32)} fp32 rows; "
            f"{shares[0]:.0f}–{shares[-1]:.0f} %).")


def verdict_gan2d(rows):
    ok = [r for r in rows if number(r["ratio"]) >= 2.5]
    medians = sorted(number(r["ratio"]) for r in rows)
    return (f"Target \"≥ 2.5× python3-torch\" (issue 17; median ratio): "
            f"{'**met**' if len(ok) == len(rows) else '**not met**'} ({len(ok)} of {len(rows)} rows reach it; "
            f"medians {medians[0]:.2f}–{medians[-1]:.2f}×).")


def verdict_modes(rows):
    out = []
    for data, conf, modes, hq in (("ring8", "gan-ring", 8, 80.0), ("grid25", "gan-grid", 24, 60.0)):
        r = next(r for r in rows if r["dataset"] == data and r["configuration"].split(" ")[0] == conf)
        m = number(r["modes covered (median of 5)"])
        h = number(r["high quality % (median of 5)"])
        met = m >= modes and h >= hq
        out.append(f"Target {data} ≥ {modes}/{8 if data == 'ring8' else 25} modes with ≥ {hq:.0f} % high quality, "
                   f"preset {conf}: {'**met**' if met else '**not met**'} (median {m:g} modes, {h:g} %).")
    return "\n".join(out)


def verdict_cyclegan(rows):
    out = []
    for r in rows:
        g = number(r["gain dB"])
        out.append(f"{r['direction']}: {g:+.2f} dB")
    met = all(number(r["gain dB"]) >= 3.0 for r in rows)
    return (f"Target ≥ 3 dB above the identity baseline in both directions: "
            f"{'**met**' if met else '**not met**'} ({'; '.join(out)}).")


VERDICTS = {"vae": verdict_vae, "gan2d": verdict_gan2d, "modes": verdict_modes, "cyclegan": verdict_cyclegan}


def main():
    # Optional region names after the two paths: regenerate only those (a single
    # benchmark re-run); run_all.sh passes none and so regenerates every region.
    outdir, results, only = sys.argv[1], sys.argv[2], sys.argv[3:]
    text = open(results, encoding="utf-8").read()
    for name in only or NAMES:
        path = os.path.join(outdir, name + ".md")
        if not os.path.exists(path):
            sys.exit(f"regenerate_results: no output {path}")
        body = open(path, encoding="utf-8").read().strip()
        if name in VERDICTS:
            rows = table_rows(body)
            if not rows:
                sys.exit(f"regenerate_results: {path} has no table")
            body += "\n\n" + VERDICTS[name](rows)
        pattern = re.compile(r"(<!-- run_all:%s -->\n).*?(\n<!-- /run_all:%s -->)" % (name, name), re.S)
        if len(pattern.findall(text)) != 1:
            sys.exit(f"regenerate_results: {results} needs exactly one region run_all:{name}")
        text = pattern.sub(lambda m: m.group(1) + body + m.group(2), text)
    with open(results + ".new", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(results + ".new", results)


if __name__ == "__main__":
    main()
