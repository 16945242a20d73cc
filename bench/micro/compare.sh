#!/usr/bin/env bash
# Compares two builds of a Google Benchmark binary on a shared machine: runs them alternately,
# pinned to the same CPU, and prints per benchmark the median CPU time of each and their ratio.
#
#   bench/micro/compare.sh BEFORE_BINARY AFTER_BINARY [FILTER_REGEX] [ROUNDS] [CPU]
#
# e.g. bench/micro/compare.sh /tmp/old/build/bench/sgw_stages_bench build/bench/sgw_stages_bench
#      '^(decode|pipeline)/' 5
set -euo pipefail
before="$1"
after="$2"
filter="${3:-.}"
rounds="${4:-5}"
cpu="${5:-1}"
work="$(mktemp -d /tmp/sgw-compare.XXXXXX)"
trap 'rm -rf "$work"' EXIT

for round in $(seq 1 "$rounds"); do
  for side in before after; do
    binary="$before"
    [ "$side" = after ] && binary="$after"
    taskset -c "$cpu" "$binary" --benchmark_filter="$filter" --benchmark_min_time=0.1 \
      --benchmark_format=csv 2> /dev/null |
      awk -F, -v side="$side" 'NR > 1 && $1 !~ /^"?name/ { gsub(/"/, "", $1); print side "," $1 "," $4 "," $5 }' \
        >> "$work/all.csv"
  done
done

# side,name,cpu_time,unit
awk -F, '
  function median(list,   values, count, i, j, t) {
    count = split(list, values, " ")
    for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++)
      if (values[j] + 0 < values[i] + 0) { t = values[i]; values[i] = values[j]; values[j] = t }
    return values[int((count + 1) / 2)]
  }
  { times[$1, $2] = times[$1, $2] " " $3; unit[$2] = $4
    if (!($2 in seen)) { seen[$2] = 1; order[++n] = $2 } }
  END {
    printf "%-36s %14s %14s %8s\n", "benchmark (median CPU time)", "before", "after", "after/before"
    for (i = 1; i <= n; i++) {
      name = order[i]; b = median(times["before", name]); a = median(times["after", name])
      printf "%-36s %11.1f %-2s %11.1f %-2s %8.2f\n", name, b, unit[name], a, unit[name], (b > 0 ? a / b : 0)
    }
  }' "$work/all.csv"
