# bench/: measurements run by hand, never in make check.
EXTRA_DIST += bench/batch.sh

# Issue 14's benchmark (README, "Benchmarks").
EXTRA_DIST += bench/scale.sh

bench-scale: rotwiz rotwiz-sandbox tests/screen/first-frame
	top_builddir=$(abs_top_builddir) top_srcdir=$(abs_top_srcdir) $(SHELL) $(top_srcdir)/bench/scale.sh

.PHONY: bench-scale
