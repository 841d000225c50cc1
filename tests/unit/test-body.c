#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "forms/body.h"
#include "forms/field.h"
#include "forms/validate.h"
#include "tests/tap.h"

#ifndef RW_TEST_DATA
#define RW_TEST_DATA "tests/data"
#endif

#define GUID	"3c90c3cc-0d44-4b50-8888-8dd25736052a"
#define GUID2	"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"
#define GUID3	"5d2c9b44-1f0e-4a8b-9c3d-7e6f5a4b3c2d"

/* Parses both sides and compares them: key order and spacing do not matter. */
static int
json_same(const char *got, const char *want, const char *name)
{
	cJSON *a = got ? cJSON_Parse(got) : NULL, *b = cJSON_Parse(want);
	int same = a && b && cJSON_Compare(a, b, 1);

	if (!ok(same, "%s", name))
		diag("got %s\nwant %s", got ? got : "(null)", want);
	cJSON_Delete(a);
	cJSON_Delete(b);
	return same;
}

static void
fill(struct rw_answers *a)
{
	rw_answers_init(a);
	rw_answers_set(a, RW_FIELD_NAME, "billing-api");
	rw_answers_set(a, RW_FIELD_DESCRIPTION, "Billing");
	rw_answers_set(a, RW_FIELD_PROJECT, "proj-1");
	rw_answers_set(a, RW_FIELD_ENVIRONMENT, "prod");
	rw_answers_set(a, RW_FIELD_SECRET_PATH, "/azure");
	rw_answers_set(a, RW_FIELD_CONNECTION, GUID);
	rw_answers_set(a, RW_FIELD_OBJECT_ID, GUID3);
	rw_answers_set(a, RW_FIELD_CLIENT_ID, GUID2);
	rw_answers_set(a, RW_FIELD_APP_NAME, "Billing API");
	rw_answers_set(a, RW_FIELD_AUTO_ROTATION, "yes");
	rw_answers_set(a, RW_FIELD_INTERVAL, "30");
	rw_answers_set(a, RW_FIELD_HOURS, "2");
	rw_answers_set(a, RW_FIELD_MINUTES, "30");
	rw_answers_set(a, RW_FIELD_MAP_CLIENT_ID, "AZURE_CLIENT_ID");
	rw_answers_set(a, RW_FIELD_MAP_CLIENT_SECRET, "AZURE_CLIENT_SECRET");
}

static const char full_body[] =
	"{\"name\":\"billing-api\",\"description\":\"Billing\",\"projectId\":\"proj-1\","
	"\"connectionId\":\"" GUID "\",\"environment\":\"prod\",\"secretPath\":\"/azure\","
	"\"isAutoRotationEnabled\":true,\"rotationInterval\":30,"
	"\"rotateAtUtc\":{\"hours\":2,\"minutes\":30},"
	"\"parameters\":{\"objectId\":\"" GUID3 "\",\"clientId\":\"" GUID2 "\",\"appName\":\"Billing API\"},"
	"\"secretsMapping\":{\"clientId\":\"AZURE_CLIENT_ID\",\"clientSecret\":\"AZURE_CLIENT_SECRET\"}}";

static char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	long size;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (data = malloc((size_t) size + 1)) && fread(data, 1, (size_t) size, f) == (size_t) size) {
		data[size] = '\0';
		*len = (size_t) size;
	} else {
		free(data);
		data = NULL;
	}
	fclose(f);
	return data;
}

static int
has_problem(const struct rw_problems *p, enum rw_field field, const char *text)
{
	int i;

	for (i = 0; i < p->count; i++)
		if ((field == RW_FIELD_NONE || p->item[i].field == field) &&
		    (!text || strstr(p->item[i].message, text)))
			return 1;
	return 0;
}

static void
show_problems(const struct rw_problems *p)
{
	int i;

	for (i = 0; i < p->count; i++)
		diag("problem %d (field %d): %s", i, (int) p->item[i].field, p->item[i].message);
}

