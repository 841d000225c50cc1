#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "forms/draft.h"
#include "forms/field.h"
#include "tests/tap.h"

static char root[] = "/tmp/rotwiz-test-draft-XXXXXX";

static char *
in_root(const char *rel)
{
	char *p = malloc(strlen(root) + strlen(rel) + 2);

	if (!p)
		abort();
	sprintf(p, "%s/%s", root, rel);
	return p;
}

static int
write_text(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");
	int good;

	if (!f)
		return 0;
	good = fwrite(text, 1, len, f) == len;
	return fclose(f) == 0 && good;
}

static char *
read_text(const char *path)
{
	static char buf[65536];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void
fill(struct rw_answers *a)
{
	rw_answers_init(a);
	rw_answers_set(a, RW_FIELD_NAME, "billing-api");
	rw_answers_set(a, RW_FIELD_DESCRIPTION, "Caf\xc3\xa9 \"quoted\"\nnew line \xf0\x9f\x94\x91");
	rw_answers_set(a, RW_FIELD_PROJECT, "proj-1");
	rw_answers_set(a, RW_FIELD_ENVIRONMENT, "prod");
	rw_answers_set(a, RW_FIELD_SECRET_PATH, "/azure");
	rw_answers_set(a, RW_FIELD_CONNECTION, "3c90c3cc-0d44-4b50-8888-8dd25736052a");
	rw_answers_set(a, RW_FIELD_OBJECT_ID, "5d2c9b44-1f0e-4a8b-9c3d-7e6f5a4b3c2d");
	rw_answers_set(a, RW_FIELD_CLIENT_ID, "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d");
	rw_answers_set(a, RW_FIELD_APP_NAME, "");
	rw_answers_set(a, RW_FIELD_AUTO_ROTATION, "no");
	rw_answers_set(a, RW_FIELD_INTERVAL, "7.5");	/* drafts keep bad values too */
	rw_answers_set(a, RW_FIELD_HOURS, "7");
	rw_answers_set(a, RW_FIELD_MINUTES, "45");
	rw_answers_set(a, RW_FIELD_MAP_CLIENT_ID, "AZURE_CLIENT_ID");
	rw_answers_set(a, RW_FIELD_MAP_CLIENT_SECRET, "AZURE_CLIENT_SECRET");
}

static int
same_answers(const struct rw_answers *a, const struct rw_answers *b)
{
	int i;

	for (i = 0; i < RW_FIELD_COUNT; i++) {
		if (!a->value[i] != !b->value[i])
			return 0;
		if (a->value[i] && strcmp(a->value[i], b->value[i]) != 0)
			return 0;
	}
	return 1;
}

static void
test_path(void)
{
	char *p;

	setenv("XDG_STATE_HOME", "/state", 1);
	setenv("HOME", "/home/u", 1);
	p = rw_draft_path();
	is_str(p, "/state/rotwiz/draft.json", "draft_path_uses_xdg_state_home");
	free(p);
	setenv("XDG_STATE_HOME", "", 1);
	p = rw_draft_path();
	is_str(p, "/home/u/.local/state/rotwiz/draft.json", "empty_xdg_state_home_falls_back_to_home");
	free(p);
	setenv("XDG_STATE_HOME", "relative/state", 1);
	p = rw_draft_path();
	is_str(p, "/home/u/.local/state/rotwiz/draft.json", "relative_xdg_state_home_is_ignored");
	free(p);
	unsetenv("XDG_STATE_HOME");
	p = rw_draft_path();
	is_str(p, "/home/u/.local/state/rotwiz/draft.json", "unset_xdg_state_home_falls_back_to_home");
	free(p);
	unsetenv("HOME");
	p = rw_draft_path();
	ok(p == NULL, "no_xdg_state_home_and_no_home_gives_no_path");
	free(p);
}

/* Decided behaviour 12: a draft says which server it was for and when it was saved. */
static void
test_origin(void)
{
	static const char old[] = "{\"version\": 1, \"step\": 2, \"answers\": {\"name\": \"old-one\"}}";
	static const char odd[] = "{\"version\": 1, \"step\": 2, \"server\": 7, \"saved\": \"noon\", "
				  "\"answers\": {\"name\": \"odd-one\"}}";
	struct rw_draft_origin origin;
	struct rw_answers a, b;
	enum rw_step step = RW_STEP_SIGN_IN;
	char *path = in_root("origin/draft.json");
	char *text;
	cJSON *json;

	fill(&a);
	rw_answers_init(&b);
	ok(rw_draft_save_for(path, &a, RW_STEP_WHERE, "https://eu.infisical.com", 1764623040) == RW_OK,
	   "a_draft_saves_with_its_server_and_time");
	memset(&origin, 0x55, sizeof(origin));
	ok(rw_draft_load_from(path, &b, &step, &origin) == RW_OK && same_answers(&a, &b) &&
	   step == RW_STEP_WHERE, "it_loads_with_every_answer");
	is_str(origin.server, "https://eu.infisical.com", "the_server_comes_back");
	ok(origin.saved == 1764623040, "the_time_saved_comes_back");
	text = read_text(path);
	json = text ? cJSON_Parse(text) : NULL;
	ok(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(json, "server")) &&
	   cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(json, "saved")),
	   "the_file_holds_server_and_saved_keys");
	cJSON_Delete(json);

	ok(rw_draft_save_for(path, &a, RW_STEP_WHERE, "demo", 1764623040) == RW_OK &&
	   rw_draft_load_from(path, &b, &step, &origin) == RW_OK && !strcmp(origin.server, "demo"),
	   "demo_is_recorded_as_the_marker_demo");

	/* Drafts written before these keys, or with them of another type, still load. */
	ok(write_text(path, old, sizeof(old) - 1) &&
	   rw_draft_load_from(path, &b, &step, &origin) == RW_OK &&
	   !strcmp(rw_answers_get(&b, RW_FIELD_NAME), "old-one"), "an_old_draft_still_loads");
	ok(origin.server[0] == '\0' && origin.saved == 0, "with_its_origin_unknown");
	ok(write_text(path, odd, sizeof(odd) - 1) &&
	   rw_draft_load_from(path, &b, &step, &origin) == RW_OK &&
	   origin.server[0] == '\0' && origin.saved == 0, "origin_keys_of_another_type_are_as_if_absent");
	ok(rw_draft_load_from(path, &b, &step, NULL) == RW_OK, "the_origin_may_be_left_unasked");
	ok(origin.create_may_exist == 0, "a_draft_without_the_mark_says_no_create_may_exist");

	/* Decision 17: a create in flight or unknown is recorded, and only then. */
	ok(rw_draft_save_marked(path, &a, RW_STEP_REVIEW, "demo", 1764623040, 1) == RW_OK &&
	   rw_draft_load_from(path, &b, &step, &origin) == RW_OK && origin.create_may_exist == 1 &&
	   same_answers(&a, &b), "a_marked_draft_says_a_create_may_exist");
	ok(rw_draft_save_marked(path, &a, RW_STEP_REVIEW, "demo", 1764623040, 0) == RW_OK &&
	   rw_draft_load_from(path, &b, &step, &origin) == RW_OK && origin.create_may_exist == 0 &&
	   (text = read_text(path)) != NULL && !strstr(text, "createMayExist"),
	   "an_unmarked_draft_has_no_such_key");
	rw_answers_free(&a);
	rw_answers_free(&b);
	free(path);
}

