#!/usr/bin/env bash
# Runs the scale benchmark in several rounds, pinned to one CPU, and prints per review the
# fastest and the median CPU time of each cluster size, and each size's ratio to the smallest.
#
#   bench/micro/scale_rounds.sh [ROUNDS] [FILTER_REGEX] [CPU] [BINARY]
#
# On a shared virtual machine the same benchmark can take 28 µs in one round and 45 µs in the
# next; the fastest round is the cost of the review itself, the median shows the spread.
set -euo pipefail
rounds="${1:-5}"
filter="${2:-^(validate|mutate)/}"
cpu="${3:-1}"
binary="${4:-build/bench/sgw_scale_bench}"
work="$(mktemp -d /tmp/sgw-scale.XXXXXX)"
trap 'rm -rf "$work"' EXIT

for round in $(seq 1 "$rounds"); do
  taskset -c "$cpu" "$binary" --benchmark_filter="$filter" --benchmark_repetitions=3 \
    --benchmark_report_aggregates_only=true --benchmark_format=csv 2> /dev/null |
    awk -F, '$1 ~ /_median"?$/ { gsub(/"/, "", $1); sub(/_median$/, "", $1); print $1 "," $4 "," $5 }' \
      >> "$work/all.csv"
done

# name,cpu_time,unit; a name is <review>/<size>
awk -F, '
  function sorted(list, values,   count, i, j, t) {
    count = split(list, values, " ")
    for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++)
      if (values[j] + 0 < values[i] + 0) { t = values[i]; values[i] = values[j]; values[j] = t }
    return count
  }
  { times[$1] = times[$1] " " $2; unit[$1] = $3
    if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
  END {
    printf "%-28s %12s %12s %10s %10s\n", "review/size (CPU time)", "fastest", "median",
      "fastest x", "median x"
    for (i = 1; i <= n; i++) {
      name = order[i]; review = name; sub(/\/[^\/]*$/, "", review)
      count = sorted(times[name], values)
      fastest = values[1]; middle = values[int((count + 1) / 2)]
      if (!(review in baseFastest)) { baseFastest[review] = fastest; baseMedian[review] = middle }
      printf "%-28s %9.1f %-2s %9.1f %-2s %10.2f %10.2f\n", name, fastest, unit[name], middle,
        unit[name], fastest / baseFastest[review], middle / baseMedian[review]
    }
  }' "$work/all.csv"