/* Parses text; the test passes when the parse is refused with a problem containing text. */
static int
parse_refused(const char *json, const char *text, const char *name)
{
	struct rw_problems p = { .count = 0 };
	struct rw_answers a;
	enum rw_status st;
	int good;

	rw_answers_init(&a);
	st = rw_body_parse(json, strlen(json), &a, &p);
	good = st == RW_EUSAGE && p.count > 0 && (!text || has_problem(&p, RW_FIELD_NONE, text));
	if (!ok(good, "%s", name)) {
		diag("status %d", (int) st);
		show_problems(&p);
	}
	rw_answers_free(&a);
	return good;
}

/* Parses text, which must be accepted; returns the answer of field (static copy). */
static const char *
parse_value(const char *json, enum rw_field field)
{
	static char value[256];
	struct rw_problems p = { .count = 0 };
	struct rw_answers a;

	rw_answers_init(&a);
	if (rw_body_parse(json, strlen(json), &a, &p) != RW_OK) {
		show_problems(&p);
		rw_answers_free(&a);
		return "(refused)";
	}
	snprintf(value, sizeof(value), "%s",
		 rw_answers_is_set(&a, field) ? rw_answers_get(&a, field) : "(unset)");
	rw_answers_free(&a);
	return value;
}

static void
test_build(void)
{
	struct rw_answers a;
	cJSON *root, *item;
	char *body;

	fill(&a);
	body = rw_body_build(&a);
	json_same(body, full_body, "build_gives_the_api_shape_and_key_names");
	root = body ? cJSON_Parse(body) : NULL;
	item = cJSON_GetObjectItemCaseSensitive(root, "rotationInterval");
	ok(cJSON_IsNumber(item) && item->valuedouble == 30, "interval_is_sent_as_a_json_number");
	item = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "rotateAtUtc"),
						"hours");
	ok(cJSON_IsNumber(item), "hours_are_sent_as_a_json_number");
	ok(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "isAutoRotationEnabled")),
	   "auto_rotation_is_sent_as_a_json_bool");
	cJSON_Delete(root);
	/* Decided behaviour 13: laid out to be copied: two spaces a level, one after a colon. */
	ok(body && !strchr(body, '\t'), "the_body_holds_no_tab");
	ok(body && strncmp(body, "{\n  \"name\": \"", 12) == 0, "keys_are_indented_two_spaces");
	ok(body && strstr(body, "\n  \"rotateAtUtc\": {\n    \"hours\": ") &&
	   strstr(body, "\n  },\n"), "nested_objects_indent_two_more");
	ok(body && body[strlen(body) - 1] == '}' && !strstr(body, ":  "),
	   "one_space_after_each_colon_and_no_newline_at_the_end");
	free(body);

	rw_answers_set(&a, RW_FIELD_DESCRIPTION, "");
	rw_answers_set(&a, RW_FIELD_APP_NAME, NULL);
	body = rw_body_build(&a);
	root = body ? cJSON_Parse(body) : NULL;
	ok(root && !cJSON_HasObjectItem(root, "description"), "empty_description_is_left_out");
	ok(root && !cJSON_HasObjectItem(cJSON_GetObjectItemCaseSensitive(root, "parameters"), "appName") &&
	   cJSON_HasObjectItem(cJSON_GetObjectItemCaseSensitive(root, "parameters"), "objectId"),
	   "empty_app_name_is_left_out");
	cJSON_Delete(root);
	free(body);

	rw_answers_set(&a, RW_FIELD_DESCRIPTION, "   ");
	body = rw_body_build(&a);
	root = body ? cJSON_Parse(body) : NULL;
	ok(root && !cJSON_HasObjectItem(root, "description"), "blank_description_is_left_out");
	cJSON_Delete(root);
	free(body);
	rw_answers_free(&a);

	/* Normalised values: what the user pasted is not what is sent. */
	fill(&a);
	rw_answers_set(&a, RW_FIELD_CONNECTION, " \"3C90C3CC-0D44-4B50-8888-8DD25736052A\" ");
	rw_answers_set(&a, RW_FIELD_SECRET_PATH, "azure/");
	rw_answers_set(&a, RW_FIELD_AUTO_ROTATION, "Off");
	rw_answers_set(&a, RW_FIELD_HOURS, "02");
	rw_answers_set(&a, RW_FIELD_MAP_CLIENT_ID, " AZURE_CLIENT_ID ");
	body = rw_body_build(&a);
	root = body ? cJSON_Parse(body) : NULL;
	item = cJSON_GetObjectItemCaseSensitive(root, "connectionId");
	ok(cJSON_IsString(item) && strcmp(item->valuestring, GUID) == 0,
	   "pasted_guid_is_sent_trimmed_and_lowercase");
	item = cJSON_GetObjectItemCaseSensitive(root, "secretPath");
	ok(cJSON_IsString(item) && strcmp(item->valuestring, "/azure") == 0,
	   "path_is_sent_with_leading_slash_and_without_trailing_one");
	ok(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(root, "isAutoRotationEnabled")),
	   "toggle_off_is_sent_as_false");
	item = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "rotateAtUtc"),
						"hours");
	ok(cJSON_IsNumber(item) && item->valuedouble == 2, "hours_with_leading_zero_are_sent_as_2");
	item = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "secretsMapping"),
						"clientId");
	ok(cJSON_IsString(item) && strcmp(item->valuestring, "AZURE_CLIENT_ID") == 0,
	   "mapping_name_is_sent_trimmed");
	cJSON_Delete(root);
	free(body);
	rw_answers_free(&a);

	/* Unanswered schedule: still sent, with the defaults. */
	fill(&a);
	rw_answers_set(&a, RW_FIELD_AUTO_ROTATION, NULL);
	rw_answers_set(&a, RW_FIELD_INTERVAL, NULL);
	rw_answers_set(&a, RW_FIELD_HOURS, NULL);
	rw_answers_set(&a, RW_FIELD_MINUTES, NULL);
	body = rw_body_build(&a);
	root = body ? cJSON_Parse(body) : NULL;
	item = cJSON_GetObjectItemCaseSensitive(root, "rotateAtUtc");
	ok(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "isAutoRotationEnabled")) &&
	   cJSON_GetObjectItemCaseSensitive(root, "rotationInterval") &&
	   cJSON_GetObjectItemCaseSensitive(root, "rotationInterval")->valuedouble == 30 &&
	   cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(item, "hours")) &&
	   cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(item, "minutes")),
	   "schedule_is_always_sent_even_when_unanswered");
	cJSON_Delete(root);
	free(body);

	/* Not valid: sent as given rather than invented. */
	rw_answers_set(&a, RW_FIELD_INTERVAL, "30d");
	body = rw_body_build(&a);
	root = body ? cJSON_Parse(body) : NULL;
	item = cJSON_GetObjectItemCaseSensitive(root, "rotationInterval");
	ok(cJSON_IsString(item) && strcmp(item->valuestring, "30d") == 0,
	   "invalid_number_is_sent_as_given_not_invented");
	cJSON_Delete(root);
	free(body);
	rw_answers_free(&a);

	ok(rw_body_build(NULL) == NULL, "build_without_answers_gives_null");
}