static void
test_round_trip(void)
{
	struct rw_answers a, b;
	enum rw_step step = RW_STEP_SIGN_IN;
	struct stat st, dst;
	char *path = in_root("state/deep/rotwiz/draft.json"), *dir = in_root("state/deep/rotwiz");
	char *text;
	cJSON *json, *values;

	fill(&a);
	rw_answers_init(&b);
	ok(rw_draft_save(path, &a, RW_STEP_SCHEDULE) == RW_OK, "draft_saves_creating_missing_folders");
	ok(rw_draft_load(path, &b, &step) == RW_OK && same_answers(&a, &b),
	   "draft_round_trips_every_answer");
	ok(step == RW_STEP_SCHEDULE, "draft_round_trips_the_step");
	ok(b.value[RW_FIELD_APP_NAME] && !strcmp(b.value[RW_FIELD_APP_NAME], ""),
	   "empty_answer_stays_answered");
	is_str(b.value[RW_FIELD_HOURS], "7", "hours_keep_their_own_key");
	is_str(b.value[RW_FIELD_MINUTES], "45", "minutes_keep_their_own_key");
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600, "draft_file_is_mode_0600");
	ok(stat(dir, &dst) == 0 && (dst.st_mode & 0777) == 0700, "created_folders_are_mode_0700");

	text = read_text(path);
	json = text ? cJSON_Parse(text) : NULL;
	values = cJSON_GetObjectItemCaseSensitive(json, "answers");
	ok(cJSON_GetObjectItemCaseSensitive(json, "version") &&
	   cJSON_GetObjectItemCaseSensitive(json, "version")->valuedouble == 1 &&
	   cJSON_IsString(cJSON_GetObjectItemCaseSensitive(values, "object-id")) &&
	   cJSON_IsString(cJSON_GetObjectItemCaseSensitive(values, "rotate-at-hours")) &&
	   cJSON_IsString(cJSON_GetObjectItemCaseSensitive(values, "rotate-at-minutes")),
	   "draft_is_versioned_json_keyed_by_flag_names");
	ok(cJSON_GetArraySize(values) == RW_FIELD_COUNT && cJSON_GetArraySize(json) == 3,
	   "draft_holds_only_the_answers_and_nothing_else");
	cJSON_Delete(json);

	/* Unanswered stays unanswered, and loading replaces what was there. */
	rw_answers_free(&a);
	rw_answers_init(&a);
	rw_answers_set(&a, RW_FIELD_NAME, "only-name");
	ok(rw_draft_save(path, &a, RW_STEP_ROTATION) == RW_OK &&
	   rw_draft_load(path, &b, &step) == RW_OK && same_answers(&a, &b) &&
	   !rw_answers_is_set(&b, RW_FIELD_PROJECT),
	   "unanswered_fields_stay_unanswered_after_load");

	ok(rw_draft_save(path, &a, RW_STEP_COUNT) == RW_EUSAGE, "draft_with_invalid_step_is_not_saved");
	rw_answers_free(&a);
	rw_answers_free(&b);
	free(path);
	free(dir);
}

