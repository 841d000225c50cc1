#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/field.h"
#include "forms/validate.h"
#include "tests/tap.h"

#define GUID	"3c90c3cc-0d44-4b50-8888-8dd25736052a"
#define GUID_UP	"3C90C3CC-0D44-4B50-8888-8DD25736052A"
#define GUID2	"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"

static char last_msg[RW_MESSAGE_MAX];

static const char *
label(enum rw_field field)
{
	return rw_field_info(field)->label;
}

/*
 * Refused, and the message names the field's label, says `got "<shown>"`
 * (shown: the value as the message should quote it; NULL: the value
 * itself) and, when given, contains `rule`.
 */
static int
refused_as(enum rw_field field, const char *value, const char *shown, const char *rule,
	   const char *name)
{
	char want[RW_MESSAGE_MAX + 16];
	enum rw_status st;
	int good;

	st = rw_validate_field(field, value, last_msg, sizeof(last_msg));
	/* By default the value itself, cut at 40 characters (ASCII values only). */
	if (shown)
		snprintf(want, sizeof(want), "got \"%s\"", shown);
	else if (strlen(value) > 40)
		snprintf(want, sizeof(want), "got \"%.40s...\"", value);
	else
		snprintf(want, sizeof(want), "got \"%s\"", value);
	good = st == RW_EINVAL && strncmp(last_msg, label(field), strlen(label(field))) == 0 &&
	       strstr(last_msg, want) && (!rule || strstr(last_msg, rule));
	if (!ok(good, "%s", name))
		diag("status %d, message \"%s\", wanted \"%s\"%s%s", (int) st, last_msg, want,
		     rule ? " and " : "", rule ? rule : "");
	return good;
}

static int
refused(enum rw_field field, const char *value, const char *name)
{
	return refused_as(field, value, NULL, NULL, name);
}

static int
required(enum rw_field field, const char *value, const char *name)
{
	char want[RW_MESSAGE_MAX];
	enum rw_status st;
	int good;

	st = rw_validate_field(field, value, last_msg, sizeof(last_msg));
	snprintf(want, sizeof(want), "%s: required", label(field));
	good = st == RW_EINVAL && strcmp(last_msg, want) == 0;
	if (!ok(good, "%s", name))
		diag("status %d, message \"%s\", wanted \"%s\"", (int) st, last_msg, want);
	return good;
}

static int
accepted(enum rw_field field, const char *value, const char *name)
{
	enum rw_status st = rw_validate_field(field, value, last_msg, sizeof(last_msg));

	if (!ok(st == RW_OK, "%s", name))
		diag("status %d, message \"%s\"", (int) st, last_msg);
	return st == RW_OK;
}

static int
normalizes(enum rw_field field, const char *value, const char *want, const char *name)
{
	char *got = rw_normalize_field(field, value);
	int same = is_str(got, want, name);

	free(got);
	return same;
}

static char *
repeat(const char *unit, int times)
{
	size_t n = strlen(unit);
	char *s = malloc(n * (size_t) times + 1);
	int i;

	if (!s)
		abort();
	for (i = 0; i < times; i++)
		memcpy(s + n * (size_t) i, unit, n);
	s[n * (size_t) times] = '\0';
	return s;
}

/* Valid UTF-8 (strictly), so a message can go to any terminal. */
static int
valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *) s;

	while (*p) {
		int len = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 :
			  (*p & 0xF8) == 0xF0 ? 4 : 0;
		int i;

		if (!len)
			return 0;
		for (i = 1; i < len; i++)
			if ((p[i] & 0xC0) != 0x80)
				return 0;
		p += len;
	}
	return 1;
}

