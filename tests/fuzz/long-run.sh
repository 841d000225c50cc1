#!/bin/sh
# tests/fuzz/long-run.sh: the long fuzz run, by hand (never part of make check:
# millions of executions take minutes per parser).
#
#   tests/fuzz/long-run.sh [-n RUNS] [TARGET...]
#
# TARGET is response, body, draft or rows (default: all four, one after another).
# Builds the committed HEAD of this repository in $FUZZ_BUILD (default
# /tmp/rotwiz-fuzz-build; a clone, so the working tree's own build is left
# alone) with clang, --enable-fuzz --enable-asan --enable-ubsan (so the
# parsers carry -fsanitize=fuzzer-no-link,address,undefined), then runs each
# libFuzzer target at nice 10, single process, for RUNS executions (default
# 10000000) on a fresh copy of its seeds with its dictionary.  Each target's
# log is $FUZZ_BUILD/fuzz-TARGET.log; the last lines (executions, time,
# coverage, peak memory) are printed.  A crash, leak or time-out leaves its
# input in $FUZZ_BUILD/artifacts-TARGET: add it to the seeds (tests/data/...)
# once fixed.  SIGINT to the fuzzer ends a run early with its stats.
#
# Needs clang and its fuzzer runtime (Debian: apt-get install clang
# libclang-rt-14-dev).
set -eu

runs=10000000
while getopts n: opt; do
	case $opt in
	n) runs=$OPTARG ;;
	*) echo "usage: $0 [-n RUNS] [response|body|draft|rows...]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- response body draft rows

src=$(cd "$(dirname "$0")/../.." && pwd)
build=${FUZZ_BUILD:-/tmp/rotwiz-fuzz-build}

command -v clang >/dev/null || { echo "$0: clang is needed" >&2; exit 1; }
if [ ! -x "$build/tests/fuzz/fuzz-rows" ]; then
	rm -rf "$build"
	git clone -q "$src" "$build"
	(cd "$build" && autoreconf -fi >/dev/null 2>&1 &&
	 ./configure -q CC=clang --enable-fuzz --enable-asan --enable-ubsan >/dev/null &&
	 make -s -j2 tests/fuzz/fuzz-response tests/fuzz/fuzz-body tests/fuzz/fuzz-draft \
		 tests/fuzz/fuzz-rows)
fi

status=0
for t in "$@"; do
	case $t in
	response) seeds=$src/tests/data/responses ;;
	body) seeds=$src/tests/data ;;
	draft) seeds=$src/tests/data/drafts ;;
	rows) seeds=$src/tests/data/rows ;;
	*) echo "$0: unknown target $t" >&2; exit 2 ;;
	esac
	corpus=$build/corpus-$t
	rm -rf "$corpus"
	mkdir -p "$corpus"
	find "$seeds" -maxdepth 1 -type f -exec cp {} "$corpus" \;
	echo "== $t: nice -n 10 $build/tests/fuzz/fuzz-$t -runs=$runs" \
	     "-dict=$src/tests/fuzz/$t.dict -print_final_stats=1 $corpus"
	start=$(date +%s)
	mkdir -p "$build/artifacts-$t"
	(cd "$build" && nice -n 10 "tests/fuzz/fuzz-$t" -runs="$runs" \
		-dict="$src/tests/fuzz/$t.dict" -print_final_stats=1 \
		-artifact_prefix="$build/artifacts-$t/" "$corpus" >"fuzz-$t.log" 2>&1) || :
	# slow-unit-*: inputs that took over 10 s, kept to look at (on a loaded machine, a stall).
	bad=$(ls "$build/artifacts-$t" | grep -v '^slow-unit-' | tr '\n' ' ')
	if [ -n "$bad" ]; then
		verdict="FAILED: ${bad}in $build/artifacts-$t (log: $build/fuzz-$t.log)"
		status=1
	elif grep -q 'run interrupted' "$build/fuzz-$t.log"; then
		verdict="interrupted, no crash"
	elif grep -q 'Done [0-9]* runs' "$build/fuzz-$t.log"; then
		verdict="no crash"
	else
		verdict="FAILED: see $build/fuzz-$t.log"
		status=1
	fi
	grep -E '^#[0-9]+.*(DONE|cov:)' "$build/fuzz-$t.log" | tail -1
	grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "$build/fuzz-$t.log"
	echo "$t: $(( $(date +%s) - start )) s, $verdict"
done
exit $status
