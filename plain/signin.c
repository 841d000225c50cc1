#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libcore/flow.h"
#include "common/term.h"
#include "libcore/help.h"
#include "libcore/signin.h"
#include "net/url.h"
#include "common/secret.h"
#include "common/status.h"
#include "plain/steps.h"


/* "?" at a sign-in question: its help (libcore/help.c, shared with the screens). */
static int
is_help(const char *answer)
{
	return strcmp(answer, "?") == 0;
}

static void
say_help(enum core_help_signin topic)
{
	char text[4096];

	core_help_signin(topic, text, sizeof(text));
	rw_term_printf(stdout, "%s\n", text);
}

/* The origin a user would type for an API base: "https://host/api" -> "https://host". */
static char *
origin_of(const char *api_base)
{
	size_t n = api_base ? strlen(api_base) : 0;

	if (n >= 4 && strcmp(api_base + n - 4, "/api") == 0)
		n -= 4;
	return strndup(api_base ? api_base : "", n);
}

/* Takes a typed URL: 0 when app->api_base now names it, 1 when refused (said why). */
static int
take_url(struct plain_session *s, const char *url)
{
	char msg[512], *base = NULL;

	if (rw_url_normalize(url, NULL, &base, msg, sizeof(msg)) != RW_OK) {
		plain_say(NULL, msg);
		return 1;
	}
	free(s->app->api_base);
	s->app->api_base = base;
	return 0;
}

/* A self-hosted server's URL: 0, or -1 when the session ended. */
static int
ask_url(struct plain_session *s, const char *current)
{
	char prompt[600], *line, *t;
	int rc;

	if (*current)
		snprintf(prompt, sizeof(prompt), "Server URL [%.500s]: ", current);
	else
		snprintf(prompt, sizeof(prompt), "Server URL (such as https://infisical.example.com): ");
	for (;;) {
		if (plain_ask(s, prompt, PLAIN_ECHO, &line) < 0)
			return -1;
		t = plain_trim(line);
		free(line);
		if (!t)
			return plain_nomem(s);
		if (is_help(t)) {
			say_help(CORE_HELP_SERVER_URL);
			free(t);
			continue;
		}
		if (!*t && !*current) {
			rw_term_printf(stdout, "Required -- type the address you open Infisical at.\n");
			free(t);
			continue;
		}
		rc = take_url(s, *t ? t : current);
		free(t);
		if (rc == 0)
			return 0;
	}
}

/* Which server: 0 with app->api_base set, or -1 when the session ended. */
static int
ask_server(struct plain_session *s)
{
	char prompt[32], *origin, *line, *t;
	int def, choice, rc;

	if (!(origin = origin_of(s->app->api_base)))
		return plain_nomem(s);
	def = strcmp(origin, SIGNIN_US_CLOUD) == 0 ? 1 : strcmp(origin, SIGNIN_EU_CLOUD) == 0 ? 2 :
	      *origin ? 3 : 1;
	rw_term_printf(stdout, "Which Infisical server?\n"
	       "   1) US cloud     %s\n"
	       "   2) EU cloud     %s\n"
	       "   3) Self-hosted  (its URL comes next)\n", SIGNIN_US_CLOUD, SIGNIN_EU_CLOUD);
	snprintf(prompt, sizeof(prompt), "Server [%d]: ", def);
	for (;;) {
		if (plain_ask(s, prompt, PLAIN_ECHO, &line) < 0) {
			rc = -1;
			break;
		}
		t = plain_trim(line);
		free(line);
		if (!t) {
			rc = plain_nomem(s);
			break;
		}
		if (is_help(t)) {
			say_help(CORE_HELP_SERVER);
			free(t);
			continue;
		}
		choice = !*t ? def : strcmp(t, "1") == 0 ? 1 : strcmp(t, "2") == 0 ? 2 :
			 strcmp(t, "3") == 0 ? 3 : 0;
		/* A URL typed straight away is a self-hosted answer too. */
		if (!choice && (strchr(t, '.') || strchr(t, ':'))) {
			rc = take_url(s, t);
			free(t);
			if (rc == 0)
				break;
			continue;
		}
		free(t);
		if (!choice) {
			rw_term_printf(stdout, "Type 1, 2 or 3 (or the server's URL).\n");
			continue;
		}
		if (choice == 3) {
			rc = ask_url(s, def == 3 ? origin : "");
			break;
		}
		rc = take_url(s, choice == 1 ? SIGNIN_US_CLOUD : SIGNIN_EU_CLOUD);
		if (rc == 0)
			break;
	}
	free(origin);
	return rc;
}

