#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/strbuf.h"
#include "libcore/manage.h"
#include "libcore/rotate.h"
#include "tests/tap.h"

/*
 * What every front-end of rotwiz manage shows and sends (decision 25),
 * from libcore alone: the rows, the filter, an edit's changes, the delete's
 * words and the credential slots.
 */

/* The structs hold char *; the literals here are never written to. */
#define S(text) ((char *) (text))

static int
has(const char *haystack, const char *needle)
{
	return haystack && strstr(haystack, needle) != NULL;
}

static struct rw_rotation
sample(void)
{
	struct rw_rotation r;

	memset(&r, 0, sizeof(r));
	r.id = S("9362c962-2e0f-40a9-9e92-f8fadf7f37cf");
	r.name = S("staging-api-azure");
	r.environment_slug = S("staging");
	r.folder_path = S("/api");
	r.app_name = S("Payments API");
	r.object_id = S("607e495a-aa5b-4896-9125-08d1a22c504c");
	r.map_client_id = S("AZURE_CLIENT_ID");
	r.map_client_secret = S("AZURE_CLIENT_SECRET");
	r.next_rotation_at = S("2026-12-22T00:00:00.000Z");
	r.auto_rotation = 1;
	r.interval_days = 30;
	r.hours = 0;
	r.minutes = 0;
	r.active_index = 1;
	return r;
}

static void
test_rows(void)
{
	struct rw_rotation r = sample();
	struct core_manage_row row;

	core_manage_row(&r, 1796169600 /* 2026-12-02T00:00Z */, &row);
	ok(row.health == CORE_HEALTH_OK, "row_of_a_healthy_rotation_is_ok");
	is_str(row.status, "rotates in 20 days", "row_status_in_words");
	is_str(row.next_utc, "2026-12-22 00:00 UTC", "row_next_in_utc");
	is_str(row.next_local, "2026-12-22 01:00 CET", "row_next_in_local_time");
	r.next_rotation_at = NULL;
	r.auto_rotation = 0;
	core_manage_row(&r, 1796169600, &row);
	ok(row.health == CORE_HEALTH_OFF && strcmp(row.next_utc, "-") == 0 &&
	   strcmp(row.next_local, "-") == 0, "row_without_a_next_rotation_shows_a_dash");

	r = sample();
	ok(core_manage_matches(&r, NULL) && core_manage_matches(&r, ""), "no_filter_matches_all");
	ok(core_manage_matches(&r, "STAGING") && core_manage_matches(&r, "/ap") &&
	   core_manage_matches(&r, "payments api") && core_manage_matches(&r, "api-az"),
	   "filter_matches_name_environment_folder_and_app_ignoring_case");
	ok(!core_manage_matches(&r, "prod") && !core_manage_matches(&r, "AZURE_CLIENT"),
	   "filter_does_not_match_other_fields");
}

static void
test_edit(void)
{
	struct rw_rotation r = sample();
	struct rw_answers edited, changes;
	char msg[512];

	rw_answers_init(&edited);
	rw_answers_init(&changes);
	ok(core_manage_edit_start(&r, &edited) == 0, "edit_starts_from_the_rotation");
	is_str(rw_answers_get(&edited, RW_FIELD_INTERVAL), "30", "edit_start_has_the_interval");
	is_str(rw_answers_get(&edited, RW_FIELD_AUTO_ROTATION), "yes", "edit_start_has_auto_rotation");
	ok(core_manage_edit_diff(&r, &edited, &changes) == 0, "nothing_typed_is_nothing_changed");

	rw_answers_set(&edited, RW_FIELD_INTERVAL, "45");
	rw_answers_set(&edited, RW_FIELD_AUTO_ROTATION, "y");	/* the same, said otherwise */
	rw_answers_set(&edited, RW_FIELD_HOURS, "6");
	ok(core_manage_edit_diff(&r, &edited, &changes) == 2, "diff_finds_only_what_changed");
	ok(!rw_answers_is_set(&changes, RW_FIELD_AUTO_ROTATION),
	   "a_value_said_otherwise_is_no_change");
	ok(core_manage_edit_complete(&r, &changes, msg, sizeof(msg)) == 0, "changes_complete");
	is_str(rw_answers_get(&changes, RW_FIELD_MINUTES), "0", "the_hour_alone_keeps_the_minute");
	ok(!rw_answers_is_set(&changes, RW_FIELD_MAP_CLIENT_ID), "untouched_pairs_stay_out");

	rw_answers_free(&changes);
	rw_answers_init(&changes);
	rw_answers_set(&changes, RW_FIELD_MAP_CLIENT_SECRET, "AZURE_CLIENT_ID");
	ok(core_manage_edit_complete(&r, &changes, msg, sizeof(msg)) < 0 &&
	   has(msg, "two different names") && has(msg, "\"AZURE_CLIENT_ID\""),
	   "two_equal_secret_names_are_refused_naming_the_value");
	rw_answers_free(&edited);
	rw_answers_free(&changes);
	ok(has(CORE_MANAGE_LOCKED, "fixed after create") && has(CORE_MANAGE_LOCKED, "delete and create again"),
	   "locked_fields_say_why");
}

