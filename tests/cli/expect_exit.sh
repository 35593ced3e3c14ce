#!/bin/sh
# expect_exit.sh CODE REGEX COMMAND...: runs COMMAND, passes when it exits with CODE and its
# output (stdout and stderr, newlines folded) matches the extended REGEX (empty: anything).
want=$1; pattern=$2; shift 2
output=$("$@" 2>&1); got=$?
if [ "$got" -ne "$want" ]; then
  printf '%s\n' "$output" | tail -n 40
  echo "expect_exit: exit code $got, wanted $want: $*"
  exit 1
fi
if [ -n "$pattern" ] && ! printf '%s' "$output" | tr '\n' ' ' | grep -Eq -- "$pattern"; then
  printf '%s\n' "$output" | tail -n 40
  echo "expect_exit: output does not match /$pattern/: $*"
  exit 1
fi
exit 0