static void
test_hours(void)
{
	refused_as(RW_FIELD_HOURS, "24", NULL, "must be a whole number from 0 to 23",
		   "hours_24_is_refused");
	refused(RW_FIELD_HOURS, "-1", "hours_minus_1_is_refused");
	refused(RW_FIELD_HOURS, "7.5", "hours_fraction_is_refused");
	refused(RW_FIELD_HOURS, " 7", "hours_with_leading_space_is_refused");
	refused(RW_FIELD_HOURS, "7 ", "hours_with_trailing_space_is_refused");
	refused(RW_FIELD_HOURS, "+7", "hours_with_plus_sign_is_refused");
	refused(RW_FIELD_HOURS, "07x", "hours_with_trailing_letter_is_refused");
	refused(RW_FIELD_HOURS, "99999999999999999999999", "hours_overflowing_number_is_refused");
	refused(RW_FIELD_HOURS, "\xd9\xa1", "hours_arabic_digit_is_refused");
	required(RW_FIELD_HOURS, "", "hours_empty_is_required");
	accepted(RW_FIELD_HOURS, "0", "hours_0_is_accepted");
	accepted(RW_FIELD_HOURS, "23", "hours_23_is_accepted");
	accepted(RW_FIELD_HOURS, "07", "hours_with_leading_zero_is_accepted");
	ok(strcmp(last_msg, "") == 0, "accepted_value_leaves_message_empty");
	ok(rw_validate_field(RW_FIELD_HOURS, "Rotate", NULL, 0) == RW_EINVAL,
	   "validate_without_message_buffer_still_answers");
}

static void
test_minutes(void)
{
	refused_as(RW_FIELD_MINUTES, "60", NULL, "from 0 to 59", "minutes_60_is_refused");
	refused(RW_FIELD_MINUTES, "-0", "minutes_negative_zero_is_refused");
	refused(RW_FIELD_MINUTES, "29.5", "minutes_fraction_is_refused");
	accepted(RW_FIELD_MINUTES, "59", "minutes_59_is_accepted");
	accepted(RW_FIELD_MINUTES, "0", "minutes_0_is_accepted");
}

static void
test_interval(void)
{
	refused_as(RW_FIELD_INTERVAL, "910", NULL, "Azure", "interval_910_is_refused_naming_azure");
	ok(strstr(last_msg, "909") != NULL, "interval_message_names_the_909_limit");
	refused(RW_FIELD_INTERVAL, "0", "interval_0_is_refused");
	refused(RW_FIELD_INTERVAL, "30d", "interval_with_unit_is_refused");
	refused(RW_FIELD_INTERVAL, "1e3", "interval_in_exponent_form_is_refused");
	refused(RW_FIELD_INTERVAL, "18446744073709551617", "interval_overflowing_uint64_is_refused");
	refused(RW_FIELD_INTERVAL, "30.0", "interval_with_decimal_point_is_refused");
	required(RW_FIELD_INTERVAL, "", "interval_empty_is_required");
	accepted(RW_FIELD_INTERVAL, "1", "interval_1_is_accepted");
	accepted(RW_FIELD_INTERVAL, "909", "interval_909_is_accepted");
}

static void
test_name(void)
{
	char *s;

	refused_as(RW_FIELD_NAME, "My-Rotation", NULL, "lowercase", "name_with_capitals_is_refused");
	refused(RW_FIELD_NAME, "-rotation", "name_with_leading_hyphen_is_refused");
	refused(RW_FIELD_NAME, "rotation-", "name_with_trailing_hyphen_is_refused");
	refused(RW_FIELD_NAME, "my--rotation", "name_with_double_hyphen_is_refused");
	refused(RW_FIELD_NAME, "rotaci\xc3\xb3n", "name_with_non_ascii_letter_is_refused");
	refused(RW_FIELD_NAME, "my rotation", "name_with_space_is_refused");
	refused(RW_FIELD_NAME, "my_rotation", "name_with_underscore_is_refused");
	refused(RW_FIELD_NAME, " my-rotation", "name_with_leading_space_is_refused");
	refused(RW_FIELD_NAME, "-", "name_of_only_a_hyphen_is_refused");
	required(RW_FIELD_NAME, "", "name_empty_is_required");
	required(RW_FIELD_NAME, NULL, "name_unanswered_is_required");
	s = repeat("a", 65);
	refused_as(RW_FIELD_NAME, s, NULL, "at most 64 characters (this one has 65)",
		   "name_of_65_characters_is_refused");
	ok(strstr(last_msg, "...") != NULL, "long_value_in_message_ends_with_ellipsis");
	free(s);
	s = repeat("a", 64);
	accepted(RW_FIELD_NAME, s, "name_of_64_characters_is_accepted");
	free(s);
	accepted(RW_FIELD_NAME, "a", "name_of_one_character_is_accepted");
	accepted(RW_FIELD_NAME, "azure-2-prod9", "name_slug_with_digits_is_accepted");
}

