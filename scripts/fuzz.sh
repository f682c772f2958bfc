#!/usr/bin/env bash
# Fuzzing campaign: builds the fuzz preset, then runs every fuzz target in
# turn, in rounds of ROUND_SECONDS each, until each has used CPU_SECONDS of
# CPU (user + system). Corpora grow in build/fuzz/fuzz/corpus/<target> and
# start from the seeds in fuzz/corpus/<target>; a crash leaves its input as
# build/fuzz/fuzz/crash-* and stops the campaign with a failure.
#   CPU_SECONDS=600 ROUND_SECONDS=120 JOBS=2 scripts/fuzz.sh [target ...]
set -euo pipefail
cd "$(dirname "$0")/.."
CPU_SECONDS=${CPU_SECONDS:-600}
ROUND_SECONDS=${ROUND_SECONDS:-120}
JOBS=${JOBS:-1}
scripts/install-deps.sh
cmake --preset fuzz >/dev/null
cmake --build build/fuzz --target fuzzers -j "$(nproc)"
work=build/fuzz/fuzz
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(json_body_fuzz route_input_fuzz form_fuzz pds_fuzz actuals_csv_fuzz cqc_import_fuzz ofsted_import_fuzz)
fi
declare -A cpu runs
for t in "${targets[@]}"; do cpu[$t]=0; runs[$t]=0; mkdir -p "$work/corpus/$t" "$work/logs"; done

one_round() {  # target round -> appends "cpu runs" to the round's result file
  local t=$1 r=$2 log="$work/logs/$1.$2.log"
  # Generous limits: a campaign may run at low priority beside other work,
  # and the route target rebuilds its demo world inside one input.
  local status=0 timeout=${TIMEOUT_SECONDS:-60}
  [ "$t" = route_input_fuzz ] && timeout=$((timeout * 10))
  # `times` in the subshell gives its children's CPU: the fuzzer's own.
  (cd "$work" && { ./$t -max_total_time="$ROUND_SECONDS" -timeout=$timeout -rss_limit_mb=4096 -print_final_stats=1 \
      "corpus/$t" "../../../fuzz/corpus/$t" >"logs/$t.$r.log" 2>&1 || status=$?; times >"logs/$t.$r.times"; exit $status; }) ||
    status=$?
  if [ $status -ne 0 ]; then
    echo "fuzz: $t found a failure; see $log:"; grep -E "ERROR|SUMMARY|Test unit written" "$log" | head -5; return 1
  fi
}

round=0
while :; do
  pending=()
  for t in "${targets[@]}"; do [ "${cpu[$t]}" -lt "$CPU_SECONDS" ] && pending+=("$t"); done
  [ ${#pending[@]} -eq 0 ] && break
  round=$((round + 1))
  i=0
  while [ $i -lt ${#pending[@]} ]; do
    pids=()
    for ((j = 0; j < JOBS && i < ${#pending[@]}; j++, i++)); do one_round "${pending[$i]}" "$round" & pids+=($!); done
    for p in "${pids[@]}"; do wait "$p" || exit 1; done
  done
  for t in "${pending[@]}"; do
    used=$(tail -1 "$work/logs/$t.$round.times" | awk '{ split($1, u, "m"); split($2, s, "m");
      printf "%d", u[1] * 60 + u[2] + s[1] * 60 + s[2] + 0.5 }')
    cpu[$t]=$(( ${cpu[$t]} + used ))
    n=$(grep -E '^stat::number_of_executed_units' "$work/logs/$t.$round.log" | awk '{print $2}')
    runs[$t]=$(( ${runs[$t]} + ${n:-0} ))
  done
done
total_cpu=0; total_runs=0
printf '%-22s %12s %10s %8s\n' target executions cpu_s corpus
for t in "${targets[@]}"; do
  printf '%-22s %12d %10d %8d\n' "$t" "${runs[$t]}" "${cpu[$t]}" "$(ls "$work/corpus/$t" | wc -l)"
  total_cpu=$((total_cpu + ${cpu[$t]})); total_runs=$((total_runs + ${runs[$t]}))
done
printf '%-22s %12d %10d\n' total "$total_runs" "$total_cpu"
echo "fuzz: no failure found"
