#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libcore/names.h"
#include "tests/tap.h"

/* Decided behaviour 11: the secret names offered are free in the folder. */

/* The lists hold char *; the literals here are never written to. */
#define S(text) ((char *) (text))

static struct rw_name_list
list_of(char **names)
{
	struct rw_name_list list = { names, 0 };

	while (names[list.count])
		list.count++;
	return list;
}

static void
test_suggest(void)
{
	static char *none[] = { NULL };
	static char *dev_api[] = { S("AZURE_CLIENT_ID"), S("DATABASE_URL"), NULL };
	static char *secret_only[] = { S("AZURE_CLIENT_SECRET"), NULL };
	static char *app_taken[] = { S("AZURE_CLIENT_ID"), S("BILLING_WORKER_CLIENT_SECRET"), NULL };
	static char *two_taken[] = { S("AZURE_CLIENT_ID"), S("BILLING_WORKER_CLIENT_ID"),
				     S("BILLING_WORKER_CLIENT_ID_2"), NULL };
	struct rw_name_list l;
	char id[CORE_NAME_MAX], secret[CORE_NAME_MAX];

	core_names_suggest(NULL, "Billing Worker", id, secret);
	ok(!strcmp(id, "AZURE_CLIENT_ID") && !strcmp(secret, "AZURE_CLIENT_SECRET"),
	   "nothing_known_gives_the_first_pair");
	l = list_of(none);
	core_names_suggest(&l, "Billing Worker", id, secret);
	ok(!strcmp(id, "AZURE_CLIENT_ID") && !strcmp(secret, "AZURE_CLIENT_SECRET"),
	   "an_empty_folder_gives_the_first_pair");
	l = list_of(dev_api);
	core_names_suggest(&l, "billing-worker", id, secret);
	is_str(id, "BILLING_WORKER_CLIENT_ID", "a_taken_client_id_gives_the_apps_name");
	is_str(secret, "BILLING_WORKER_CLIENT_SECRET", "for_both_names");
	l = list_of(secret_only);
	core_names_suggest(&l, "Payments API", id, secret);
	ok(!strcmp(id, "PAYMENTS_API_CLIENT_ID") && !strcmp(secret, "PAYMENTS_API_CLIENT_SECRET"),
	   "a_taken_client_secret_alone_moves_both");
	l = list_of(dev_api);
	core_names_suggest(&l, "  Légacy -- sync (v2)!  ", id, secret);
	is_str(id, "L_GACY_SYNC_V2_CLIENT_ID", "every_run_of_other_characters_is_one_underscore");
	l = list_of(app_taken);
	core_names_suggest(&l, "billing worker", id, secret);
	ok(!strcmp(id, "BILLING_WORKER_CLIENT_ID_2") && !strcmp(secret, "BILLING_WORKER_CLIENT_SECRET_2"),
	   "the_apps_pair_taken_gives_suffix_2");
	l = list_of(two_taken);
	core_names_suggest(&l, "Billing Worker", id, secret);
	is_str(id, "BILLING_WORKER_CLIENT_ID_3", "then_suffix_3");
	l = list_of(dev_api);
	core_names_suggest(&l, "", id, secret);
	ok(!strcmp(id, "AZURE_CLIENT_ID_2") && !strcmp(secret, "AZURE_CLIENT_SECRET_2"),
	   "without_an_app_name_the_first_pair_gets_the_suffix");
	core_names_suggest(&l, "---", id, secret);
	is_str(id, "AZURE_CLIENT_ID_2", "a_name_of_symbols_only_is_no_name");
}

static void
test_offer(void)
{
	static char *dev_api[] = { S("AZURE_CLIENT_ID"), NULL };
	static char *none[] = { NULL };
	struct rw_name_list taken = list_of(dev_api), empty = list_of(none);
	struct app app;
	int changed;

	memset(&app, 0, sizeof(app));
	rw_answers_init(&app.answers);
	rw_answers_set(&app.answers, RW_FIELD_APP_NAME, "Billing Worker");
	ok(core_names_claim(&app) == 0 &&
	   !strcmp(rw_answers_get(&app.answers, RW_FIELD_MAP_CLIENT_ID), "AZURE_CLIENT_ID"),
	   "unanswered_names_are_claimed_with_the_first_pair");
	ok(core_names_offer(&app, &taken, &changed) == 0 && changed &&
	   !strcmp(rw_answers_get(&app.answers, RW_FIELD_MAP_CLIENT_ID), "BILLING_WORKER_CLIENT_ID"),
	   "the_offer_follows_the_folder");
	ok(core_names_offer(&app, &empty, &changed) == 0 && changed &&
	   !strcmp(rw_answers_get(&app.answers, RW_FIELD_MAP_CLIENT_SECRET), "AZURE_CLIENT_SECRET"),
	   "and_back_when_the_folder_changes_again");
	rw_answers_set(&app.answers, RW_FIELD_MAP_CLIENT_ID, "AZURE_CLIENT_ID_TYPED");
	core_names_offer(&app, &taken, &changed);
	is_str(rw_answers_get(&app.answers, RW_FIELD_MAP_CLIENT_ID), "AZURE_CLIENT_ID_TYPED",
	       "a_typed_name_is_never_changed");
	is_str(rw_answers_get(&app.answers, RW_FIELD_MAP_CLIENT_SECRET), "BILLING_WORKER_CLIENT_SECRET",
	       "the_other_one_still_follows");
	ok(!core_names_is_offered(&app, RW_FIELD_MAP_CLIENT_ID) &&
	   core_names_is_offered(&app, RW_FIELD_MAP_CLIENT_SECRET), "which_is_which_is_known");
	rw_answers_set(&app.answers, RW_FIELD_MAP_CLIENT_ID, "AZURE_CLIENT_ID");
	core_names_offer(&app, &taken, &changed);
	is_str(rw_answers_get(&app.answers, RW_FIELD_MAP_CLIENT_ID), "AZURE_CLIENT_ID",
	       "a_typed_name_stays_even_when_taken");

	/* A name given before the claim (a flag, a file, a draft) is the user's. */
	core_names_free(&app);
	rw_answers_set(&app.answers, RW_FIELD_MAP_CLIENT_ID, "AZURE_CLIENT_ID");
	rw_answers_set(&app.answers, RW_FIELD_MAP_CLIENT_SECRET, NULL);
	core_names_claim(&app);
	core_names_offer(&app, &taken, &changed);
	is_str(rw_answers_get(&app.answers, RW_FIELD_MAP_CLIENT_ID), "AZURE_CLIENT_ID",
	       "a_given_name_is_kept");
	is_str(rw_answers_get(&app.answers, RW_FIELD_MAP_CLIENT_SECRET), "BILLING_WORKER_CLIENT_SECRET",
	       "the_one_not_given_is_offered");
	core_names_free(&app);
	rw_answers_free(&app.answers);
}

int
main(void)
{
	test_suggest();
	test_offer();
	return done_testing();
}
