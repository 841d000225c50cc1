#include "config.h"

/*
 * libFuzzer target for net/response.c: the same bytes go to every parser
 * and to rw_parse_error().  Besides "no crash, no leak" it checks the
 * promises of response.h and aborts when one breaks: a refused reply
 * leaves its struct zeroed, an accepted one has its required members, an
 * error always gets a message.
 *
 * Built twice: with -DRW_FUZZ_LIBFUZZER and -fsanitize=fuzzer as
 * tests/fuzz/fuzz-response (--enable-fuzz), and without it as
 * tests/unit/test-fuzz-corpus, whose main() below runs the entry over the
 * sample replies in tests/data/responses and mutations of them, so every
 * `make check` exercises the target.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/response.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
require(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz-response: broken promise: %s\n", what);
		abort();
	}
}

static int
zeroed(const void *p, size_t n)
{
	const unsigned char *b = p;

	while (n--)
		if (*b++)
			return 0;
	return 1;
}

/* Accepted: members the parser calls required are there; refused: all zero. */
#define CHECK_REFUSED(st, obj, what) \
	require((st) == RW_OK || zeroed(&(obj), sizeof(obj)), what " left data behind on failure")

static void
check_rotation(const struct rw_rotation *r)
{
	require(r->id && r->name && r->type && r->project_id && r->connection_id && r->created_at,
		"accepted rotation lacks a required member");
	require(r->hours >= 0 && r->hours <= 23 && r->minutes >= 0 && r->minutes <= 59 &&
		r->active_index >= 0 && r->active_index <= 1 && r->interval_days >= 1,
		"accepted rotation has an out-of-range number");
}

static void
run_errors(const char *body, size_t len)
{
	static const long statuses[] = { 0, 400, 422, 429, 502 };
	struct rw_api_error err;
	size_t i;

	for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++) {
		rw_parse_error(statuses[i], body, len, &err);
		require(err.message != NULL, "error without a message");
		require(strlen(err.message) <= 2048 + 3, "error message over its cap");
		require(err.retry_after >= -1, "retry_after below -1");
		require(err.field >= RW_FIELD_NONE && err.field < RW_FIELD_COUNT, "field out of range");
		(void) rw_api_error_status(&err);
		rw_api_error_free(&err);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *body = (const char *) data;
	struct rw_login login;
	struct rw_project_list projects;
	struct rw_folder_list folders;
	struct rw_connection_list connections;
	struct rw_azure_app_list apps;
	struct rw_name_list names;
	struct rw_rotation rotation;
	struct rw_rotation_list rotations;
	struct rw_generated generated;
	enum rw_status st;
	size_t i, j;

	run_errors(body, size);

	st = rw_parse_login(body, size, &login);
	CHECK_REFUSED(st, login, "login");
	require(st != RW_OK || (login.access_token && *login.access_token), "login without token");
	rw_login_free(&login);

	st = rw_parse_projects(body, size, &projects);
	CHECK_REFUSED(st, projects, "projects");
	for (i = 0; st == RW_OK && i < projects.count; i++) {
		require(projects.items[i].id && projects.items[i].name, "project without id/name");
		for (j = 0; j < projects.items[i].environment_count; j++)
			require(projects.items[i].environments[j].slug != NULL, "environment without slug");
	}
	rw_project_list_free(&projects);

	st = rw_parse_folders(body, size, &folders);
	CHECK_REFUSED(st, folders, "folders");
	for (i = 0; st == RW_OK && i < folders.count; i++)
		require(folders.items[i].id && folders.items[i].name, "folder without id/name");
	rw_folder_list_free(&folders);

	st = rw_parse_connections(body, size, &connections);
	CHECK_REFUSED(st, connections, "connections");
	for (i = 0; st == RW_OK && i < connections.count; i++)
		require(connections.items[i].id && connections.items[i].name, "connection without id");
	rw_connection_list_free(&connections);

	st = rw_parse_azure_apps(body, size, &apps);
	CHECK_REFUSED(st, apps, "azure apps");
	for (i = 0; st == RW_OK && i < apps.count; i++)
		require(apps.items[i].object_id && apps.items[i].client_id, "app without ids");
	rw_azure_app_list_free(&apps);

	st = rw_parse_secret_names(body, size, &names);
	CHECK_REFUSED(st, names, "secret names");
	for (i = 0; st == RW_OK && i < names.count; i++)
		require(names.items[i] != NULL, "NULL secret name");
	rw_name_list_free(&names);

	st = rw_parse_rotation(body, size, &rotation);
	CHECK_REFUSED(st, rotation, "rotation");
	if (st == RW_OK)
		check_rotation(&rotation);
	rw_rotation_free(&rotation);

	st = rw_parse_rotation_list(body, size, &rotations);
	CHECK_REFUSED(st, rotations, "rotation list");
	for (i = 0; st == RW_OK && i < rotations.count; i++)
		check_rotation(&rotations.items[i]);
	rw_rotation_list_free(&rotations);

	st = rw_parse_generated(body, size, &generated);
	CHECK_REFUSED(st, generated, "generated credentials");
	require(st != RW_OK || (generated.count >= 1 && generated.count <= 2 &&
				(size_t) generated.active_index < generated.count &&
				generated.key_id[generated.active_index]),
		"accepted generated credentials out of shape");
	rw_generated_free(&generated);
	return 0;
}