static void
test_delete_and_slots(void)
{
	struct rw_rotation r = sample();
	struct rw_generated g;
	struct strbuf sb = STRBUF_INIT;

	core_manage_switch_words(&r, CORE_DELETE_SECRETS, 0, &sb);
	is_str(strbuf_str(&sb), "the secrets AZURE_CLIENT_ID and AZURE_CLIENT_SECRET stay in staging "
	       "/api, no longer rotated", "secrets_switch_off_says_what_stays");
	strbuf_reset(&sb);
	core_manage_switch_words(&r, CORE_DELETE_REVOKE, 0, &sb);
	ok(has(strbuf_str(&sb), "the client secret stays valid in Azure until it expires: revoke it there"),
	   "revoke_switch_off_says_what_stays");
	strbuf_reset(&sb);
	core_manage_delete_question(&r, 1, 1, &sb);
	ok(has(strbuf_str(&sb), "Delete the rotation \"staging-api-azure\" (staging /api)? Then the secrets") &&
	   has(strbuf_str(&sb), "are deleted; the client secrets it made are revoked") &&
	   has(strbuf_str(&sb), "Type its name to confirm:"), "delete_question_repeats_what_happens");
	strbuf_reset(&sb);
	core_manage_delete_words(&r, 0, 0, &sb);
	ok(has(strbuf_str(&sb), "(--delete-secrets deletes them)") &&
	   has(strbuf_str(&sb), "(--revoke-credentials revokes it)"), "commands_add_the_flags");

	memset(&g, 0, sizeof(g));
	g.count = 2;
	g.active_index = 1;
	g.client_id[0] = g.client_id[1] = S("b2a0517a-42c2-4a1b-97cb-0472be8a5e0b");
	g.key_id[0] = S("k0");
	g.key_id[1] = S("k1");
	g.client_secret[0] = S("old~secret");
	g.client_secret[1] = S("new~secret");
	strbuf_reset(&sb);
	core_manage_slot_words(&g, 1, &sb);
	ok(has(strbuf_str(&sb), "slot 1 (active): client ID b2a0517a") &&
	   has(strbuf_str(&sb), "******** (hidden)") && !has(strbuf_str(&sb), "secret~"),
	   "active_slot_is_masked");
	strbuf_reset(&sb);
	core_manage_slot_words(&g, 0, &sb);
	ok(has(strbuf_str(&sb), "slot 0 (retired") && !has(strbuf_str(&sb), "old~"),
	   "retired_slot_is_masked");
	strbuf_reset(&sb);
	core_manage_reveal_question(&r, &sb);
	is_str(strbuf_str(&sb), "Show the client secret of \"staging-api-azure\" on screen?",
	       "reveal_question_names_it");
	strbuf_free(&sb);
}

static void
test_rotate_words(void)
{
	struct rw_rotation r = sample();
	char buf[512];

	core_rotate_confirm(&r, buf, sizeof(buf));
	ok(has(buf, "Rotate \"staging-api-azure\" now? A new client secret goes into slot 0") &&
	   has(buf, "AZURE_CLIENT_SECRET in staging /api gets it; slot 1 keeps"),
	   "rotate_confirmation_names_the_slots_and_the_secret");
	core_rotate_after(&r, buf, sizeof(buf));
	is_str(buf, "The secret AZURE_CLIENT_SECRET in staging /api now holds the new client secret "
	       "of slot 1; slot 0 keeps the one before until the next rotation revokes it.",
	       "after_a_rotation_it_says_which_secret_changed");
}

int
main(void)
{
	setenv("TZ", "Europe/Paris", 1);
	tzset();
	test_rows();
	test_edit();
	test_delete_and_slots();
	test_rotate_words();
	return done_testing();
}
