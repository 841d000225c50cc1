#ifndef ROTWIZ_CORE_MANAGE_H
#define ROTWIZ_CORE_MANAGE_H

/*
 * After create: the rotations of a scope, one of them by NAME|ID, its
 * status in words, and what an edit or a delete sends -- shared by the
 * commands for scripts (app/manage.c) and the Rotations screens to come
 * (issue 12).  Blocking calls on app->api (signed in); no output here.
 *
 * The scope is the answers' project (required), environment and secret
 * path (each optional: absent means every one), decision 23.
 */

#include <stddef.h>
#include <time.h>

#include "libcore/app.h"
#include "common/strbuf.h"
#include "net/api.h"

/* A nextRotationAt further in the past than this is "overdue" (the job queue may lag a little). */
#define CORE_OVERDUE_GRACE_S 3600

enum core_health {
	CORE_HEALTH_OK,		/* rotates in N days */
	CORE_HEALTH_OFF,	/* auto-rotation off: rotates only when asked */
	CORE_HEALTH_FAILED,	/* the last rotation failed */
	CORE_HEALTH_OVERDUE,	/* due more than CORE_OVERDUE_GRACE_S ago and not rotated */
};

/*
 * r's status at now, and in buf its words: "rotation failed: <the server's
 * message>", "auto-rotation off", "rotates in 12 days" ("in 5 hours", "in
 * under an hour"), "overdue: due 3 days ago".  The server's message is
 * copied as it is: clean it where it reaches a terminal.
 */
enum core_health core_manage_health(const struct rw_rotation *r, time_t now, char *buf,
				    size_t bufsz);

/* Whether a rotation lies in the answers' scope (environment and path, when given). */
int core_manage_in_scope(const struct app *app, const struct rw_rotation *r);

/* Whether text has the shape of an id (a UUID): then it is used as one, never as a name. */
int core_manage_is_id(const char *text);

enum core_resolve {
	CORE_RESOLVE_FOUND,		/* *out filled */
	CORE_RESOLVE_NOT_FOUND,		/* no rotation of that name in scope (msg says where it looked) */
	CORE_RESOLVE_AMBIGUOUS,		/* several: msg lists them with environment and folder */
	CORE_RESOLVE_FAILED,		/* the request failed: *result holds why (caller frees it) */
};

/*
 * The rotation that target names in the scope: an id is fetched as it is
 * (GET by id, one request); a name is looked for in the project's list
 * (one request), within the environment and path when given.  msg gets
 * one line for NOT_FOUND and AMBIGUOUS (without "rotwiz: ").  On FAILED,
 * *result is the failed call's result for report_failure(); otherwise it
 * is empty.
 */
enum core_resolve core_manage_resolve(struct app *app, const char *target, struct rw_rotation *out,
				      struct rw_result *result, struct strbuf *msg);

/* A deep copy of a rotation's fields (for "the rotation as it was").  0, or -1 on no memory. */
int core_manage_copy(struct rw_rotation *to, const struct rw_rotation *from);

/*
 * What the delete leaves behind, in words, for the commands' refusal line:
 * core_manage_switch_words() of both switches, each off one with the flag
 * that turns it on ("(--delete-secrets deletes them)").
 */
void core_manage_delete_words(const struct rw_rotation *r, int delete_secrets,
			      int revoke_credentials, struct strbuf *out);

/*
 * ---- What every front-end shows and asks (decision 25) ----
 * The curses screens, plain mode and the commands for scripts draw these
 * words; none of them phrases a row, a question or an outcome itself.
 */

/* One row of the Rotations list: status in words, next rotation in UTC and local time. */
struct core_manage_row {
	enum core_health health;
	char status[1200];	/* core_manage_health()'s words (the server's message uncleaned) */
	char next_utc[48];	/* "2026-12-14 00:00 UTC", or "-" when none is scheduled */
	char next_local[64];	/* "2026-12-14 01:00 CET" (TZ's zone), or "-" */
};
void core_manage_row(const struct rw_rotation *r, time_t now, struct core_manage_row *row);

/*
 * Whether r matches a list filter: filter (ignoring case) is part of its
 * name, environment, folder or app name.  An empty or NULL filter matches all.
 */
int core_manage_matches(const struct rw_rotation *r, const char *filter);

/* Why connection, environment, folder and app are not offered by an edit (decision 28). */
#define CORE_MANAGE_LOCKED "fixed after create (the server does not change them): delete and create again"

/* The fields an edit offers, in the order asked: what PATCH takes (decision 28). */
extern const enum rw_field core_manage_editable[];
extern const size_t core_manage_editable_count;