static void
test_seed_body(void)
{
	struct rw_problems p = { .count = 0 };
	struct rw_answers a;
	enum rw_status st;
	int n;

	rw_answers_init(&a);
	st = rw_body_parse_file(RW_TEST_DATA "/seed-body.json", 0, &a, &p);
	if (!ok(st == RW_OK && p.count == 0, "seed_body_parses"))
		show_problems(&p);
	is_str(rw_answers_get(&a, RW_FIELD_HOURS), "11.5", "seed_hours_are_kept_as_written");
	is_str(rw_answers_get(&a, RW_FIELD_MINUTES), "29.5", "seed_minutes_are_kept_as_written");
	is_str(rw_answers_get(&a, RW_FIELD_INTERVAL), "2", "seed_interval_integer_has_no_decimals");
	is_str(rw_answers_get(&a, RW_FIELD_AUTO_ROTATION), "yes", "seed_true_becomes_yes");

	n = rw_validate_step(&a, RW_STEP_COUNT, &p);
	ok(n == 8, "seed_body_has_exactly_eight_problems");
	ok(has_problem(&p, RW_FIELD_NAME, "Name: ") && has_problem(&p, RW_FIELD_NAME, "\"<string>\""),
	   "seed_name_is_refused");
	ok(has_problem(&p, RW_FIELD_ENVIRONMENT, "Environment: "), "seed_environment_is_refused");
	ok(has_problem(&p, RW_FIELD_SECRET_PATH, "Secret path: "), "seed_secret_path_is_refused");
	ok(has_problem(&p, RW_FIELD_OBJECT_ID, "Object ID: must be a GUID"), "seed_object_id_is_refused");
	ok(has_problem(&p, RW_FIELD_CLIENT_ID, "Application (client) ID: must be a GUID"),
	   "seed_client_id_is_refused");
	ok(has_problem(&p, RW_FIELD_HOURS, "got \"11.5\""), "seed_hours_11_5_are_refused");
	ok(has_problem(&p, RW_FIELD_MINUTES, "got \"29.5\""), "seed_minutes_29_5_are_refused");
	ok(has_problem(&p, RW_FIELD_MAP_CLIENT_SECRET, "must differ"),
	   "seed_equal_mapping_names_are_refused");
	ok(!has_problem(&p, RW_FIELD_CONNECTION, NULL) && !has_problem(&p, RW_FIELD_PROJECT, NULL) &&
	   !has_problem(&p, RW_FIELD_INTERVAL, NULL) && !has_problem(&p, RW_FIELD_DESCRIPTION, NULL),
	   "seed_valid_fields_are_not_refused");
	if (n != 8)
		show_problems(&p);
	rw_answers_free(&a);
}

