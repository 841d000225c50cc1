#include "config.h"

/*
 * libFuzzer target for rw_body_parse(), the reader of --from-file bodies
 * (bytes the user's file chose).  Besides "no crash, no leak" it checks
 * the promises of forms/body.h and aborts when one breaks:
 *   - the result is RW_OK with no problems or RW_EUSAGE with some;
 *   - every problem names a field in range and its message is terminated,
 *     valid UTF-8 and free of control characters: it goes to a terminal,
 *     and the file chose the key names and values it quotes;
 *   - keys absent from the body leave answers alone: a parse over
 *     pre-filled answers agrees, field by field, with one over empty ones;
 *   - passing no problem list changes nothing;
 *   - an accepted body's answers are what cJSON alone finds at each
 *     field's api_path: strings as given, numbers as text that reads back
 *     as the same number, the toggle as "yes"/"no"; unnamed fields unset;
 *   - an accepted body survives build -> parse -> build unchanged (the two
 *     built bodies compared as parsed JSON), so the dry-run body is the
 *     one a --from-file of it would send.
 *
 * Built twice: with -DRW_FUZZ_LIBFUZZER and -fsanitize=fuzzer as
 * tests/fuzz/fuzz-body (--enable-fuzz; run it on a copy of the seeds, e.g.
 *   mkdir corpus && cp $srcdir/tests/data/seed-body.json $srcdir/tests/data/valid-body.json corpus &&
 *   tests/fuzz/fuzz-body -dict=$srcdir/tests/fuzz/body.dict -max_total_time=60 corpus
 * ), and without it as tests/fuzz/test-fuzz-body, whose main() below runs
 * the entry over the .json files in tests/data, bodies of its own and mutations of
 * them in every `make check`.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "forms/body.h"
#include "forms/field.h"
#include "forms/validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_NAME "fuzz-body"
#include "tests/fuzz/promises.h"

static int
same_problems(const struct rw_problems *a, const struct rw_problems *b)
{
	int i;

	if (a->count != b->count)
		return 0;
	for (i = 0; i < a->count; i++)
		if (a->item[i].field != b->item[i].field ||
		    strcmp(a->item[i].message, b->item[i].message) != 0)
			return 0;
	return 1;
}

/* The member at a dotted body path ("rotateAtUtc.hours"), or NULL. */
static const cJSON *
at_path(const cJSON *root, const char *path)
{
	const char *dot = strchr(path, '.');
	char first[64];

	if (!dot)
		return cJSON_GetObjectItemCaseSensitive(root, path);
	snprintf(first, sizeof(first), "%.*s", (int) (dot - path), path);
	return cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(root, first), dot + 1);
}

/*
 * An accepted body, read again by cJSON alone: each answer is what the body
 * holds at that field's api_path (a number as text that reads back as the
 * same number, a toggle as "yes"/"no", a null description as ""), and a
 * field the body does not name stays unanswered.
 */
static void
check_accepted(const char *json, size_t len, const struct rw_answers *a)
{
	const cJSON *item;
	const char *v;
	char *text = malloc(len + 1), *end;
	cJSON *root;
	int i;

	if (!text)
		abort();
	memcpy(text, json, len);
	text[len] = '\0';
	root = cJSON_ParseWithOpts(text, NULL, 1);
	free(text);
	require(cJSON_IsObject(root), "an accepted body is not a JSON object");
	for (i = 0; i < RW_FIELD_COUNT; i++) {
		item = at_path(root, rw_field_info((enum rw_field) i)->api_path);
		v = a->value[i];
		if (!item) {
			require(!v, "a field the body does not name was answered");
			continue;
		}
		require(v != NULL, "a field the body names was not answered");
		if (cJSON_IsString(item))
			require(!strcmp(v, item->valuestring), "a string answer differs from the body");
		else if (cJSON_IsNumber(item))
			require(*v && strtod(v, &end) == item->valuedouble && !*end,
				"a number answer does not read back as the body's number");
		else if (cJSON_IsBool(item))
			require(!strcmp(v, cJSON_IsTrue(item) ? "yes" : "no"),
				"a toggle answer is not yes/no as the body says");
		else if (cJSON_IsNull(item))
			require(i == RW_FIELD_DESCRIPTION && !*v,
				"a null was accepted where only the description may be null");
		else
			require(0, "an accepted answer came from an array or object");
	}
	cJSON_Delete(root);
}

/* Answers the body will partly overwrite: one value no parse can produce. */
static void
prefill(struct rw_answers *a)
{
	int i;

	rw_answers_init(a);
	for (i = 0; i < RW_FIELD_COUNT; i++)
		if (rw_answers_set(a, (enum rw_field) i, "\x01prefilled") < 0)
			abort();
}

static int
json_equal(const char *a, const char *b)
{
	cJSON *ja = cJSON_Parse(a), *jb = cJSON_Parse(b);
	int same = ja && jb && cJSON_Compare(ja, jb, 1);

	cJSON_Delete(ja);
	cJSON_Delete(jb);
	return same;
}