static void
test_environment(void)
{
	char *s;

	refused(RW_FIELD_ENVIRONMENT, "Prod", "environment_with_capital_is_refused");
	refused(RW_FIELD_ENVIRONMENT, "<string>", "environment_placeholder_is_refused");
	s = repeat("e", 65);
	refused_as(RW_FIELD_ENVIRONMENT, s, NULL, "at most 64", "environment_of_65_characters_is_refused");
	free(s);
	accepted(RW_FIELD_ENVIRONMENT, "prod", "environment_slug_is_accepted");
	required(RW_FIELD_ENVIRONMENT, "", "environment_empty_is_required");
}

/* Refused with exactly this message (the description's rule quotes a length, not the value). */
static int
refused_exactly(enum rw_field field, const char *value, const char *want, const char *name)
{
	enum rw_status st = rw_validate_field(field, value, last_msg, sizeof(last_msg));
	int good = st == RW_EINVAL && strcmp(last_msg, want) == 0;

	if (!ok(good, "%s", name))
		diag("status %d, message \"%s\", wanted \"%s\"", (int) st, last_msg, want);
	return good;
}

#define TOO_LONG "Description: at most 255 characters (the server stores 255), got "

/* count copies of unit as a description: accepted (want NULL) or refused with want. */
static void
description_of(const char *unit, int count, const char *want, const char *name)
{
	char *s = repeat(unit, count);

	if (want)
		refused_exactly(RW_FIELD_DESCRIPTION, s, want, name);
	else
		accepted(RW_FIELD_DESCRIPTION, s, name);
	free(s);
}

/*
 * The server checks a description twice: zod's max(256) in UTF-16 units,
 * then the column varchar(255) in characters.  A 256-character one passes
 * zod and fails in the database after Azure issued a secret, so 255 is the
 * limit, and 129 emoji (258 units) are refused although they are 129
 * characters.
 */
