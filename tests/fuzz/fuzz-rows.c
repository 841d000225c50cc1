#include "config.h"

/*
 * libFuzzer target for rw_rows_parse(), the reader of a --from-file of many
 * rotations (a JSON array, NDJSON, CSV: bytes the user's file chose).
 * Besides "no crash, no leak" it checks the promises of forms/rows.h and
 * aborts when one breaks:
 *   - RW_OK comes with no problem anywhere, RW_EUSAGE with at least one
 *     (the file's or a row's): a refusal always says why;
 *   - no more than RW_ROWS_MAX rows, each with a line in range;
 *   - every problem names a field in range, its message terminated, clean
 *     UTF-8 with no control character: it goes to a terminal, and the file
 *     chose what it quotes;
 *   - rotate-at sets the hour and the minute together, or neither;
 *   - the same bytes parse the same way twice (nothing depends on state).
 *
 * Built twice, like fuzz-body.c: with -DRW_FUZZ_LIBFUZZER as
 * tests/fuzz/fuzz-rows (--enable-fuzz; e.g.
 *   mkdir corpus && cp $srcdir/tests/data/rows/seed* corpus &&
 *   tests/fuzz/fuzz-rows -max_total_time=60 corpus
 * ), and without it as tests/fuzz/test-fuzz-rows, whose main() runs the
 * entry over tests/data/rows, their prefixes and mutations in make check.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/rows.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_NAME "fuzz-rows"
#include "tests/fuzz/promises.h"

static int
same_rows(const struct rw_rows *a, const struct rw_rows *b)
{
	size_t r;
	int f;

	if (a->format != b->format || a->count != b->count ||
	    a->problems.count != b->problems.count)
		return 0;
	for (r = 0; r < a->count; r++) {
		if (a->row[r].line != b->row[r].line ||
		    !a->row[r].problems != !b->row[r].problems)
			return 0;
		for (f = 0; f < RW_FIELD_COUNT; f++)
			if (strcmp(rw_answers_get(&a->row[r].answers, (enum rw_field) f),
				   rw_answers_get(&b->row[r].answers, (enum rw_field) f)))
				return 0;
	}
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rw_rows rows, again;
	enum rw_status st;
	size_t r, lines = 1, i;
	int said;

	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	rw_rows_init(&rows);
	st = rw_rows_parse((const char *) data, size, &rows);
	if (st == RW_ENOMEM) {
		rw_rows_free(&rows);
		return 0;
	}
	require(st == RW_OK || st == RW_EUSAGE, "status is neither RW_OK nor RW_EUSAGE");
	require(rows.count <= RW_ROWS_MAX, "more rows than RW_ROWS_MAX");
	said = check_problems(&rows.problems);
	for (r = 0; r < rows.count; r++) {
		const struct rw_answers *a = &rows.row[r].answers;

		require(rows.row[r].line <= lines, "a row's line is past the end of the file");
		if (rows.row[r].problems)
			said += check_problems(rows.row[r].problems);
		if (rows.format == RW_ROWS_CSV)
			require(rw_answers_is_set(a, RW_FIELD_HOURS) == rw_answers_is_set(a, RW_FIELD_MINUTES),
				"rotate-at set the hour or the minute alone");
	}
	require(st == RW_OK ? said == 0 : said > 0,
		st == RW_OK ? "accepted with problems" : "refused without saying why");
	rw_rows_init(&again);
	if (rw_rows_parse((const char *) data, size, &again) != RW_ENOMEM)
		require(same_rows(&rows, &again), "the same bytes parsed two ways");
	rw_rows_free(&again);
	rw_rows_free(&rows);
	return 0;
}

#ifndef RW_FUZZ_LIBFUZZER
/*
 * Without libFuzzer: a TAP test over the seeds in tests/data/rows (or the
 * folder argv[1] names), each fed whole, cut short and mutated.  Seeds
 * named bad-* must be refused, the others accepted.
 */
#include "tests/fuzz/corpus.h"

#ifndef RW_FUZZ_ROWS
#error "RW_FUZZ_ROWS must name tests/data/rows"
#endif

static const char *const rows_tokens[] = {
	"\"", "\"\"", ",", "\r\n", "\n", "[", "]", "{", "}", "name", "rotate-at", "auto-rotation",
	"object-id", "map-client-id", "\"name\"", "\"rotateAtUtc\"", "{\"hours\":", "25:00", "07:30",
	"yes", "no", "\xc2\x9b", "\x1b[2J", "\"\\u0000\"", "\xed\xa0\x80", NULL,
};

/* The rows parser takes the whole seed: said with how many rows it read. */
static int
rows_accepted(const char *path, const char *seed, size_t len)
{
	struct rw_rows rows;
	enum rw_status st;

	rw_rows_init(&rows);
	st = rw_rows_parse(seed, len, &rows);
	diag("%s: %zu rows", path, rows.count);
	rw_rows_free(&rows);
	return st == RW_OK;
}

int
main(int argc, char **argv)
{
	int files = corpus_seeds(argc > 1 ? argv[1] : RW_FUZZ_ROWS, NULL, rows_tokens,
				 rows_accepted);

	ok(files >= 3, "seed_files_were_found (%d files)", files);
	return done_testing();
}
#endif