/* build -> parse -> build: the second body is the first one. */
static void
check_round_trip(const struct rw_answers *accepted)
{
	struct rw_problems pr = { .count = 0 };
	struct rw_answers again;
	char *first, *second;
	cJSON *parsed;
	enum rw_status st;

	first = rw_body_build(accepted);
	require(first != NULL, "no body built from accepted answers");
	parsed = cJSON_Parse(first);
	require(cJSON_IsObject(parsed), "built body is not a JSON object");
	cJSON_Delete(parsed);

	rw_answers_init(&again);
	st = rw_body_parse(first, strlen(first), &again, &pr);
	check_problems(&pr);
	require(st == RW_OK, "a body built from accepted answers is refused");
	second = rw_body_build(&again);
	require(second != NULL, "no body built on the second pass");
	require(json_equal(first, second), "build -> parse -> build changes the body");
	free(second);
	free(first);
	rw_answers_free(&again);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *json = (const char *) data;
	struct rw_problems pr = { .count = 0 }, pr_kept = { .count = 0 };
	struct rw_answers fresh, kept, quiet;
	enum rw_status st, st_kept, st_quiet;
	int i;

	rw_answers_init(&fresh);
	st = rw_body_parse(json, size, &fresh, &pr);
	require(st == RW_OK || st == RW_EUSAGE, "status is neither RW_OK nor RW_EUSAGE");
	require((st == RW_OK) == (pr.count == 0), "problems do not match the status");
	check_problems(&pr);

	prefill(&kept);
	st_kept = rw_body_parse(json, size, &kept, &pr_kept);
	require(st_kept == st && same_problems(&pr, &pr_kept),
		"answers given beforehand change the verdict");
	for (i = 0; i < RW_FIELD_COUNT; i++) {
		if (fresh.value[i])
			require(kept.value[i] && !strcmp(kept.value[i], fresh.value[i]),
				"a key read over an earlier answer reads differently");
		else
			require(kept.value[i] && !strcmp(kept.value[i], "\x01prefilled"),
				"a key absent from the body changed its answer");
	}
	rw_answers_free(&kept);

	rw_answers_init(&quiet);
	st_quiet = rw_body_parse(json, size, &quiet, NULL);
	require(st_quiet == st, "no problem list changes the verdict");
	rw_answers_free(&quiet);

	if (st == RW_OK) {
		check_accepted(json, size, &fresh);
		check_round_trip(&fresh);
	}
	rw_answers_free(&fresh);
	return 0;
}

#ifndef RW_FUZZ_LIBFUZZER
/*
 * Without libFuzzer: a TAP test over the seed bodies (the .json files in
 * tests/data, or in the folder argv[1] names) and the bodies below, each fed whole, cut
 * short and mutated.  Seeds named bad-* must be refused, the others
 * accepted, so a parser that refused everything would fail here too.
 */
#include "tests/fuzz/corpus.h"

#ifndef RW_FUZZ_SEEDS
#error "RW_FUZZ_SEEDS must name tests/data"
#endif

/* Words of the create body, for the token mutations. */
static const char *const body_tokens[] = {
	"\"name\"", "\"description\"", "\"projectId\"", "\"connectionId\"", "\"environment\"",
	"\"secretPath\"", "\"isAutoRotationEnabled\"", "\"rotationInterval\"",
	"\"rotateAtUtc\"", "\"hours\"", "\"minutes\"", "\"parameters\"", "\"objectId\"",
	"\"clientId\"", "\"appName\"", "\"secretsMapping\"", "\"clientSecret\"",
	"null", "true", "false", "{}", "[]", "{\"hours\":", "\"\\u0000\"", "\"\\ud83d\\udd11\"",
	"\"\\ud800\"", "\"\\u009b\"", "\"\\u202e\"", "\xc2\x9b", "\xed\xa0\x80", "\x1b[2J",
	"1e999", "-0", "11.5", "1e15", "9007199254740993", "0.1", "\"30\"", "\"  7 \"",
	"[[[[[[[[[[[[[[[[[[", NULL,
};

/* Shapes the two seed files do not show. */
static const char *const own_bodies[] = {
	"{\"description\":null,\"rotationInterval\":\"30\",\"rotateAtUtc\":{\"hours\":23,"
	"\"minutes\":59},\"isAutoRotationEnabled\":false}",
	"{\"rotateAtUtc\":{\"hours\":1e300,\"minutes\":-0.5},\"rotationInterval\":1e999}",
	"{\"rotateAtUtc\":{\"hours\":0.1234567,\"minutes\":9007199254740993},"
	"\"rotationInterval\":123456789012345678}",
	"{\"name\":\"a\",\"name\":\"b\",\"parameters\":{\"objectId\":1,\"typo\":\"x\"}}",
	"{\"secretsMapping\":[],\"parameters\":null,\"rotateAtUtc\":\"02:30\"}",
	"{\"n\\u00e4me\\u202e\\u009b\":\"\\u001b[31m\",\"\":\"\"}",
	"[{\"name\":\"in an array\"}]",
	"  \n\t{\"secretPath\":\"azure/\",\"environment\":\"prod\"}\r\n",
	NULL,
};

static int
accepted_whole(const char *path, const char *buf, size_t len)
{
	struct rw_answers a;
	enum rw_status st;

	(void) path;
	rw_answers_init(&a);
	st = rw_body_parse(buf, len, &a, NULL);
	rw_answers_free(&a);
	return st == RW_OK;
}

int
main(int argc, char **argv)
{
	size_t runs;
	int i, files;

	/* Only *.json files: the folder also holds replies and drafts. */
	files = corpus_seeds(argc > 1 ? argv[1] : RW_FUZZ_SEEDS, ".json", body_tokens,
			     accepted_whole);
	ok(files >= 2, "seed_bodies_were_found (%d files)", files);

	for (i = 0; own_bodies[i]; i++) {
		runs = corpus_run(own_bodies[i], strlen(own_bodies[i]), body_tokens, 300);
		ok(runs > 0, "own_body_%d_and_its_mutants_keep_every_promise (%zu inputs)", i, runs);
	}
	return done_testing();
}
#endif
