# bench/stats.sh — shell helpers shared by the throughput benchmarks (sourced, not run).
#   spread FMT < numbers      one number per line → "median (min–max)" printed with FMT
#   ratios A_FILE B_FILE      line-by-line A/B of two files of numbers, one a line
#   cli_rate METRICS.CSV      training steps/s between the first and last rows of a CLI metrics.csv
#   peer_field JSON FIELD     one field of a peer's JSON line
#   adam_choice FILE ROUNDS   "loop 2/3, foreach 1/3": which Adam the peer chose in each round
# Median of an even count is the mean of the two middle values.

spread() {
  sort -g | awk -v f="$1" '{a[NR] = $1}
    END {
      if (NR == 0) { print "n/a"; exit }
      m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
      printf f " (" f "–" f ")", m, a[1], a[NR]
    }'
}

median() {
  sort -g | awk '{a[NR] = $1} END { if (NR) print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'
}

ratios() {
  paste -d' ' "$1" "$2" | awk '{printf "%.4f\n", $1 / $2}'
}

cli_rate() {
  awk -F, 'NR == 2 {s0 = $1; t0 = $2} END {printf "%.2f\n", ($1 - s0) / ($2 - t0)}' "$1"
}

peer_field() {
  printf '%s' "$1" | /usr/bin/python3 -c 'import json, sys; v = json.load(sys.stdin)[sys.argv[1]]; print(v)' "$2"
}

adam_choice() {
  sort "$1" | uniq -c |
    awk -v n="$2" '{printf "%s%s %s/%s", (NR > 1 ? ", " : ""), ($2 == "True" ? "foreach" : "loop"), $1, n}'
}

# The peer's allocator variants: Debian's jemalloc, preloaded into python3 (GenStudio links it).
JEMALLOC_SO=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