/*
 * A required answer; secrets are trimmed into a new string and the line
 * wiped.  "?" is never an answer (a token or secret has no such value):
 * it prints the help of topic and asks again.
 */
static int
ask_required(struct plain_session *s, const char *prompt, enum plain_echo echo,
	     enum core_help_signin topic, const char *missing, char **out)
{
	char *line, *t;

	for (;;) {
		if (plain_ask(s, prompt, echo, &line) < 0)
			return -1;
		t = plain_trim(line);
		secret_free(&line);
		if (!t)
			return plain_nomem(s);
		if (*t && !is_help(t)) {
			*out = t;
			return 0;
		}
		if (is_help(t))
			say_help(topic);
		else
			rw_term_printf(stdout, "%s\n", missing);
		free(t);
	}
}

/*
 * The credentials: a token, or a Universal Auth pair.  0 with them in
 * *token or *id / *secret (caller owns and wipes), or -1.
 */
static int
ask_credentials(struct plain_session *s, int *method, char **token, char **id, char **secret)
{
	char prompt[32], *line, *t;
	int m;

	*token = *id = *secret = NULL;
	rw_term_printf(stdout, "How do you sign in?\n"
	       "   1) Access token\n"
	       "   2) Universal Auth: a machine identity's client ID and client secret\n");
	snprintf(prompt, sizeof(prompt), "Sign in with [%d]: ", *method);
	for (;;) {
		if (plain_ask(s, prompt, PLAIN_ECHO_NO_HISTORY, &line) < 0)
			return -1;
		t = plain_trim(line);
		free(line);
		if (!t)
			return plain_nomem(s);
		m = !*t ? *method : strcmp(t, "1") == 0 ? 1 : strcmp(t, "2") == 0 ? 2 : 0;
		if (is_help(t))
			say_help(CORE_HELP_METHOD);
		else if (!m)
			rw_term_printf(stdout, "Type 1 for an access token or 2 for Universal Auth.\n");
		free(t);
		if (m)
			break;
	}
	*method = m;
	if (m == 1)
		return ask_required(s, "Access token (input hidden): ", PLAIN_ECHO_SECRET,
				    CORE_HELP_TOKEN, "An access token is required: paste it "
				    "(nothing is shown while you type).", token);
	if (ask_required(s, "Client ID: ", PLAIN_ECHO_NO_HISTORY, CORE_HELP_UA_CLIENT_ID,
			 "The machine identity's client ID is required.", id) < 0)
		return -1;
	if (ask_required(s, "Client secret (input hidden): ", PLAIN_ECHO_SECRET,
			 CORE_HELP_UA_CLIENT_SECRET, "The client secret is required (nothing is "
			 "shown while you type).", secret) < 0) {
		free(*id);
		*id = NULL;
		return -1;
	}
	return 0;
}

/*
 * signin_connect(), but with Ctrl-C live: it cancels the login or the
 * check (RW_ECANCEL) instead of leaving the user waiting on a dead server.
 */
