#ifndef ROTWIZ_CORE_REPORT_H
#define ROTWIZ_CORE_REPORT_H

/*
 * What rotwiz tells the user about a finished call: the result summary of
 * a rotation (doc/contract.md step 8), the one-line "cause -- fix" text for a
 * failure (doc/contract.md section 6); the rotation as JSON for --json is
 * rw_rotation_json() (net/response.h).
 * Every front-end uses these, so the words are the same in each mode.
 * The exit code of a final status is rw_status_exit_code() (common/status.h).
 *
 * Server text is untrusted: control characters are escaped (common/term.h) before it
 * reaches the terminal, and a failure stays on one line.
 */

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "forms/field.h"
#include "forms/validate.h"
#include "net/api.h"
#include "net/response.h"

/* The room a failure's whole text needs (report_failure), the server's words at their longest. */
#define REPORT_SAID_MAX 2200
#define REPORT_FAILURE_MAX (REPORT_SAID_MAX + 2048)

/* Where Infisical says what an Azure Client Secrets connection needs (its Graph permissions). */
#define REPORT_CONNECTION_DOCS \
	"https://infisical.com/docs/integrations/app-connections/azure-client-secrets"

/* How a fix is phrased: with flags (--name) or with field labels (the Name field). */
enum report_style {
	REPORT_CLI,
	REPORT_WIZARD,
};

/*
 * The summary: a title line, then "  Label  value" lines joined with "\n"
 * (no trailing newline): name, id, status, project, connection, environment,
 * folder, the two mapped secret names, interval and time, auto-rotation,
 * next rotation in UTC and local time, created at.  Caller frees; NULL
 * when out of memory.
 */
char *report_summary(const struct rw_rotation *rotation);

/*
 * One line, without the "rotwiz: " prefix and without a newline, naming
 * the cause and, where there is one, the fix, e.g.
 *   could not connect to http://127.0.0.1:9/api: Connection refused -- is the server URL right? (--domain / INFISICAL_DOMAIN)
 * api_base names the server in network failures; answers (may be NULL)
 * give the rotation's name and object ID for the create's messages.
 * The words of doc/contract.md s.6.1: a plan-restriction refusal says the
 * instance's plan lacks secret rotation; a 500 on create says the rotation
 * was not created and how to remove the client secret Azure may hold; a
 * request id the server sent ends the line, " (request id: req-...)", and
 * is kept whole when the rest must be cut to fit bufsz.  A 5xx is "the
 * server failed (503 Service Unavailable): ...", never "refused"; Azure's
 * "Insufficient privileges" names the Microsoft Graph permissions the
 * connection needs and where an admin grants them.  With a bufsz of
 * REPORT_FAILURE_MAX nothing is cut; with less, the server's words are
 * shortened ("...") before the fix or the request id is.
 */
void report_failure(const struct rw_result *result, const char *api_base,
		    const struct rw_answers *answers, enum report_style style,
		    char *buf, size_t bufsz);

/*
 * A list of problems, one "rotwiz: message" line each, to out.  A field's
 * flag is named after its message (CLI style) unless the message names one.
 */
void report_problems(FILE *out, const struct rw_problems *problems);

/*
 * "2026-11-28T00:00:00.000Z" (fraction optional; "Z", "+HH:MM" or
 * "-HH:MM") into *out.  Returns 0, or -1 when it is not such a time.
 * rw_schedule_format_time() (forms/schedule.h) shows it again.
 */
int report_parse_time(const char *iso, time_t *out);

/*
 * Copies text fit for a terminal (common/term.h: control characters, bidi
 * controls and stray bytes escaped), cut to bufsz at a character.
 */
void report_clean(const char *text, char *buf, size_t bufsz);

/*
 * Decision 19: puts a created rotation's summary (and a newline) on out,
 * escaped by the terminal rule (common/term.h), and flushes it.  When that fails (a closed pipe, a full disk), one line
 * on stderr, "rotwiz: created, but the summary could not be written:
 * <reason>", and RW_EXIT_SUMMARY_UNWRITTEN; else 0.
 */
int report_put_summary(FILE *out, const char *text);
/* The same for --json output: escaped the JSON way, so it stays valid JSON. */
int report_put_json(FILE *out, const char *json);

#endif
