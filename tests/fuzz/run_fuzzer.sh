#!/bin/sh
# run_fuzzer.sh FUZZER DICT RUNS MAX_LEN CORPUS...: a repeatable short run (seed 1, RUNS inputs) from the
# seed corpora; what the run discovers goes to a scratch folder that is removed afterwards, so the
# committed corpora never change. A crash leaves its input in the current folder (crash-*).
set -eu
fuzzer=$1; dict=$2; runs=$3; max_len=$4; shift 4
scratch=$(mktemp -d "${TMPDIR:-/tmp}/kosim-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
"$fuzzer" -seed=1 -runs="$runs" -max_total_time=240 -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
  -dict="$dict" -print_final_stats=1 "$scratch" "$@"
