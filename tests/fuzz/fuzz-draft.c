#include "config.h"

/*
 * libFuzzer target for rw_draft_parse(), the reader behind rw_draft_load()
 * (a draft file is on disk between runs: anything may have written it).
 * Besides "no crash, no leak" it checks the promises of forms/draft.h and
 * aborts when one breaks:
 *   - the verdict is the one the header's format implies: accepted exactly
 *     when the bytes are one JSON object, without NUL, at most 1 MiB, with
 *     "version" 1, a whole "step" in range and an "answers" object whose
 *     known keys (flag names; "auto-rotation", "rotate-at-hours",
 *     "rotate-at-minutes") hold strings, and no string holds the escape
 *     \u0000; unknown keys do not matter;
 *   - an accepted draft's answers are exactly its known keys' strings, and
 *     it replaces all of the caller's answers (none left over);
 *   - a refused one leaves the caller's answers and step as they were.
 *
 * Built twice: with -DRW_FUZZ_LIBFUZZER and -fsanitize=fuzzer as
 * tests/fuzz/fuzz-draft (--enable-fuzz; run it on a copy of the seeds, e.g.
 *   cp -r $srcdir/tests/data/drafts corpus &&
 *   tests/fuzz/fuzz-draft -dict=$srcdir/tests/fuzz/draft.dict -max_total_time=60 corpus
 * ), and without it as tests/fuzz/test-fuzz-draft, whose main() below runs
 * the entry over tests/data/drafts and mutations of them in every
 * `make check`, and checks that rw_draft_load() and rw_draft_parse() agree.
 */

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "forms/draft.h"
#include "forms/field.h"

#define DRAFT_LIMIT	(1024 * 1024)	/* draft.h: "over 1 MiB" is refused */
#define PREFILLED	"\x01prefilled"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
require(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz-draft: broken promise: %s\n", what);
		abort();
	}
}

/* The draft's key for a field, as draft.h describes the format. */
static const char *
draft_key(enum rw_field field)
{
	switch (field) {
	case RW_FIELD_AUTO_ROTATION:
		return "auto-rotation";
	case RW_FIELD_HOURS:
		return "rotate-at-hours";
	case RW_FIELD_MINUTES:
		return "rotate-at-minutes";
	default:
		return rw_field_info(field)->flag;
	}
}

static int
known_key(const char *key)
{
	int i;

	for (i = 0; key && i < RW_FIELD_COUNT; i++)
		if (!strcmp(key, draft_key((enum rw_field) i)))
			return 1;
	return 0;
}

/* The number is the whole number lo..hi (-1 otherwise). */
static int
whole(const cJSON *item, int lo, int hi)
{
	double v;

	if (!cJSON_IsNumber(item))
		return -1;
	v = item->valuedouble;
	return v >= lo && v <= hi && v == floor(v) ? (int) v : -1;
}

/*
 * Whether valid JSON holds the escape \u0000 (which cJSON would turn into
 * a NUL cutting the string short): "\u0000" whose backslash is not itself
 * escaped, i.e. preceded by an even number of backslashes.  In valid JSON
 * every backslash is inside a string, so no string tracking is needed.
 */
static int
nul_escaped(const char *json, size_t len)
{
	size_t i, k;

	for (i = 0; i + 6 <= len; i++) {
		if (memcmp(json + i, "\\u0000", 6) != 0)
			continue;
		for (k = 0; k < i && json[i - 1 - k] == '\\'; k++)
			;
		if (k % 2 == 0)
			return 1;
	}
	return 0;
}

/*
 * The verdict the format implies, reached without rw_draft_parse().  On
 * acceptance *root is the parsed draft (caller deletes) and *step its step.
 */
static int
should_accept(const char *json, size_t len, cJSON **root, int *step)
{
	const cJSON *answers, *item;
	char *text;

	*root = NULL;
	if (!len || len > DRAFT_LIMIT || memchr(json, '\0', len))
		return 0;
	if (!(text = malloc(len + 1)))
		abort();
	memcpy(text, json, len);
	text[len] = '\0';
	*root = cJSON_ParseWithOpts(text, NULL, 1);
	free(text);
	if (!cJSON_IsObject(*root) ||
	    whole(cJSON_GetObjectItemCaseSensitive(*root, "version"), 1, 1) != 1 ||
	    (*step = whole(cJSON_GetObjectItemCaseSensitive(*root, "step"), 0,
			   RW_STEP_COUNT - 1)) < 0 ||
	    !cJSON_IsObject(answers = cJSON_GetObjectItemCaseSensitive(*root, "answers")) ||
	    nul_escaped(json, len))
		goto refuse;
	for (item = answers->child; item; item = item->next)
		if (known_key(item->string) && !cJSON_IsString(item))
			goto refuse;
	return 1;
refuse:
	cJSON_Delete(*root);
	*root = NULL;
	return 0;
}