static int
leftovers(const char *dirpath)
{
	DIR *d = opendir(dirpath);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && strcmp(e->d_name, "draft.json") &&
		    strcmp(e->d_name, "old-link.json"))
			n++;
	closedir(d);
	return n;
}

static void
test_atomic(void)
{
	char *dir = in_root("atomic"), *path = in_root("atomic/draft.json");
	char *link_path = in_root("atomic/old-link.json");
	struct rw_answers a, b;
	enum rw_step step;
	struct stat before, after;
	char *text;

	mkdir(dir, 0755);
	rw_answers_init(&a);
	rw_answers_init(&b);
	rw_answers_set(&a, RW_FIELD_NAME, "first");
	rw_draft_save(path, &a, RW_STEP_ROTATION);
	stat(path, &before);
	/* A second name for the old file: rewriting in place would change it too. */
	ok(link(path, link_path) == 0, "old_draft_gets_a_hard_link");
	rw_answers_set(&a, RW_FIELD_NAME, "second");
	ok(rw_draft_save(path, &a, RW_STEP_WHERE) == RW_OK, "draft_saves_over_an_old_one");
	stat(path, &after);
	ok(before.st_ino != after.st_ino, "save_replaces_the_file_by_rename");
	text = read_text(link_path);
	ok(text && strstr(text, "\"first\"") && !strstr(text, "\"second\""),
	   "old_draft_is_never_half_overwritten");
	ok(rw_draft_load(path, &b, &step) == RW_OK && !strcmp(rw_answers_get(&b, RW_FIELD_NAME), "second") &&
	   step == RW_STEP_WHERE, "new_draft_is_read_back");
	ok(leftovers(dir) == 0, "save_leaves_no_temporary_files");
	ok(stat(dir, &after) == 0 && (after.st_mode & 0777) == 0755, "existing_folder_mode_is_left_alone");

	unlink(link_path);
	ok(rw_draft_remove(path) == RW_OK && access(path, F_OK) != 0, "remove_deletes_the_draft");
	ok(rw_draft_remove(path) == RW_OK, "removing_a_missing_draft_is_fine");
	ok(rw_draft_load(path, &b, &step) == RW_EIO, "missing_draft_loads_as_io_error");
	ok(rw_draft_remove(NULL) != RW_OK && rw_draft_load(NULL, &b, &step) != RW_OK &&
	   rw_draft_save(NULL, &a, RW_STEP_ROTATION) != RW_OK, "null_path_is_refused");

	/* A parent that is a file: cannot save there. */
	ok(rw_draft_save(link_path, &a, RW_STEP_ROTATION) == RW_OK, "draft_saves_under_another_name");
	free(path);
	path = in_root("atomic/old-link.json/draft.json");
	ok(rw_draft_save(path, &a, RW_STEP_ROTATION) == RW_EIO, "draft_under_a_file_is_an_io_error");
	unlink(link_path);
	rw_answers_free(&a);
	rw_answers_free(&b);
	free(path);
	free(dir);
	free(link_path);
}