static void
test_valid_body_round_trip(void)
{
	struct rw_problems p = { .count = 0 };
	struct rw_answers a;
	char *text, *body;
	size_t len = 0;

	rw_answers_init(&a);
	text = read_file(RW_TEST_DATA "/valid-body.json", &len);
	ok(text && rw_body_parse(text, len, &a, &p) == RW_OK, "valid_body_parses");
	ok(rw_validate_step(&a, RW_STEP_COUNT, &p) == 0, "valid_body_validates");
	show_problems(&p);
	body = rw_body_build(&a);
	json_same(body, text ? text : "null", "valid_body_round_trips_to_the_same_json");
	free(body);
	free(text);
	rw_answers_free(&a);
}

static void
test_parse_values(void)
{
	is_str(parse_value("{\"rotateAtUtc\":{\"hours\":11.5}}", RW_FIELD_HOURS), "11.5",
	       "fraction_is_kept_as_written");
	is_str(parse_value("{\"rotationInterval\":30}", RW_FIELD_INTERVAL), "30",
	       "integer_is_kept_without_decimals");
	is_str(parse_value("{\"rotationInterval\":3e1}", RW_FIELD_INTERVAL), "30",
	       "integral_exponent_reads_as_integer");
	is_str(parse_value("{\"rotationInterval\":0.1}", RW_FIELD_INTERVAL), "0.1",
	       "fraction_uses_shortest_form");
	is_str(parse_value("{\"rotationInterval\":-0}", RW_FIELD_INTERVAL), "0",
	       "negative_zero_reads_as_0");
	is_str(parse_value("{\"rotationInterval\":1e300}", RW_FIELD_INTERVAL), "1e+300",
	       "huge_number_is_kept_for_the_validator");
	is_str(parse_value("{\"rotationInterval\":\"30\"}", RW_FIELD_INTERVAL), "30",
	       "interval_as_numeric_string_is_accepted");
	is_str(parse_value("{\"rotationInterval\":\"30d\"}", RW_FIELD_INTERVAL), "30d",
	       "interval_string_reaches_the_validator_as_given");
	is_str(parse_value("{\"description\":null}", RW_FIELD_DESCRIPTION), "",
	       "null_description_is_empty");
	is_str(parse_value("{\"isAutoRotationEnabled\":false}", RW_FIELD_AUTO_ROTATION), "no",
	       "false_becomes_no");
	is_str(parse_value("{}", RW_FIELD_NAME), "(unset)", "absent_key_leaves_answer_unset");
	is_str(parse_value("{\"name\":\"a\\\\u0000b\"}", RW_FIELD_NAME), "a\\u0000b",
	       "escaped_backslash_before_u0000_is_plain_text");
	is_str(parse_value(" \n{\"name\":\"x\"}\n\n", RW_FIELD_NAME), "x",
	       "whitespace_around_the_body_is_fine");
}