/* Each answer is the string under its key (any one of them if repeated), or unset. */
static void
check_answers(const cJSON *root, const struct rw_answers *a)
{
	const cJSON *answers = cJSON_GetObjectItemCaseSensitive(root, "answers"), *item;
	const char *key;
	int i, present, matched;

	for (i = 0; i < RW_FIELD_COUNT; i++) {
		key = draft_key((enum rw_field) i);
		present = matched = 0;
		for (item = answers->child; item; item = item->next) {
			if (!item->string || strcmp(item->string, key) != 0)
				continue;
			present = 1;
			if (a->value[i] && !strcmp(a->value[i], item->valuestring))
				matched = 1;
		}
		require(present ? matched : !a->value[i],
			"an answer is not the string saved under its key");
	}
}

static void
prefill(struct rw_answers *a)
{
	int i;

	rw_answers_init(a);
	for (i = 0; i < RW_FIELD_COUNT; i++)
		if (rw_answers_set(a, (enum rw_field) i, PREFILLED) < 0)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *json = (const char *) data;
	struct rw_answers fresh, kept;
	enum rw_step step = RW_STEP_COUNT, step_kept = RW_STEP_RESULT;
	enum rw_status st, st_kept;
	cJSON *root;
	int want, want_step = -1, i;

	want = should_accept(json, size, &root, &want_step);

	rw_answers_init(&fresh);
	st = rw_draft_parse(json, size, &fresh, &step);
	require(st == RW_OK || st == RW_EPROTO, "status is neither RW_OK nor RW_EPROTO");
	require((st == RW_OK) == want, want ? "a draft in the documented format is refused"
					    : "a draft outside the documented format is accepted");
	if (st == RW_OK) {
		require((int) step == want_step, "the step is not the draft's");
		check_answers(root, &fresh);
	} else {
		require(step == RW_STEP_COUNT, "a refused draft changed the step");
		for (i = 0; i < RW_FIELD_COUNT; i++)
			require(!fresh.value[i], "a refused draft set an answer");
	}

	prefill(&kept);
	st_kept = rw_draft_parse(json, size, &kept, &step_kept);
	require(st_kept == st, "answers given beforehand change the verdict");
	for (i = 0; i < RW_FIELD_COUNT; i++) {
		if (st == RW_OK)
			require(!kept.value[i] == !fresh.value[i] &&
				(!kept.value[i] || !strcmp(kept.value[i], fresh.value[i])),
				"an accepted draft did not replace every earlier answer");
		else
			require(kept.value[i] && !strcmp(kept.value[i], PREFILLED),
				"a refused draft changed an earlier answer");
	}
	require(st == RW_OK ? step_kept == step : step_kept == RW_STEP_RESULT,
		"the step after a second parse is wrong");

	rw_answers_free(&kept);
	rw_answers_free(&fresh);
	cJSON_Delete(root);
	return 0;
}

#ifndef RW_FUZZ_LIBFUZZER
/*
 * Without libFuzzer: a TAP test over the seed drafts (tests/data/drafts,
 * or the folder in argv[1]), each fed whole, cut short and mutated.  Seeds
 * named bad-* must be refused, the others accepted; rw_draft_load() of
 * each seed file must say what rw_draft_parse() of its bytes says.
 */
#include <dirent.h>
#include <unistd.h>

#include "tests/fuzz/corpus.h"
#include "tests/tap.h"

#ifndef RW_FUZZ_DRAFTS
#error "RW_FUZZ_DRAFTS must name tests/data/drafts"
#endif

static const char *const draft_tokens[] = {
	"\"version\"", "\"step\"", "\"answers\"", "\"name\"", "\"description\"", "\"project\"",
	"\"environment\"", "\"secret-path\"", "\"connection\"", "\"object-id\"",
	"\"client-id\"", "\"app-name\"", "\"auto-rotation\"", "\"interval\"",
	"\"rotate-at-hours\"", "\"rotate-at-minutes\"", "\"map-client-id\"",
	"\"map-client-secret\"", "\"token\"", "null", "true", "false", "{}", "[]",
	"\"\\u0000\"", "\"\\ud83d\\udd11\"", "\"\\ud800\"", "1", "8", "9", "-0", "1.0", "1e0",
	"7.5", "1e300", "2147483648", "-1", "\"1\"", "[[[[[[[[[[[[[[[[", NULL,
};

