/*
 * Many rotations from marked apps (libcore/plan.c, issue 13): the names
 * each app gets from the templates, made valid and unique against the
 * folder's secrets, its rotations and the other rows; a row typed by hand
 * kept as typed and refused by name; an app that has a rotation flagged.
 */
#include "config.h"

#include <string.h>

#include "libcore/plan.h"
#include "tests/tap.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static struct core_plan_row rows[8];

static int
build(const struct core_plan_app *apps, size_t n, const int *keep,
      const struct rw_name_list *taken, const struct rw_rotation_list *rots)
{
	return core_plan_build(apps, n, CORE_PLAN_NAME_TEMPLATE, CORE_PLAN_ID_TEMPLATE,
			       CORE_PLAN_SECRET_TEMPLATE, keep, taken, rots, "dev", "/api", rows);
}

int
main(void)
{
	/* Writable copies: the lists' strings are not const (they own them elsewhere). */
	static char id_taken[] = "PAYMENTS_API_CLIENT_ID", log_level[] = "LOG_LEVEL";
	static char name0[] = "payments-api-client-secret", name1[] = "billing-worker-client-secret";
	static char dev[] = "dev", prod[] = "prod", api[] = "/api";
	static char object0[] = "607e495a-aa5b-4896-9125-08d1a22c504c";
	static char object1[] = "74a3f82e-531e-45c2-b7d5-d81151298038";
	char out[CORE_NAME_MAX], *taken_items[] = { id_taken, log_level };
	struct rw_name_list taken = { taken_items, 2 };
	struct rw_rotation rot[2];
	struct rw_rotation_list rots = { rot, 2 };
	int keep[8] = { 0 };
	char long_name[200];

	/* Nasty cases first: nothing to make a name of. */
	core_plan_expand(CORE_PLAN_NAME_TEMPLATE, NULL, 1, out, sizeof(out));
	is_str(out, "azure-client-secret", "no_app_name_gives_azure");
	core_plan_expand(CORE_PLAN_ID_TEMPLATE, "!!!", 0, out, sizeof(out));
	is_str(out, "AZURE_CLIENT_ID", "an_app_name_of_punctuation_gives_AZURE");
	memset(long_name, 'a', 150);
	long_name[150] = '\0';
	core_plan_expand(CORE_PLAN_NAME_TEMPLATE, long_name, 1, out, sizeof(out));
	ok(strlen(out) == 64 && !strcmp(out + 64 - 14, "-client-secret"),
	   "a_long_app_name_is_cut_so_the_whole_name_is_64 (%zu: %s)", strlen(out), out);
	core_plan_expand("{app}-{app}", "ab cd", 1, out, sizeof(out));
	is_str(out, "ab-cd-ab-cd", "every_placeholder_is_filled");
	core_plan_expand(CORE_PLAN_SECRET_TEMPLATE, "Payments API (prod)", 0, out, sizeof(out));
	is_str(out, "PAYMENTS_API_PROD_CLIENT_SECRET", "APP_is_the_slug_upper_cased");

	memset(rot, 0, sizeof(rot));
	rot[0].name = name0;
	rot[0].environment_slug = dev;
	rot[0].folder_path = api;
	rot[0].object_id = object0;
	rot[1].name = name1;
	rot[1].environment_slug = prod;	/* another environment: does not count */
	rot[1].folder_path = api;
	rot[1].object_id = object1;
	{
		const struct core_plan_app apps[] = {
			{ "607E495A-AA5B-4896-9125-08D1A22C504C", "c1", "Payments API" },
			{ "74a3f82e-531e-45c2-b7d5-d81151298038", "c2", "Billing Worker" },
			{ "a206ff5c-5924-4b0f-9c70-2575907a80ff", "c3", "Payments  API" },
		};

		ok(build(apps, N(apps), keep, &taken, &rots) == 0, "defaults_have_no_problem");
		is_str(rows[0].name, "payments-api-client-secret-2",
		       "a_name_the_folder_has_gets_the_next_suffix");
		is_str(rows[0].map_id, "PAYMENTS_API_CLIENT_ID_2",
		       "a_secret_name_the_folder_has_moves_both_to_2");
		is_str(rows[0].map_secret, "PAYMENTS_API_CLIENT_SECRET_2", "the_pair_keeps_its_suffix");
		is_str(rows[0].existing, "payments-api-client-secret",
		       "an_app_with_a_rotation_in_the_folder_is_flagged_any_case");
		is_str(rows[1].name, "billing-worker-client-secret",
		       "a_rotation_in_another_environment_is_no_clash");
		is_str(rows[1].existing, "", "nor_a_flag");
		is_str(rows[2].name, "payments-api-client-secret-3",
		       "two_apps_of_one_slug_never_share_a_name");
		is_str(rows[2].map_id, "PAYMENTS_API_CLIENT_ID_3", "nor_secret_names");

		/* Row 2 typed by hand: what clashes is refused, named, and left as typed. */
		snprintf(rows[1].name, sizeof(rows[1].name), "payments-api-client-secret-2");
		keep[1] = 1;
		ok(build(apps, N(apps), keep, &taken, &rots) == 1, "an_edited_clash_is_one_problem");
		is_str(rows[1].name, "payments-api-client-secret-2", "the_edited_name_is_not_changed");
		ok(strstr(rows[1].problem, "already used") &&
		   strstr(rows[1].problem, "payments-api-client-secret-2"),
		   "the_refusal_names_the_rule_and_the_value (%s)", rows[1].problem);
		is_str(rows[2].name, "payments-api-client-secret-3", "later_rows_step_around_it");

		snprintf(rows[1].name, sizeof(rows[1].name), "Billing_Worker");
		ok(build(apps, N(apps), keep, &taken, &rots) == 1 &&
		   strstr(rows[1].problem, "Billing_Worker") != NULL,
		   "an_edited_name_breaking_the_slug_rule_is_refused_by_the_validator (%s)",
		   rows[1].problem);
		snprintf(rows[1].name, sizeof(rows[1].name), "billing");
		snprintf(rows[1].map_id, sizeof(rows[1].map_id), "SAME");
		snprintf(rows[1].map_secret, sizeof(rows[1].map_secret), "SAME");
		ok(build(apps, N(apps), keep, &taken, &rots) == 1 &&
		   strstr(rows[1].problem, "SAME") != NULL, "the_two_secret_names_must_differ (%s)",
		   rows[1].problem);
		snprintf(rows[1].map_secret, sizeof(rows[1].map_secret), "LOG_LEVEL");
		ok(build(apps, N(apps), keep, &taken, &rots) == 1 &&
		   strstr(rows[1].problem, "LOG_LEVEL") != NULL,
		   "an_edited_secret_name_the_folder_has_is_refused (%s)", rows[1].problem);
		snprintf(rows[1].map_secret, sizeof(rows[1].map_secret), "BILLING_SECRET");
		ok(build(apps, N(apps), keep, &taken, &rots) == 0, "a_good_edit_holds");
		is_str(rows[1].name, "billing", "and_is_sent_as_typed");
	}
	/* Without lists (not loaded yet): templates only, still unique among the rows. */
	{
		const struct core_plan_app apps[] = {
			{ "o1", "c1", "App" }, { "o2", "c2", "app" }, { "o3", "c3", NULL },
		};

		memset(keep, 0, sizeof(keep));
		ok(build(apps, N(apps), keep, NULL, NULL) == 0, "no_lists_no_problem");
		is_str(rows[1].name, "app-client-secret-2", "rows_are_unique_among_themselves");
		is_str(rows[1].map_secret, "APP_CLIENT_SECRET_2", "their_secret_names_too");
		is_str(rows[2].map_id, "AZURE_CLIENT_ID", "no_name_is_decision_29s_AZURE");
	}
	/* The templates are parameters: other text, and one that cannot make a valid name. */
	{
		const struct core_plan_app apps[] = {
			{ "o1", "c1", "Payments API" }, { "o2", "c2", "Billing" },
		};
		char msg[512];

		ok(core_plan_build(apps, N(apps), "rot-{app}", "ID_{APP}", "{APP}/S", NULL, NULL,
				   NULL, "dev", "/api", rows) == 2, "a_template_with_a_slash_breaks_rows");
		ok(strstr(rows[0].problem, "\"PAYMENTS_API/S\"") != NULL, "the_row_names_the_value (%s)",
		   rows[0].problem);
		ok(core_plan_build(apps, N(apps), "rot-{app}", "ID_{APP}", "S_{APP}", NULL, NULL,
				   NULL, "dev", "/api", rows) == 0, "good_templates_hold");
		is_str(rows[1].name, "rot-billing", "the_name_template_is_used");
		is_str(rows[1].map_id, "ID_BILLING", "the_id_template_is_used");
		is_str(rows[1].map_secret, "S_BILLING", "the_secret_template_is_used");
		ok(core_plan_build(apps, N(apps), "fixed", "ID", "SECRET", NULL, NULL, NULL, "dev",
				   "/api", rows) == 0, "a_template_without_app_is_made_unique_not_refused");
		is_str(rows[1].name, "fixed-2", "by_the_rotation_name_suffix");
		is_str(rows[1].map_secret, "SECRET_2", "and_the_secret_name_suffix");
		ok(core_plan_check_template(CORE_PLAN_TMPL_ID, "{APP}/X", msg, sizeof(msg)) < 0 &&
		   strstr(msg, "Client ID secret template \"{APP}/X\" makes \"APP/X\"") &&
		   strstr(msg, "must not contain"), "check_template_names_template_value_and_rule (%s)",
		   msg);
		ok(core_plan_check_template(CORE_PLAN_TMPL_NAME, "Rot_{app}", msg, sizeof(msg)) < 0 &&
		   strstr(msg, "lowercase"), "a_name_template_breaking_the_slug_rule (%s)", msg);
		ok(core_plan_check_template(CORE_PLAN_TMPL_NAME, "{app}-client-secret", msg,
					    sizeof(msg)) == 0, "the_default_name_template_holds");
		ok(core_plan_check_template(CORE_PLAN_TMPL_SECRET, "{APP}-X!", msg, sizeof(msg)) == 0,
		   "a_secret_name_may_hold_punctuation");
		ok(core_plan_check_template(CORE_PLAN_TMPL_NAME, "fixed", msg, sizeof(msg)) == 0,
		   "no_placeholder_is_not_a_refusal");
		ok(core_plan_check_template(CORE_PLAN_TMPL_ID, "", msg, sizeof(msg)) < 0,
		   "an_empty_template_is_refused (%s)", msg);
	}
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}