/* A file that is not a draft of ours: refused, and the caller's answers untouched. */
static int
refuses(const char *text, size_t len, const char *name)
{
	char *path = in_root("bad.json");
	struct rw_answers a;
	enum rw_step step = RW_STEP_REVIEW;
	enum rw_status st;
	int good;

	rw_answers_init(&a);
	rw_answers_set(&a, RW_FIELD_NAME, "keep-me");
	write_text(path, text, len);
	st = rw_draft_load(path, &a, &step);
	good = st == RW_EPROTO && !strcmp(rw_answers_get(&a, RW_FIELD_NAME), "keep-me") &&
	       step == RW_STEP_REVIEW;
	if (!ok(good, "%s", name))
		diag("status %d", (int) st);
	rw_answers_free(&a);
	unlink(path);
	free(path);
	return good;
}

#define REFUSES(text, name) refuses(text, sizeof(text) - 1, name)

static void
test_garbage(void)
{
	const char *text;
	char *big, *path;
	struct rw_answers a;
	enum rw_step step;

	REFUSES("", "empty_file_is_not_a_draft");
	REFUSES("not json", "text_file_is_not_a_draft");
	REFUSES("{\"version\":1,\"step\":2,\"answers\":{", "truncated_draft_is_refused");
	REFUSES("[1,2]", "array_is_not_a_draft");
	REFUSES("{\"step\":2,\"answers\":{}}", "draft_without_version_is_refused");
	REFUSES("{\"version\":2,\"step\":2,\"answers\":{}}", "draft_of_a_later_version_is_refused");
	REFUSES("{\"version\":\"1\",\"step\":2,\"answers\":{}}", "draft_with_version_as_string_is_refused");
	REFUSES("{\"version\":1,\"step\":99,\"answers\":{}}", "draft_with_step_out_of_range_is_refused");
	REFUSES("{\"version\":1,\"step\":-1,\"answers\":{}}", "draft_with_negative_step_is_refused");
	REFUSES("{\"version\":1,\"step\":1.5,\"answers\":{}}", "draft_with_fractional_step_is_refused");
	REFUSES("{\"version\":1,\"step\":1e300,\"answers\":{}}", "draft_with_huge_step_is_refused");
	REFUSES("{\"version\":1,\"step\":2,\"answers\":[]}", "draft_with_answers_array_is_refused");
	REFUSES("{\"version\":1,\"step\":2}", "draft_without_answers_is_refused");
	REFUSES("{\"version\":1,\"step\":2,\"answers\":{\"name\":7}}", "draft_answer_as_number_is_refused");
	REFUSES("{\"version\":1,\"step\":2,\"answers\":{\"name\":\"a\"}}\0garbage",
		"draft_with_nul_byte_is_refused");
	REFUSES("{\"version\":1,\"step\":2,\"answers\":{}} trailing", "draft_with_trailing_garbage_is_refused");

	big = malloc(2 * 1024 * 1024);
	memset(big, ' ', 2 * 1024 * 1024);
	memcpy(big, "{\"version\":1,\"step\":2,\"answers\":{}}", 36);
	refuses(big, 2 * 1024 * 1024, "draft_of_2_mib_is_refused");
	/* Under the size limit, far over cJSON's nesting limit. */
	memset(big, '[', 512 * 1024);
	refuses(big, 512 * 1024, "deeply_nested_draft_is_refused_without_crashing");
	free(big);

	path = in_root("a-folder");
	mkdir(path, 0700);
	rw_answers_init(&a);
	ok(rw_draft_load(path, &a, &step) == RW_EPROTO, "folder_is_not_a_draft");
	rmdir(path);
	free(path);

	path = in_root("extra.json");
	text = "{\"version\":1,\"step\":3,\"future\":true,\"answers\":"
	       "{\"name\":\"n\",\"token\":\"secret\",\"later-field\":[1]}}";
	write_text(path, text, strlen(text));
	ok(rw_draft_load(path, &a, &step) == RW_OK && step == RW_STEP_CONNECTION &&
	   !strcmp(rw_answers_get(&a, RW_FIELD_NAME), "n"), "unknown_keys_are_ignored");
	unlink(path);
	free(path);
	rw_answers_free(&a);
}