static void
test_parse_refusals(void)
{
	char *big, *deep;
	size_t i;

	parse_refused("{\"name\":42}", "name: must be a string, got a number (42)",
		      "name_as_number_is_refused_naming_the_key");
	parse_refused("{\"rotateAtUtc\":\"02:30\"}", "rotateAtUtc: must be an object",
		      "rotate_at_as_string_is_refused");
	parse_refused("{\"rotateAtUtc\":{\"hours\":\"2\"}}", "rotateAtUtc.hours: must be a number",
		      "hours_as_string_are_refused_with_dotted_path");
	parse_refused("{\"isAutoRotationEnabled\":\"true\"}", "isAutoRotationEnabled: must be true or false",
		      "auto_rotation_as_string_is_refused");
	parse_refused("{\"rotationInterval\":true}", "rotationInterval: must be a number",
		      "interval_as_bool_is_refused");
	parse_refused("{\"parameters\":[]}", "parameters: must be an object", "parameters_as_array_is_refused");
	parse_refused("{\"secretsMapping\":{\"clientSecret\":7}}", "secretsMapping.clientSecret:",
		      "mapping_name_as_number_is_refused_with_dotted_path");
	parse_refused("{\"parameters\":{\"appName\":null}}", "parameters.appName: must be a string, got null",
		      "null_app_name_is_refused");
	parse_refused("{\"name\":null}", "name: must be a string, got null", "null_name_is_refused");
	parse_refused("{\"nmae\":\"x\"}", "nmae: is not a field", "unknown_key_is_refused_as_typo");
	parse_refused("{\"rotateAtUtc\":{\"hours\":1,\"seconds\":0}}", "rotateAtUtc.seconds: is not a field",
		      "unknown_nested_key_is_refused_with_dotted_path");
	parse_refused("{\"temporaryParameters\":{}}", "temporaryParameters", "temporary_parameters_are_refused");
	parse_refused("{\"name\":\"a\",\"name\":\"b\"}", "name: is given twice", "repeated_key_is_refused");
	parse_refused("{\"x\\u0001y\":1}", "x\\x01y", "control_character_in_unknown_key_is_escaped");
	parse_refused("[]", "must be a JSON object", "array_root_is_refused");
	parse_refused("\"name\"", "got a string", "string_root_is_refused");
	parse_refused("null", "got null", "null_root_is_refused");
	parse_refused("42", "got a number", "number_root_is_refused");
	parse_refused("", "empty", "empty_body_is_refused");
	parse_refused(" \n\t ", "empty", "blank_body_is_refused");
	parse_refused("{\"name\":\"x\",", "not valid JSON (line 1", "truncated_json_is_refused");
	parse_refused("{\n\"name\": \"x\"\n,}", "line 3", "json_error_names_the_line");
	parse_refused("{}x", "not valid JSON", "trailing_garbage_is_refused");
	parse_refused("{} {}", "not valid JSON", "two_bodies_are_refused");
	parse_refused("{\"name\":\"a\\u0000b\"}", "\\u0000", "u0000_escape_is_refused");
	parse_refused("{\"rotationInterval\":1e999}", "rotationInterval: must be a number of ordinary size",
		      "infinite_number_is_refused");

	ok(rw_body_parse("{\"name\":\"a\0b\"}", 13, &(struct rw_answers){ { 0 } }, NULL) == RW_EUSAGE,
	   "nul_byte_inside_is_refused");

	deep = malloc(200001);
	memset(deep, '[', 200000);
	deep[200000] = '\0';
	parse_refused(deep, "nested more than", "deep_nesting_is_refused_without_crashing");
	memcpy(deep, "{\"name\":", 8);
	parse_refused(deep, "nested more than", "deep_nesting_inside_a_value_is_refused");
	free(deep);

	big = malloc(2 * RW_BODY_MAX + 1);
	memset(big, ' ', 2 * RW_BODY_MAX);
	big[0] = '{';
	big[2 * RW_BODY_MAX - 1] = '}';
	big[2 * RW_BODY_MAX] = '\0';
	parse_refused(big, "larger than", "body_of_2_mib_is_refused");
	/* Exactly at the limit is still fine. */
	big[RW_BODY_MAX - 1] = '}';
	big[RW_BODY_MAX] = '\0';
	{
		struct rw_answers a;

		rw_answers_init(&a);
		ok(rw_body_parse(big, RW_BODY_MAX, &a, NULL) == RW_OK, "body_of_exactly_1_mib_is_accepted");
		rw_answers_free(&a);
	}
	free(big);

	/* Every prefix of a valid body: refused or accepted, never a crash. */
	{
		size_t len = strlen(full_body);
		int refused_all = 1;

		for (i = 0; i < len; i++) {
			struct rw_problems p = { .count = 0 };
			struct rw_answers a;

			rw_answers_init(&a);
			if (rw_body_parse(full_body, i, &a, &p) != RW_EUSAGE || p.count == 0)
				refused_all = 0;
			rw_answers_free(&a);
		}
		ok(refused_all, "every_truncation_of_a_body_is_refused_with_a_reason");
	}
}