#ifndef RW_FUZZ_LIBFUZZER
/*
 * Without libFuzzer: a TAP test that feeds the entry every sample reply,
 * each prefix of it (truncation), and deterministic byte mutations.  A
 * crash or broken promise aborts the program, which the TAP driver reports.
 */
#include <dirent.h>

#include "tests/tap.h"

#ifndef RW_RESPONSE_DATA
#error "RW_RESPONSE_DATA must name tests/data/responses"
#endif

static unsigned long rng_state = 0x2545f491;

static unsigned long
rng(void)
{
	rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
	return rng_state >> 33;
}

/* Bytes a JSON mutation is likely to care about. */
static const char interesting[] = "{}[]\",:\\u0\x00\xff-1e9 ntf";

static void
feed(const char *buf, size_t len)
{
	/* Copied so ASan sees reads past the end: the parsers get no NUL terminator. */
	uint8_t *copy = malloc(len ? len : 1);

	if (!copy)
		abort();
	memcpy(copy, buf, len);
	LLVMFuzzerTestOneInput(copy, len);
	free(copy);
}

static size_t
run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf, *mut;
	long n;
	size_t len, i, runs = 0, pos;
	int k;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		if (f)
			fclose(f);
		return 0;
	}
	len = (size_t) n;
	buf = malloc(len + 1);
	mut = malloc(len + 16);
	if (!buf || !mut || fread(buf, 1, len, f) != len)
		abort();
	fclose(f);

	feed(buf, len), runs++;
	/* Every prefix: a reply cut short anywhere. */
	for (i = 0; i < len; i += 1 + len / 512)
		feed(buf, i), runs++;
	/* Single-byte replacements, insertions and deletions. */
	for (k = 0; k < 300 && len > 0; k++) {
		pos = rng() % len;
		memcpy(mut, buf, len);
		switch (k % 3) {
		case 0:
			mut[pos] = interesting[rng() % (sizeof(interesting) - 1)];
			feed(mut, len);
			break;
		case 1:
			memcpy(mut + pos + 1, buf + pos, len - pos);
			mut[pos] = interesting[rng() % (sizeof(interesting) - 1)];
			feed(mut, len + 1);
			break;
		default:
			memcpy(mut + pos, buf + pos + 1, len - pos - 1);
			feed(mut, len - 1);
			break;
		}
		runs++;
	}
	free(mut);
	free(buf);
	return runs;
}

int
main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : RW_RESPONSE_DATA;
	struct dirent **names;
	char path[4096];
	int n, i, files = 0;
	size_t runs;

	n = scandir(dir, &names, NULL, alphasort);
	if (n < 0) {
		printf("Bail out! cannot read %s\n", dir);
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.') {
			snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
			runs = run_file(path);
			ok(runs > 0, "corpus_%s_survives_every_parser (%zu inputs)", names[i]->d_name,
			   runs);
			files++;
		}
		free(names[i]);
	}
	free(names);
	ok(files >= 10, "corpus_has_the_sample_replies (%d files)", files);
	return done_testing();
}
#endif
