# bench/: measurements run by hand, never in make check.
EXTRA_DIST += bench/batch.sh