/* Small deterministic mutations of a valid body: whatever comes, no crash, no leak. */
static void
test_mutations(void)
{
	static const char junk[] = "{}[]\":,\\0123456789.eE+-ntfu \x01\xff\xc3";
	size_t len = strlen(full_body), i;
	unsigned long seed = 12345;
	char buf[sizeof(full_body) + 8];
	int round, answered = 0;

	for (round = 0; round < 3000; round++) {
		struct rw_problems p = { .count = 0 };
		struct rw_answers a;
		char *body;

		memcpy(buf, full_body, len + 1);
		for (i = 0; i < 3; i++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			buf[(seed >> 33) % len] = junk[(seed >> 17) % (sizeof(junk) - 1)];
		}
		rw_answers_init(&a);
		if (rw_body_parse(buf, len, &a, &p) == RW_OK) {
			answered++;
			body = rw_body_build(&a);
			free(body);
		}
		rw_answers_free(&a);
	}
	ok(answered > 0 && answered < 3000, "mutated_bodies_never_crash");
}

static void
test_parse_file(void)
{
	char path[] = "/tmp/rotwiz-test-body-XXXXXX";
	struct rw_problems p = { .count = 0 };
	struct rw_answers a;
	char *big;
	int fd;

	rw_answers_init(&a);
	ok(rw_body_parse_file("/nonexistent/rotwiz/body.json", 0, &a, &p) == RW_EIO &&
	   has_problem(&p, RW_FIELD_NONE, "/nonexistent/rotwiz/body.json"),
	   "missing_file_is_an_io_error_naming_the_file");
	ok(rw_body_parse_file("/tmp", 0, &a, &p) == RW_EIO, "folder_is_not_a_body_file");

	fd = mkstemp(path);
	big = malloc(2 * RW_BODY_MAX);
	memset(big, ' ', 2 * RW_BODY_MAX);
	big[0] = '{';
	big[2 * RW_BODY_MAX - 1] = '}';
	ok(fd >= 0 && write(fd, big, 2 * RW_BODY_MAX) == 2 * RW_BODY_MAX && close(fd) == 0 &&
	   rw_body_parse_file(path, 0, &a, &p) == RW_EUSAGE && has_problem(&p, RW_FIELD_NONE, "larger than"),
	   "file_of_2_mib_is_refused");
	unlink(path);
	free(big);
	rw_answers_free(&a);
}

