# tests/fuzz: fuzz targets for the body and draft parsers (STYLE.md "Fuzz the
# parsers"; net/response.c has its own in tests/unit/response.mk).
#
# Each fuzz-*.c is built twice.  Always, as a TAP test whose main() feeds the
# entry its seeds (tests/data/*.json, tests/data/drafts/*.json), their
# prefixes and mutations, so every `make check` runs the target's checks.
# With --enable-fuzz (CC=clang), also as the real libFuzzer target; the
# libraries it links are instrumented too (configure adds
# -fsanitize=fuzzer-no-link to every object).
FUZZ_LIBS = libforms.a libcommon.a $(CJSON_LIBS)

check_PROGRAMS += tests/fuzz/test-fuzz-body tests/fuzz/test-fuzz-draft tests/fuzz/test-fuzz-rows
TESTS += tests/fuzz/test-fuzz-body tests/fuzz/test-fuzz-draft tests/fuzz/test-fuzz-rows

tests_fuzz_test_fuzz_rows_SOURCES = tests/fuzz/fuzz-rows.c tests/fuzz/corpus.h tests/fuzz/promises.h tests/tap.h
tests_fuzz_test_fuzz_rows_CPPFLAGS = $(AM_CPPFLAGS) \
	-DRW_FUZZ_ROWS='"$(abs_top_srcdir)/tests/data/rows"'
tests_fuzz_test_fuzz_rows_LDADD = $(FUZZ_LIBS) -lm

tests_fuzz_test_fuzz_body_SOURCES = tests/fuzz/fuzz-body.c tests/fuzz/corpus.h tests/fuzz/promises.h tests/tap.h
tests_fuzz_test_fuzz_body_CPPFLAGS = $(AM_CPPFLAGS) $(CJSON_CFLAGS) \
	-DRW_FUZZ_SEEDS='"$(abs_top_srcdir)/tests/data"'
tests_fuzz_test_fuzz_body_LDADD = $(FUZZ_LIBS)

tests_fuzz_test_fuzz_draft_SOURCES = tests/fuzz/fuzz-draft.c tests/fuzz/corpus.h tests/tap.h
tests_fuzz_test_fuzz_draft_CPPFLAGS = $(AM_CPPFLAGS) $(CJSON_CFLAGS) \
	-DRW_FUZZ_DRAFTS='"$(abs_top_srcdir)/tests/data/drafts"'
tests_fuzz_test_fuzz_draft_LDADD = $(FUZZ_LIBS) -lm

if ENABLE_FUZZ
noinst_PROGRAMS += tests/fuzz/fuzz-body tests/fuzz/fuzz-draft tests/fuzz/fuzz-rows

tests_fuzz_fuzz_rows_SOURCES = tests/fuzz/fuzz-rows.c
tests_fuzz_fuzz_rows_CPPFLAGS = $(AM_CPPFLAGS) -DRW_FUZZ_LIBFUZZER
tests_fuzz_fuzz_rows_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_rows_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_rows_LDADD = $(FUZZ_LIBS) -lm

tests_fuzz_fuzz_body_SOURCES = tests/fuzz/fuzz-body.c
tests_fuzz_fuzz_body_CPPFLAGS = $(AM_CPPFLAGS) $(CJSON_CFLAGS) -DRW_FUZZ_LIBFUZZER
tests_fuzz_fuzz_body_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_body_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_body_LDADD = $(FUZZ_LIBS)

tests_fuzz_fuzz_draft_SOURCES = tests/fuzz/fuzz-draft.c
tests_fuzz_fuzz_draft_CPPFLAGS = $(AM_CPPFLAGS) $(CJSON_CFLAGS) -DRW_FUZZ_LIBFUZZER
tests_fuzz_fuzz_draft_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_draft_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_draft_LDADD = $(FUZZ_LIBS) -lm
endif

EXTRA_DIST += \
	tests/fuzz/long-run.sh \
	tests/fuzz/body.dict \
	tests/fuzz/draft.dict \
	tests/fuzz/rows.dict \
	tests/data/drafts/bad-answer-not-a-string.json \
	tests/data/drafts/bad-later-version.json \
	tests/data/drafts/bad-nul-escape.json \
	tests/data/drafts/bad-step-out-of-range.json \
	tests/data/drafts/empty-at-sign-in.json \
	tests/data/drafts/full-at-review.json \
	tests/data/drafts/odd-escaped-backslash-u0000.json \
	tests/data/drafts/odd-values-at-schedule.json \
	tests/data/drafts/partial-at-where.json \
	tests/data/regress-path-blank-slash.json \
	tests/data/rows/seed.csv \
	tests/data/rows/seed-array.json \
	tests/data/rows/seed.ndjson \
	tests/data/rows/bad-seed.csv \
	tests/data/rows/bad-regress-rotate-at-cut-utf8.csv