/* The rotation's current values of the editable fields into answers (what an edit starts from). */
int core_manage_edit_start(const struct rw_rotation *r, struct rw_answers *answers);

/*
 * The edit's changes made whole, as the server takes them: rotateAtUtc and
 * secretsMapping go as pairs, so a half given alone gets the other half
 * from r; the two secret names must differ.  0, or -1 with msg (a rule and
 * the value).
 */
int core_manage_edit_complete(const struct rw_rotation *r, struct rw_answers *changes, char *msg,
			      size_t msgsz);

/*
 * The editable fields of edited that differ from r, into changes (for a
 * front-end that asked every field with r's values as defaults).  Returns
 * how many, or -1 on no memory.
 */
int core_manage_edit_diff(const struct rw_rotation *r, const struct rw_answers *edited,
			  struct rw_answers *changes);

/* The two delete switches (decision 27); both start off. */
enum core_delete_switch {
	CORE_DELETE_SECRETS,	/* deleteSecrets: the mapped secrets go too */
	CORE_DELETE_REVOKE,	/* revokeGeneratedCredentials: the client secrets are revoked in Azure */
};

/*
 * A switch's label and, for its state, what happens: off, what is left
 * behind ("the secrets AZURE_CLIENT_ID and AZURE_CLIENT_SECRET stay in dev
 * /workers"; "the client secret stays valid in Azure until it expires:
 * revoke it there"); on, what goes.
 */
const char *core_manage_switch_label(enum core_delete_switch which);
void core_manage_switch_words(const struct rw_rotation *r, enum core_delete_switch which, int on,
			      struct strbuf *out);

/*
 * The delete's confirmation, repeating what will happen: "Delete the
 * rotation "NAME" (ENV FOLDER)? Then <words>. Type its name to confirm:".
 * The answer must be r->name exactly.
 */
void core_manage_delete_question(const struct rw_rotation *r, int delete_secrets,
				 int revoke_credentials, struct strbuf *out);

/*
 * Credentials (decision 26).  One slot in words, its client secret masked:
 * "slot 1 (active): client ID 9c74..., key ID 3f0e..., client secret
 * ******** (hidden)"; the other "slot 0 (retired: revoked by the next
 * rotation)".
 */
void core_manage_slot_words(const struct rw_generated *g, int slot, struct strbuf *out);

/* The question before a reveal, default no: "Show the client secret of "NAME" on screen?" */
void core_manage_reveal_question(const struct rw_rotation *r, struct strbuf *out);

/* The line above a revealed secret. */
#define CORE_MANAGE_REVEAL_LEAD "The client secret (Enter hides it again):"

/*
 * ---- Changes whose reply was lost (decision 24) ----
 * An edit or a delete whose reply was lost or unreadable after it may have
 * reached the server is looked up by id before anything is said.
 */
enum core_change {
	CORE_CHANGE_DONE,	/* the server answered: done */
	CORE_CHANGE_FOUND,	/* the reply was lost; the lookup shows it done */
	CORE_CHANGE_NOT_DONE,	/* the reply was lost; the lookup shows it was not */
	CORE_CHANGE_UNKNOWN,	/* lost, and the lookup failed too: exit 5 */
	CORE_CHANGE_FAILED,	/* refused, or never sent: nothing changed */
};

/*
 * Delete r (blocking, on app->api) and settle what happened: *result is
 * the DELETE's result (caller frees).  buf gets one line: "deleted the
 * rotation ...: <what stays>", after a lost reply libcore/lost.h's words
 * for the lookup (the Rotations screen's: "deleted: the reply was lost,
 * and the server has the rotation no more: <what stays>", "not deleted:
 * ... it is safe to delete again", "outcome unknown: could not look it up:
 * ..."), or "not deleted: <the failure>".
 */
enum core_change core_manage_delete(struct app *app, const struct rw_rotation *r, int delete_secrets,
				    int revoke_credentials, struct rw_result *result, char *buf,
				    size_t bufsz);

/*
 * PATCH r with body (changes is what it sets, for the lookup) and settle
 * what happened; on DONE and FOUND, *result's rotation is the rotation as
 * the server now holds it.  buf as above ("edited", "not edited"): a lookup
 * that finds the rotation compares the changed values, so it never needs
 * core_lost_outcome()'s "saved?".
 */
enum core_change core_manage_edit(struct app *app, const struct rw_rotation *r,
				  const struct rw_answers *changes, const char *body,
				  struct rw_result *result, char *buf, size_t bufsz);

/* The exit code of an outcome (decision 24: unknown is 5). */
int core_manage_change_exit(enum core_change outcome, const struct rw_result *result);

#endif