static enum rw_status
connect(struct plain_session *s, char *msg, size_t msgsz)
{
	struct app *app = s->app;
	struct rw_result res;
	enum rw_status st;

	/* The loads hold calls of the old session, which signin_open() frees. */
	plain_load_free(&s->loads);
	if ((st = signin_open(app, msg, msgsz)) != RW_OK)
		return st;
	s->loads.api = app->api;
	if (!app->token) {
		plain_load_wait_call(&s->loads, rw_api_login(app->api, app->ua_client_id,
							     app->ua_client_secret, NULL), 1, &res);
		st = signin_take_login(app, &res, msg, msgsz);
		rw_result_free(&res);
		if (st != RW_OK)
			return st;
	}
	plain_load_wait_call(&s->loads, rw_api_projects(app->api, NULL), 1, &res);
	st = signin_take_projects(app, &res, msg, msgsz);
	rw_result_free(&res);
	return st;
}

/* Signed in: a project given by slug becomes its id, and the run says which it named. */
static enum plain_next
signed_in(struct plain_session *s)
{
	char note[600];

	if (core_project_resolve(s->app, note, sizeof(note)) < 0) {
		plain_nomem(s);
		return PLAIN_STOP;
	}
	rw_term_printf(stdout, "Signed in.%s%s%s\n", note[0] ? " The " : "", note, note[0] ? "." : "");
	plain_start_loads(s);
	return PLAIN_NEXT;
}

enum plain_next
plain_step_signin(struct plain_session *s)
{
	struct app *app = s->app;
	char msg[1024], *token, *id, *secret;
	enum rw_status st;
	int need_server = 1, method = 1;

	if (!s->force_signin && (app->credentials_given || app->opt.demo)) {
		if (!app->signed_in || !app->api) {
			rw_term_printf(stdout, "Signing in to %s... (Ctrl-C cancels)\n",
			       app->api_base ? app->api_base : "the server");
			fflush(stdout);
			st = connect(s, msg, sizeof(msg));
			if (st == RW_ECANCEL) {
				s->end = PLAIN_END_QUIT;
				return PLAIN_STOP;
			}
			if (st == RW_EAUTH) {
				/* Refused: the server's reason, then others are asked for here. */
				rw_term_printf(stdout, "Sign-in failed: %s\n", msg);
				app->credentials_given = 0;
				s->force_signin = 1;
				return plain_step_signin(s);
			}
			if (st != RW_OK) {
				/* The server cannot be reached: fix it where it came from. */
				rw_term_printf(stderr, "rotwiz: %s\n", msg);
				plain_stop(s, rw_status_exit_code(st));
				return PLAIN_STOP;
			}
		}
		s->loads.api = app->api;
		return signed_in(s);
	}

	rw_term_printf(stdout, "\nStep 0 of 8: Sign in\n");
	if (s->force_signin)
		rw_term_printf(stdout, "The server refused the credentials; sign in again (your answers are kept).\n");
	for (;;) {
		if (need_server && ask_server(s) < 0)
			return PLAIN_STOP;
		if (ask_credentials(s, &method, &token, &id, &secret) < 0)
			return PLAIN_STOP;
		/* Everything tied to the old session goes first: it may hold calls of the old api. */
		plain_load_free(&s->loads);
		signin_forget(app);
		app->token = token;
		app->ua_client_id = id;
		app->ua_client_secret = secret;
		rw_term_printf(stdout, "Signing in to %s... (Ctrl-C cancels)\n", app->api_base);
		fflush(stdout);
		st = connect(s, msg, sizeof(msg));
		if (st == RW_OK) {
			s->force_signin = 0;
			s->reload_projects = 0;
			return signed_in(s);
		}
		if (st == RW_ECANCEL)
			rw_term_printf(stdout, "Sign-in cancelled.\n");
		else
			rw_term_printf(stdout, "Sign-in failed: %s\n", msg);
		/* Refused credentials: ask them again; an unreachable server: ask it again too. */
		need_server = st == RW_ENET || st == RW_ETIMEOUT || st == RW_ETLS ||
			      st == RW_EPROTO || st == RW_EUSAGE || st == RW_ECANCEL;
	}
}