static int
same_answers(const struct rw_answers *a, const struct rw_answers *b)
{
	int i;

	for (i = 0; i < RW_FIELD_COUNT; i++)
		if (!a->value[i] != !b->value[i] ||
		    (a->value[i] && strcmp(a->value[i], b->value[i]) != 0))
			return 0;
	return 1;
}

/* rw_draft_load(path) and rw_draft_parse(its bytes): same status, answers, step. */
static int
load_matches_parse(const char *path, const char *buf, size_t len, enum rw_status *status)
{
	struct rw_answers loaded, parsed;
	enum rw_step step_loaded = RW_STEP_COUNT, step_parsed = RW_STEP_COUNT;
	enum rw_status st_loaded, st_parsed;
	int same;

	rw_answers_init(&loaded);
	rw_answers_init(&parsed);
	st_loaded = rw_draft_load(path, &loaded, &step_loaded);
	st_parsed = rw_draft_parse(buf, len, &parsed, &step_parsed);
	same = st_loaded == st_parsed && step_loaded == step_parsed &&
	       same_answers(&loaded, &parsed);
	if (!same)
		diag("load: status %d step %d; parse: status %d step %d", (int) st_loaded,
		     (int) step_loaded, (int) st_parsed, (int) step_parsed);
	rw_answers_free(&loaded);
	rw_answers_free(&parsed);
	*status = st_parsed;
	return same;
}

/* A seed draft: loading it from its file and parsing its bytes agree; accepted? */
static int
draft_accepted(const char *path, const char *buf, size_t len)
{
	enum rw_status st;

	ok(load_matches_parse(path, buf, len, &st), "load_and_parse_agree_on_%s",
	   strrchr(path, '/') + 1);
	return st == RW_OK;
}

static void
test_seeds(const char *dir)
{
	int files = corpus_seeds(dir, NULL, draft_tokens, draft_accepted);

	ok(files >= 5, "seed_drafts_were_found (%d files)", files);
}

/* A valid draft padded with spaces to len bytes: its size alone decides. */
static int
size_limit_agrees(size_t len, enum rw_status want, const char *name)
{
	static const char head[] = "{\"version\":1,\"step\":2,\"answers\":{\"name\":\"n\"}}";
	char path[] = "/tmp/rotwiz-fuzz-draft-XXXXXX";
	enum rw_status st;
	char *buf = malloc(len);
	int fd, good = 0;

	if (!buf)
		abort();
	memset(buf, ' ', len);
	memcpy(buf, head, sizeof(head) - 1);
	fd = mkstemp(path);
	if (fd >= 0 && write(fd, buf, len) == (ssize_t) len && close(fd) == 0) {
		good = load_matches_parse(path, buf, len, &st) && st == want;
		unlink(path);
	} else if (fd >= 0) {
		close(fd);
		unlink(path);
	}
	ok(good, "%s", name);
	free(buf);
	return good;
}

static void
test_api(void)
{
	static const char draft[] = "{\"version\":1,\"step\":2,\"answers\":{}}";
	size_t len = sizeof(draft) - 1;
	char *exact = malloc(len);
	struct rw_answers a;
	enum rw_step step = RW_STEP_REVIEW;

	if (!exact)
		abort();
	memcpy(exact, draft, len);
	rw_answers_init(&a);
	ok(rw_draft_parse(NULL, 0, &a, &step) == RW_EUSAGE &&
	   rw_draft_parse(draft, len, NULL, &step) == RW_EUSAGE &&
	   rw_draft_parse(draft, len, &a, NULL) == RW_EUSAGE &&
	   step == RW_STEP_REVIEW, "parse_refuses_null_arguments_as_a_usage_error");
	ok(rw_draft_parse(draft, 0, &a, &step) == RW_EPROTO && step == RW_STEP_REVIEW,
	   "parse_of_no_bytes_is_not_a_draft");
	ok(rw_draft_parse(draft, len - 1, &a, &step) == RW_EPROTO && step == RW_STEP_REVIEW,
	   "parse_reads_no_further_than_len");
	/* Exactly len bytes in their own block: ASan reports a read past them. */
	ok(rw_draft_parse(exact, len, &a, &step) == RW_OK && step == RW_STEP_WHERE,
	   "parse_needs_no_nul_after_the_draft");
	rw_answers_free(&a);
	free(exact);

	size_limit_agrees(DRAFT_LIMIT, RW_OK, "draft_of_exactly_1_mib_is_read_by_load_and_parse");
	size_limit_agrees(DRAFT_LIMIT + 1, RW_EPROTO,
			  "draft_one_byte_over_1_mib_is_refused_by_load_and_parse");
}

int
main(int argc, char **argv)
{
	test_api();
	test_seeds(argc > 1 ? argv[1] : RW_FUZZ_DRAFTS);
	return done_testing();
}
#endif