static void
test_description(void)
{
	char *s, *t;

	description_of("x", 255, NULL, "description_of_255_ascii_characters_is_accepted");
	description_of("x", 256, TOO_LONG "256",
		       "description_of_256_ascii_characters_is_refused_naming_rule_reason_and_length");
	description_of("x", 3000, TOO_LONG "3000", "description_of_3000_characters_says_its_length");
	description_of("\xc3\xa9", 255, NULL, "description_of_255_two_byte_characters_is_accepted");
	description_of("\xc3\xa9", 256, TOO_LONG "256",
		       "description_of_256_two_byte_characters_is_refused_counting_characters");
	description_of("\xe4\xb8\xad", 255, NULL,
		       "description_of_255_three_byte_characters_is_accepted");
	description_of("\xe4\xb8\xad", 256, TOO_LONG "256",
		       "description_of_256_three_byte_characters_is_refused");
	/* Astral characters: one character for Postgres, two UTF-16 units for zod. */
	description_of("\xf0\x9f\x94\x91", 128, NULL, "description_of_128_emoji_256_units_is_accepted");
	s = repeat("\xf0\x9f\x94\x91", 129);
	refused_exactly(RW_FIELD_DESCRIPTION, s,
			"Description: at most 256 counting each emoji as two (the server's check "
			"counts characters beyond U+FFFF twice), got 129 characters counting as 258",
			"description_of_129_emoji_is_refused_as_258_units");
	ok(valid_utf8(last_msg), "description_message_is_valid_utf8");
	free(s);
	/* 127 emoji + 1 ASCII: 128 characters, 255 units; + 2 ASCII: 256 units. */
	s = repeat("\xf0\x9f\x94\x91", 127);
	t = malloc(strlen(s) + 4);
	sprintf(t, "%sab", s);
	accepted(RW_FIELD_DESCRIPTION, t, "description_of_127_emoji_and_2_letters_256_units_is_accepted");
	strcat(t, "c");
	refused_exactly(RW_FIELD_DESCRIPTION, t,
			"Description: at most 256 counting each emoji as two (the server's check "
			"counts characters beyond U+FFFF twice), got 130 characters counting as 257",
			"description_of_127_emoji_and_3_letters_257_units_is_refused");
	free(t);
	free(s);
	/* 255 characters of which some are emoji would be over 256 units: */
	s = repeat("\xf0\x9f\x94\x91", 2);
	t = malloc(strlen(s) + 254);
	sprintf(t, "%s", s);
	free(s);
	s = repeat("x", 253);
	strcat(t, s);
	refused_exactly(RW_FIELD_DESCRIPTION, t,
			"Description: at most 256 counting each emoji as two (the server's check "
			"counts characters beyond U+FFFF twice), got 255 characters counting as 257",
			"description_of_255_characters_with_two_emoji_is_refused_by_units");
	free(t);
	free(s);
	s = repeat("x", 255);
	t = malloc(strlen(s) + 5);
	sprintf(t, "  %s  ", s);
	accepted(RW_FIELD_DESCRIPTION, t, "description_counts_after_trimming_spaces");
	free(t);
	free(s);
	refused_as(RW_FIELD_DESCRIPTION, "abc\xff", "abc\\xff", "valid UTF-8",
		   "description_with_invalid_utf8_is_refused");
	refused_as(RW_FIELD_DESCRIPTION, "\xc0\xaf", "\\xc0\\xaf", "valid UTF-8",
		   "description_with_overlong_utf8_is_refused");
	refused_as(RW_FIELD_DESCRIPTION, "\xed\xa0\x80", "\\xed\\xa0\\x80", NULL,
		   "description_with_utf16_surrogate_is_refused");
	refused_as(RW_FIELD_DESCRIPTION, "ab\xe2\x82", "ab\\xe2\\x82", NULL,
		   "description_with_cut_utf8_sequence_is_refused");
	accepted(RW_FIELD_DESCRIPTION, "", "description_empty_is_accepted");
	accepted(RW_FIELD_DESCRIPTION, NULL, "description_unanswered_is_accepted");
}

static void
test_guids(void)
{
	accepted(RW_FIELD_CONNECTION, GUID, "connection_uuid_is_accepted");
	accepted(RW_FIELD_CONNECTION, GUID_UP, "connection_uuid_in_upper_case_is_accepted");
	refused_as(RW_FIELD_CONNECTION, "3c90c3cc-0d44-4b50-8888-8dd25736052", NULL, "8-4-4-4-12",
		   "connection_uuid_one_short_is_refused");
	refused(RW_FIELD_CONNECTION, GUID "a", "connection_uuid_one_long_is_refused");
	refused(RW_FIELD_CONNECTION, "3c90c3cc0d444b5088888dd25736052a", "uuid_without_hyphens_is_refused");
	refused(RW_FIELD_CONNECTION, "3c90c3cc0-d44-4b50-8888-8dd25736052a", "uuid_with_moved_hyphen_is_refused");
	refused(RW_FIELD_CONNECTION, "gc90c3cc-0d44-4b50-8888-8dd25736052a", "uuid_with_non_hex_letter_is_refused");
	refused_as(RW_FIELD_OBJECT_ID, "{" GUID "}", NULL, NULL, "guid_in_braces_is_refused");
	required(RW_FIELD_CONNECTION, "", "connection_empty_is_required");
	accepted(RW_FIELD_OBJECT_ID, "  \"" GUID_UP "\" ", "object_id_pasted_with_quotes_and_spaces_is_accepted");
	accepted(RW_FIELD_CLIENT_ID, "'" GUID "'\n", "client_id_pasted_in_single_quotes_is_accepted");
	refused_as(RW_FIELD_OBJECT_ID, "<string>", NULL, "GUID", "object_id_placeholder_is_refused");
	refused_as(RW_FIELD_CLIENT_ID, "\"not-a-guid\"", "\\\"not-a-guid\\\"", NULL,
		   "client_id_message_escapes_quotes_of_the_value");
	required(RW_FIELD_OBJECT_ID, " \"\" ", "object_id_of_only_quotes_is_required");
	required(RW_FIELD_CLIENT_ID, NULL, "client_id_unanswered_is_required");
	normalizes(RW_FIELD_OBJECT_ID, "  \"" GUID_UP "\" ", GUID, "guid_normalizes_to_trimmed_lowercase");
}