/* Decision 22: what rw_draft_inspect() finds, and why a save failed. */
static void
test_inspect(void)
{
	static const char good[] = "{\"version\":1,\"step\":2,\"answers\":{\"name\":\"n\"}}";
	char *dir = in_root("inspect"), *path = in_root("inspect/draft.json");
	char *aside = in_root("inspect/draft.json.bad-20251201T210400");
	char *aside2 = in_root("inspect/draft.json.bad-20251201T210400-2");
	char *blocked = in_root("inspect-file/draft.json"), *file = in_root("inspect-file");
	struct rw_draft_inspection in;
	struct rw_answers a;
	time_t at = 1764623040;	/* 2025-12-01 21:04:00 UTC */

	mkdir(dir, 0700);
	ok(rw_draft_inspect(path, at, &in) == RW_OK && !in.present && !in.moved_to,
	   "inspect_of_no_draft_finds_nothing");
	rw_draft_inspection_free(&in);

	write_text(path, "{\"version\":2}", 13);
	ok(rw_draft_inspect(path, at, &in) == RW_OK && in.present && in.moved_to &&
	   !strcmp(in.moved_to, aside) && access(path, F_OK) != 0 && access(aside, F_OK) == 0,
	   "an_unusable_draft_is_moved_aside_by_its_utc_time");
	is_str(in.problem, "it is of version 2, newer than this rotwiz reads (1)",
	       "and_the_reason_is_said");
	rw_draft_inspection_free(&in);
	write_text(path, "x", 1);
	ok(rw_draft_inspect(path, at, &in) == RW_OK && in.moved_to && !strcmp(in.moved_to, aside2),
	   "a_second_in_the_same_second_does_not_overwrite_the_first");
	is_str(in.problem, "it is not JSON", "not_json_is_said");
	rw_draft_inspection_free(&in);

	write_text(path, good, sizeof(good) - 1);
	chmod(path, 0640);
	ok(rw_draft_inspect(path, at, &in) == RW_OK && in.present && !in.problem[0] &&
	   !in.moved_to && in.shared && in.mode == 0640 && access(path, F_OK) == 0,
	   "a_usable_draft_others_may_read_stays_and_is_flagged");
	rw_draft_inspection_free(&in);
	chmod(path, 0600);
	ok(rw_draft_inspect(path, at, &in) == RW_OK && !in.shared && !in.foreign,
	   "a_private_draft_of_ours_is_not_flagged");
	rw_draft_inspection_free(&in);

	/* A folder that is a file: every user, root too, gets ENOTDIR. */
	write_text(file, "x", 1);
	rw_answers_init(&a);
	rw_answers_set(&a, RW_FIELD_NAME, "n");
	errno = 0;
	ok(rw_draft_save(blocked, &a, RW_STEP_WHERE) == RW_EIO && errno == ENOTDIR,
	   "a_failed_save_says_why_in_errno");
	ok(rw_draft_inspect(blocked, at, &in) == RW_OK && !in.present,
	   "nothing_is_there_when_its_folder_is_a_file");
	rw_draft_inspection_free(&in);
	rw_answers_free(&a);
	unlink(file);
	unlink(path);
	unlink(aside);
	unlink(aside2);
	rmdir(dir);
	free(dir);
	free(path);
	free(aside);
	free(aside2);
	free(blocked);
	free(file);
}

/* A draft is worth saving only when some answer is more than a default. */
static void
test_worth_saving(void)
{
	struct rw_answers a;

	rw_answers_init(&a);
	ok(!rw_answers_beyond_defaults(&a), "no_answers_are_not_worth_a_draft");
	rw_answers_apply_defaults(&a);
	ok(!rw_answers_beyond_defaults(&a), "defaults_alone_are_not_worth_a_draft");
	rw_answers_set(&a, RW_FIELD_INTERVAL, "45");
	ok(rw_answers_beyond_defaults(&a), "a_changed_default_is_worth_a_draft");
	rw_answers_set(&a, RW_FIELD_INTERVAL, "30");
	rw_answers_set(&a, RW_FIELD_NAME, "my-rotation");
	ok(rw_answers_beyond_defaults(&a), "an_answer_without_default_is_worth_a_draft");
	rw_answers_set(&a, RW_FIELD_NAME, "");
	ok(!rw_answers_beyond_defaults(&a), "an_emptied_answer_is_not_worth_a_draft");
	rw_answers_free(&a);
}

int
main(void)
{
	char cmd[128];
	int rc;

	if (!mkdtemp(root)) {
		printf("Bail out! cannot make a temporary folder\n");
		return 1;
	}
	umask(022);
	test_garbage();
	test_path();
	test_round_trip();
	test_origin();
	test_atomic();
	test_worth_saving();
	test_inspect();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	rc = done_testing();
	if (system(cmd) != 0)
		diag("could not remove %s", root);
	return rc;
}