/* A FIFO nobody writes to is given up on; one with a writer (`<(...)`) is read. */
static void
fifo_files(void)
{
	char dir[] = "/tmp/rotwiz-test-fifo-XXXXXX", path[64];
	struct rw_problems p = { .count = 0 };
	struct rw_answers a;
	struct timespec t0, t1;
	double dt;
	pid_t pid;
	int fd;

	rw_answers_init(&a);
	if (!mkdtemp(dir)) {
		ok(0, "fifo_dir_made");
		return;
	}
	snprintf(path, sizeof(path), "%s/body", dir);
	ok(mkfifo(path, 0600) == 0, "fifo_made");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ok(rw_body_parse_file(path, 300, &a, &p) == RW_EIO &&
	   has_problem(&p, RW_FIELD_NONE, "nothing came from it in 1 s (a FIFO or pipe that nobody writes to)"),
	   "fifo_without_a_writer_is_given_up_on_naming_why");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	dt = (double) (t1.tv_sec - t0.tv_sec) + (double) (t1.tv_nsec - t0.tv_nsec) / 1e9;
	ok(dt >= 0.25 && dt < 5.0, "fifo_without_a_writer_waits_the_given_time_then_stops");
	pid = fork();
	if (pid == 0) {
		/* The writer comes later and writes in two pieces. */
		usleep(100000);
		fd = open(path, O_WRONLY);
		if (fd >= 0 && write(fd, "{\"name\":", 8) == 8) {
			usleep(100000);
			if (write(fd, "\"from-a-fifo\"}", 14) != 14)
				_exit(1);
		}
		_exit(0);
	}
	memset(&p, 0, sizeof(p));
	ok(pid > 0 && rw_body_parse_file(path, 5000, &a, &p) == RW_OK &&
	   strcmp(rw_answers_get(&a, RW_FIELD_NAME), "from-a-fifo") == 0,
	   "fifo_with_a_writer_is_read_whole");
	if (pid > 0)
		waitpid(pid, NULL, 0);
	unlink(path);
	rmdir(dir);
	rw_answers_free(&a);
}

/*
 * The curl command run by a real shell, with curl replaced by a function
 * that writes its arguments out: proves the quoting, not just the text.
 */
static char **
shell_args(const char *command, int *count)
{
	char script[] = "/tmp/rotwiz-test-curl-XXXXXX";
	char out[] = "/tmp/rotwiz-test-args-XXXXXX";
	char run[256], *data, **args = NULL;
	size_t len = 0, i, start;
	FILE *f;
	int fd, ofd;

	*count = 0;
	fd = mkstemp(script);
	ofd = mkstemp(out);
	if (fd < 0 || ofd < 0 || !(f = fdopen(fd, "w")))
		return NULL;
	close(ofd);
	fprintf(f, "curl() { for a in \"$@\"; do printf '%%s\\001' \"$a\"; done; }\n%s\n", command);
	fclose(f);
	snprintf(run, sizeof(run), "INFISICAL_TOKEN=tok-from-env sh %s > %s", script, out);
	if (system(run) == 0 && (data = read_file(out, &len))) {
		args = calloc(len + 1, sizeof(*args));
		for (i = start = 0; args && i < len; i++)
			if (data[i] == '\001') {
				data[i] = '\0';
				args[(*count)++] = strdup(data + start);
				start = i + 1;
			}
		free(data);
	}
	unlink(script);
	unlink(out);
	return args;
}

static void
free_args(char **args, int count)
{
	int i;

	for (i = 0; args && i < count; i++)
		free(args[i]);
	free(args);
}