static void
test_secret_path(void)
{
	accepted(RW_FIELD_SECRET_PATH, "/", "path_root_is_accepted");
	accepted(RW_FIELD_SECRET_PATH, "/azure/app", "path_of_two_folders_is_accepted");
	accepted(RW_FIELD_SECRET_PATH, "azure/app", "path_without_leading_slash_is_accepted");
	accepted(RW_FIELD_SECRET_PATH, "/azure/app/", "path_with_trailing_slash_is_accepted");
	accepted(RW_FIELD_SECRET_PATH, "/Az_ure-9", "path_with_underscore_hyphen_capitals_is_accepted");
	refused_as(RW_FIELD_SECRET_PATH, "/my folder", NULL, "letters, digits, \"-\" and \"_\"",
		   "path_with_space_is_refused");
	refused(RW_FIELD_SECRET_PATH, "/a/../b", "path_with_dot_dot_is_refused");
	refused(RW_FIELD_SECRET_PATH, "..", "path_of_dot_dot_is_refused");
	refused(RW_FIELD_SECRET_PATH, "/a.b", "path_with_dot_is_refused");
	refused_as(RW_FIELD_SECRET_PATH, "/a//b", NULL, "empty folder name", "path_with_double_slash_is_refused");
	refused(RW_FIELD_SECRET_PATH, "//", "path_of_two_slashes_is_refused");
	refused(RW_FIELD_SECRET_PATH, "/a//", "path_with_two_trailing_slashes_is_refused");
	refused(RW_FIELD_SECRET_PATH, "/\xc3\xa9t\xc3\xa9", "path_with_non_ascii_is_refused");
	refused(RW_FIELD_SECRET_PATH, "<string>", "path_placeholder_is_refused");
	required(RW_FIELD_SECRET_PATH, "", "path_empty_is_required");
	normalizes(RW_FIELD_SECRET_PATH, "azure/app/", "/azure/app", "path_normalizes_slashes");
	normalizes(RW_FIELD_SECRET_PATH, "/", "/", "path_root_stays_root");
	normalizes(RW_FIELD_SECRET_PATH, "  /a  ", "/a", "path_normalizes_surrounding_spaces");
	normalizes(RW_FIELD_SECRET_PATH, "a//", "/a//", "path_double_trailing_slash_is_not_repaired");
}

static void
test_toggle(void)
{
	static const char *const yes[] = { "yes", "YES", "y", "True", "on", " Yes " };
	static const char *const no[] = { "no", "N", "false", "OFF" };
	size_t i;
	int good = 1;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		char *n = rw_normalize_field(RW_FIELD_AUTO_ROTATION, yes[i]);

		good &= rw_validate_field(RW_FIELD_AUTO_ROTATION, yes[i], NULL, 0) == RW_OK &&
			n && strcmp(n, "yes") == 0;
		free(n);
	}
	ok(good, "toggle_yes_words_in_any_case_normalize_to_yes");
	good = 1;
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		char *n = rw_normalize_field(RW_FIELD_AUTO_ROTATION, no[i]);

		good &= rw_validate_field(RW_FIELD_AUTO_ROTATION, no[i], NULL, 0) == RW_OK &&
			n && strcmp(n, "no") == 0;
		free(n);
	}
	ok(good, "toggle_no_words_in_any_case_normalize_to_no");
	refused_as(RW_FIELD_AUTO_ROTATION, "maybe", NULL, "yes or no", "toggle_maybe_is_refused");
	refused(RW_FIELD_AUTO_ROTATION, "yess", "toggle_misspelt_is_refused");
	required(RW_FIELD_AUTO_ROTATION, "", "toggle_empty_is_required");
}

