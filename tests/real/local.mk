# tests/real: the tier against the real Infisical server (the kit in
# ../shared/infisical), run by `make check-real`, never by `make check`:
# tests/real/tier.sh installs the kit if needed, starts two instances
# (unlocked with fake Azure, and stock), runs $(REAL_TESTS) through the TAP
# driver and stops both however it ends.  Other parts of the tier add their
# scripts to REAL_TESTS (tests/real/diff/local.mk).
REAL_SH_TESTS = \
	tests/real/kit.sh \
	tests/real/signin.sh \
	tests/real/lookups.sh \
	tests/real/create-flags.sh \
	tests/real/refusals.sh \
	tests/real/create-plain.sh \
	tests/real/create-curses.sh \
	tests/real/stock.sh \
	tests/real/manage.sh \
	tests/real/manage-plain.sh \
	tests/real/manage-curses.sh \
	tests/real/batch.sh

REAL_TESTS = $(REAL_SH_TESTS)

EXTRA_DIST += $(REAL_SH_TESTS) tests/real/lib.sh tests/real/tier.sh tests/real/measure.sh

# The programs the tests run are built first; the recipe names $(MAKE), so
# the inner make shares the jobserver.
check-real: all $(check_PROGRAMS)
	@MAKE='$(MAKE)' REAL_TESTS='$(REAL_TESTS)' top_srcdir='$(abs_top_srcdir)' \
		$(SHELL) '$(abs_top_srcdir)/tests/real/tier.sh'

.PHONY: check-real