static void
test_curl(void)
{
	const char *body = "{\n\t\"description\": \"it's a 'test' $HOME `id` \\\"q\\\"\"\n}";
	char *cmd = rw_curl_command("https://eu.infisical.com/api/", body);
	char **args;
	int n;

	ok(cmd && strncmp(cmd, "curl -sS -X POST 'https://eu.infisical.com/api/v2/secret-rotations/"
			  "azure-client-secret' ", 84) == 0,
	   "curl_posts_to_the_create_route_without_double_slash");
	ok(cmd && strstr(cmd, "-H \"Authorization: Bearer $INFISICAL_TOKEN\"") &&
	   strstr(cmd, "-H 'Content-Type: application/json'"),
	   "curl_names_the_token_variable_and_content_type");
	/* Decided behaviour 13: one option a line, each but the last ending in " \". */
	ok(cmd && strstr(cmd, "azure-client-secret' \\\n  -H \"Authorization: Bearer "
			  "$INFISICAL_TOKEN\" \\\n  -H 'Content-Type: application/json' \\\n"
			  "  --data-binary '{"), "curl_puts_one_option_a_line");
	ok(cmd && strstr(cmd, "it'\\''s"), "single_quote_in_body_is_escaped_for_sh");
	args = shell_args(cmd ? cmd : "false", &n);
	ok(n == 10 && strcmp(args[n - 1], body) == 0, "shell_hands_curl_the_body_unchanged");
	ok(n == 10 && strcmp(args[5], "Authorization: Bearer tok-from-env") == 0,
	   "shell_fills_in_the_token_from_the_environment");
	free_args(args, n);
	free(cmd);

	cmd = rw_curl_command("http://127.0.0.1:8080/api", "{}");
	ok(cmd && strstr(cmd, "'http://127.0.0.1:8080/api/v2/secret-rotations/azure-client-secret'"),
	   "curl_base_without_trailing_slash_is_used_as_is");
	free(cmd);
	ok(rw_curl_command(NULL, "{}") == NULL && rw_curl_command("x", NULL) == NULL,
	   "curl_without_base_or_body_gives_null");
}

/* .infisical.json: a NUL would cut the project id short, naming another project. */
static void
test_project_file_nul(void)
{
	static const char nul_escape[] =
		"{\"workspaceId\": \"ec28d541-4984-455a-b145-c3b923b5c5b2\\u0000x\", "
		"\"defaultEnvironment\": \"dev\"}";
	static const char raw_nul[] =
		"{\"workspaceId\": \"ec28d541-4984-455a-b145-c3b923b5c5b2\0x\", "
		"\"defaultEnvironment\": \"dev\"}";
	static const char plain[] =
		"{\"workspaceId\": \"ec28d541-4984-455a-b145-c3b923b5c5b2\", "
		"\"defaultEnvironment\": \"dev\\\\u0000\"}";
	char *ws, *env;

	rw_project_file_parse(nul_escape, sizeof(nul_escape) - 1, &ws, &env);
	ok(!ws && !env, "project_file_with_a_nul_escape_is_ignored_not_cut");
	free(ws);
	free(env);
	rw_project_file_parse(raw_nul, sizeof(raw_nul) - 1, &ws, &env);
	ok(!ws && !env, "project_file_with_a_raw_nul_is_ignored_not_cut");
	free(ws);
	free(env);
	rw_project_file_parse(plain, sizeof(plain) - 1, &ws, &env);
	is_str(ws, "ec28d541-4984-455a-b145-c3b923b5c5b2", "an_escaped_backslash_before_u0000_is_no_nul");
	is_str(env, "dev\\u0000", "and_its_value_is_kept_whole");
	free(ws);
	free(env);
}

int
main(void)
{
	test_project_file_nul();
	test_parse_refusals();
	test_mutations();
	test_parse_file();
	test_seed_body();
	test_valid_body_round_trip();
	test_build();
	test_parse_values();
	test_curl();
	fifo_files();
	return done_testing();
}