static void
test_mapping(void)
{
	accepted(RW_FIELD_MAP_CLIENT_ID, "AZURE_CLIENT_ID", "mapping_default_name_is_accepted");
	refused_as(RW_FIELD_MAP_CLIENT_ID, "AZURE:ID", NULL, "\":\" or \"/\"", "mapping_name_with_colon_is_refused");
	refused(RW_FIELD_MAP_CLIENT_SECRET, "AZURE/SECRET", "mapping_name_with_slash_is_refused");
	required(RW_FIELD_MAP_CLIENT_SECRET, "   ", "mapping_name_of_spaces_is_required");
	accepted(RW_FIELD_PROJECT, "<string>", "project_any_non_empty_text_is_accepted");
	required(RW_FIELD_PROJECT, " ", "project_blank_is_required");
	accepted(RW_FIELD_APP_NAME, "", "app_name_empty_is_accepted");
	refused_as(RW_FIELD_APP_NAME, "App \xfe", "App \\xfe", "valid UTF-8",
		   "app_name_invalid_utf8_is_refused");
}

static void
fill_valid(struct rw_answers *a)
{
	rw_answers_init(a);
	rw_answers_set(a, RW_FIELD_NAME, "billing-api");
	rw_answers_set(a, RW_FIELD_PROJECT, "proj-1");
	rw_answers_set(a, RW_FIELD_ENVIRONMENT, "prod");
	rw_answers_set(a, RW_FIELD_CONNECTION, GUID);
	rw_answers_set(a, RW_FIELD_OBJECT_ID, GUID);
	rw_answers_set(a, RW_FIELD_CLIENT_ID, GUID2);
	rw_answers_apply_defaults(a);
}

static int
has_problem(const struct rw_problems *p, enum rw_field field, const char *text)
{
	int i;

	for (i = 0; i < p->count; i++)
		if (p->item[i].field == field && (!text || strstr(p->item[i].message, text)))
			return 1;
	return 0;
}

static void
test_steps(void)
{
	struct rw_problems p;
	struct rw_answers a;

	rw_answers_init(&a);
	memset(&p, 0, sizeof(p));
	ok(rw_validate_step(&a, RW_STEP_COUNT, &p) == 13 && p.count == 13,
	   "empty_answers_have_one_problem_per_required_field");
	memset(&p, 0, sizeof(p));
	rw_answers_apply_defaults(&a);
	ok(rw_validate_step(&a, RW_STEP_COUNT, &p) == 6,
	   "defaults_leave_six_required_fields_without_default");
	memset(&p, 0, sizeof(p));
	ok(rw_validate_step(&a, RW_STEP_ROTATION, &p) == 1 && p.item[0].field == RW_FIELD_NAME &&
	   strcmp(p.item[0].message, "Name: required") == 0,
	   "one_step_reports_only_its_own_fields");
	memset(&p, 0, sizeof(p));
	ok(rw_validate_step(&a, RW_STEP_SCHEDULE, &p) == 0, "schedule_defaults_are_valid");
	rw_answers_free(&a);

	fill_valid(&a);
	memset(&p, 0, sizeof(p));
	ok(rw_validate_step(&a, RW_STEP_COUNT, &p) == 0, "complete_valid_answers_have_no_problems");

	rw_answers_set(&a, RW_FIELD_MAP_CLIENT_SECRET, "AZURE_CLIENT_ID");
	memset(&p, 0, sizeof(p));
	ok(rw_validate_step(&a, RW_STEP_SECRETS, &p) == 1 &&
	   has_problem(&p, RW_FIELD_MAP_CLIENT_SECRET, "Client secret secret: must differ") &&
	   strstr(p.item[0].message, "got \"AZURE_CLIENT_ID\""),
	   "equal_mapping_names_are_refused_on_the_client_secret_field");
	rw_answers_set(&a, RW_FIELD_MAP_CLIENT_SECRET, " AZURE_CLIENT_ID ");
	memset(&p, 0, sizeof(p));
	ok(rw_validate_step(&a, RW_STEP_SECRETS, &p) == 1,
	   "mapping_names_equal_after_trimming_are_refused");
	memset(&p, 0, sizeof(p));
	ok(rw_validate_step(&a, RW_STEP_AZURE_APP, &p) == 0,
	   "mapping_rule_is_not_checked_on_other_steps");

	rw_answers_set(&a, RW_FIELD_HOURS, "24");
	rw_answers_set(&a, RW_FIELD_MINUTES, "60");
	memset(&p, 0, sizeof(p));
	ok(rw_validate_step(&a, RW_STEP_SCHEDULE, &p) == 2 &&
	   has_problem(&p, RW_FIELD_HOURS, "got \"24\"") &&
	   has_problem(&p, RW_FIELD_MINUTES, "got \"60\""),
	   "every_bad_field_of_a_step_is_reported");
	p.count = 29;
	rw_validate_step(&a, RW_STEP_SCHEDULE, &p);
	ok(p.count == 30, "problems_beyond_the_list_size_are_dropped");
	ok(rw_validate_step(&a, (enum rw_step) 99, &p) == 0, "unknown_step_adds_nothing");
	rw_answers_free(&a);
}

