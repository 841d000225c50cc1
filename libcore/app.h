#ifndef ROTWIZ_CORE_APP_H
#define ROTWIZ_CORE_APP_H

#include <stddef.h>

#include "forms/field.h"
#include "net/response.h"

/*
 * The one struct app, made in main.c and passed down by pointer to every
 * front-end (style lesson 9).  Front-ends add what they need in their own
 * marked block; nothing here is an extern global.
 */

struct rw_api;			/* net/api.h: the server session */
struct rw_rows;			/* forms/rows.h: a file of many rotations */

enum app_mode {
	APP_MODE_CURSES,		/* the default on a terminal */
	APP_MODE_PLAIN,			/* --plain, ACCESSIBLE=1, TERM=dumb */
	APP_MODE_BATCH,			/* --yes / --dry-run / --print-curl: asks nothing */
};

struct app_options {
	int plain;
	int demo;
	int yes;
	int dry_run;
	int print_curl;
	int json;
	int parallel;			/* --parallel N: creates in flight for a file of many; 0: default */
	int print_terraform;		/* --print-terraform */
	int no_color;			/* --no-color, or NO_COLOR non-empty */
	const char *from_file;
	const char *domain;		/* --domain, before the environment */
	const char *token_file;
	const char *cacert;
	const char *rotate_at_local;	/* --rotate-at-local as given, for the note in both zones */
	/* The commands for scripts (app/manage.c): "list", "show"...; NULL: the wizard. */
	const char *command;
	const char *target;		/* its NAME|ID operand, or NULL */
	int delete_secrets;		/* delete --delete-secrets */
	int revoke_credentials;		/* delete --revoke-credentials */
};

struct app {
	struct app_options opt;
	enum app_mode mode;
	struct rw_answers answers;	/* owned; every mode reads and writes these */
	/*
	 * A --from-file of many rotations (forms/rows.h), the flags already
	 * over every row; NULL for one (then answers holds it).  Owned.
	 */
	struct rw_rows *rows;

	/* Connection, filled in by the sign-in step or the environment. */
	char *api_base;			/* "https://us.infisical.com/api", no trailing slash */
	char *token;			/* secret: wiped with secret_free() */
	char *ua_client_id;
	char *ua_client_secret;		/* secret */
	int token_is_user_session;	/* may list Azure apps */
	struct rw_api *api;		/* NULL until signed in */

	/* --- sign-in state (libcore/signin.h) --- */
	int credentials_given;		/* token or UA from env / --token-file / --demo: step 0 skipped */
	int signed_in;			/* signin_connect() succeeded */
	long timeout_ms;		/* ROTWIZ_TIMEOUT_MS; 0: net's default */
	/* The sign-in check's GET /api/v1/projects answer, kept for step 2. */
	struct rw_project_list projects;
	int projects_loaded;
	/* --- end sign-in --- */

	/*
	 * Decision 17 (libcore/flow.h): a create is on its way (sent, no
	 * answer yet), or one was made whose outcome is unknown -- the next
	 * create looks the rotation up by name first.  draft_may_exist: the
	 * draft on offer says so (taken over when it is resumed).
	 */
	int create_in_flight;
	int create_unknown;
	int draft_may_exist;

	/* The secret names the core offered (libcore/names.h); NULL where the answer is the user's. */
	char *names_offered[2];

	/* --demo: the sandbox child started for this run (app/demo.c). */
	int demo_pid;
	/*
	 * --demo: the sandbox's published user token ("sandbox-user-token",
	 * a fixed value of rotwiz-sandbox, not a secret), for the banner that
	 * lets an audience run the shown curl; NULL otherwise.
	 */
	const char *demo_token;
};

/* Zeroes the struct and its answers. */
void app_init(struct app *app);
/* Wipes the secrets, frees everything app_init() and the sign-in made. */
void app_free(struct app *app);
/*
 * Whether this run brought answers of its own (field flags or --from-file;
 * the Where defaults from the environment do not count).  A draft is
 * offered only when it did not.
 */
int app_answers_given(const struct app *app);

/*
 * With --demo running, "DEMO - sandbox at http://127.0.0.1:PORT, token
 * sandbox-user-token" into buf and 1 (short: "DEMO http://127.0.0.1:PORT
 * token sandbox-user-token"); without, an empty buf and 0.  Only the
 * sandbox's own published token is ever named: a real token never is.
 */
int app_demo_banner(const struct app *app, int short_form, char *buf, size_t bufsz);

#endif