static void
test_warnings(void)
{
	struct rw_problems w;
	struct rw_answers a;

	fill_valid(&a);
	memset(&w, 0, sizeof(w));
	ok(rw_answers_warnings(&a, &w) == 0, "different_object_and_client_ids_give_no_warning");
	rw_answers_set(&a, RW_FIELD_CLIENT_ID, " " GUID_UP);
	ok(rw_answers_warnings(&a, &w) == 1 && w.item[0].field == RW_FIELD_OBJECT_ID &&
	   strstr(w.item[0].message, "Object ID:") && strstr(w.item[0].message, GUID),
	   "object_id_equal_to_client_id_warns_whatever_the_case");
	memset(&w, 0, sizeof(w));
	ok(rw_validate_step(&a, RW_STEP_COUNT, &w) == 0,
	   "object_id_equal_to_client_id_is_not_an_error");
	rw_answers_free(&a);
}

static void
test_messages(void)
{
	char msg[RW_MESSAGE_MAX], small[160], shown[RW_SHOWN_MAX];
	char *s;
	int i, good = 1;

	refused_as(RW_FIELD_NAME, "a\nb\x01\x7f", "a\\nb\\x01\\x7f", NULL,
		   "control_characters_are_escaped_in_messages");
	refused_as(RW_FIELD_NAME, "a\xe2\x80\xae" "b", "a\\u202eb", NULL,
		   "bidi_override_is_escaped_in_messages");
	refused_as(RW_FIELD_NAME, "a\\b", "a\\\\b", NULL, "backslash_is_escaped_in_messages");

	s = repeat("Z", 500);
	rw_validate_field(RW_FIELD_NAME, s, msg, sizeof(msg));
	ok(strstr(msg, "got \"ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ...\"") != NULL,
	   "shown_value_is_capped_at_40_characters");
	free(s);

	s = repeat("\x01", 200);
	rw_show_value(s, shown, sizeof(shown));
	ok(strlen(shown) < sizeof(shown) && strstr(shown, "..."), "escaped_long_value_fits_its_buffer");
	free(s);

	/* A cut in the middle of "é" must not leave half a character behind. */
	s = repeat("\xc3\xa9", 300);
	for (i = 10; i < 160 && good; i++) {
		rw_validate_field(RW_FIELD_NAME, s, small, (size_t) i);
		good = strlen(small) < (size_t) i && valid_utf8(small);
	}
	ok(good, "truncated_message_ends_on_a_character_boundary");
	free(s);

	ok(rw_validate_field((enum rw_field) 42, "x", msg, sizeof(msg)) == RW_EINVAL,
	   "unknown_field_is_refused");

	good = 1;
	for (i = 0; i < RW_FIELD_COUNT; i++) {
		const struct rw_field_info *info = rw_field_info((enum rw_field) i);

		if (!info->required)
			continue;
		rw_validate_field((enum rw_field) i, "", msg, sizeof(msg));
		good &= strncmp(msg, info->label, strlen(info->label)) == 0;
	}
	ok(good, "every_required_field_message_starts_with_its_label");
}

static void
test_normalize(void)
{
	normalizes(RW_FIELD_HOURS, "07", "7", "hours_normalize_without_leading_zero");
	normalizes(RW_FIELD_HOURS, "7.5", "7.5", "invalid_number_normalizes_unchanged");
	normalizes(RW_FIELD_NAME, " My ", " My ", "name_is_not_normalized");
	normalizes(RW_FIELD_DESCRIPTION, "  hello \n", "hello", "description_is_trimmed");
	normalizes(RW_FIELD_MAP_CLIENT_ID, " AZURE_CLIENT_ID\t", "AZURE_CLIENT_ID", "mapping_name_is_trimmed");
	normalizes(RW_FIELD_APP_NAME, NULL, "", "unanswered_value_normalizes_to_empty");
}

/* The length is named with the limit; a value with terminal controls is refused by rule. */
static void
length_is(enum rw_field field, const char *value, const char *want, const char *name)
{
	enum rw_status st = rw_validate_field(field, value, last_msg, sizeof(last_msg));

	if (!ok(st == RW_EINVAL && strstr(last_msg, want), "%s", name))
		diag("status %d, message \"%s\", wanted \"%s\"", (int) st, last_msg, want);
}

static void
test_limits_and_controls(void)
{
	char *s;

	s = repeat("K", 500);
	accepted(RW_FIELD_MAP_CLIENT_ID, s, "secret_name_of_500_is_accepted");
	free(s);
	s = repeat("K", 501);
	length_is(RW_FIELD_MAP_CLIENT_ID, s, "at most 500 characters (the server stores 500), got 501",
		  "secret_name_of_501_is_refused_naming_limit_and_length");
	free(s);
	s = repeat("\xc3\xa9", 501);
	length_is(RW_FIELD_MAP_CLIENT_SECRET, s, "got 501", "secret_name_length_counts_characters");
	free(s);
	s = repeat("K", 70000);
	length_is(RW_FIELD_MAP_CLIENT_SECRET, s, "at most 500 characters (the server stores 500), got 70000",
		  "secret_name_of_70000_is_refused_before_sending");
	free(s);
	s = repeat("A", 256);
	accepted(RW_FIELD_APP_NAME, s, "app_name_of_256_is_accepted");
	free(s);
	s = repeat("A", 70000);
	length_is(RW_FIELD_APP_NAME, s, "App name: must be at most 256 characters, got 70000",
		  "app_name_of_70000_is_refused_naming_limit_and_length");
	free(s);
	s = repeat("p", 257);
	length_is(RW_FIELD_PROJECT, s, "at most 256 characters, got 257", "project_of_257_is_refused");
	free(s);
	s = repeat("/a", 513);
	length_is(RW_FIELD_SECRET_PATH, s, "at most 1024 characters, got 1026",
		  "secret_path_of_1026_is_refused");
	free(s);
	refused_as(RW_FIELD_MAP_CLIENT_ID, "ID\x1b[2J", "ID\\x1b[2J", "control characters",
		   "secret_name_with_esc_is_refused_by_rule");
	refused_as(RW_FIELD_MAP_CLIENT_SECRET, "S\xc2\x9b" "1m", "S\\u009b1m", "C1",
		   "secret_name_with_c1_csi_is_refused");
	refused_as(RW_FIELD_MAP_CLIENT_SECRET, "S\xe2\x80\xae" "X", "S\\u202eX", "bidi",
		   "secret_name_with_bidi_override_is_refused");
	refused_as(RW_FIELD_MAP_CLIENT_ID, "A\tB", "A\\tB", "control characters",
		   "secret_name_with_tab_is_refused");
	refused_as(RW_FIELD_PROJECT, "p\x1b]0;t\x07", "p\\x1b]0;t\\x07", "control characters",
		   "project_with_osc_is_refused");
	refused_as(RW_FIELD_PROJECT, "p\xd8\x9c", "p\\u061c", "U+061C",
		   "project_with_arabic_letter_mark_is_refused_and_shown_escaped");
	accepted(RW_FIELD_APP_NAME, "Caf\xc3\xa9 \xe2\x80\xae" "App",
		 "app_name_is_display_only_and_may_hold_bidi");
}

int
main(void)
{
	test_hours();
	test_minutes();
	test_interval();
	test_name();
	test_environment();
	test_description();
	test_guids();
	test_secret_path();
	test_toggle();
	test_mapping();
	test_steps();
	test_warnings();
	test_messages();
	test_normalize();
	test_limits_and_controls();
	return done_testing();
}
