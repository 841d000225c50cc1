#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "libcore/explain.h"
#include "libcore/report.h"
#include "common/status.h"
#include "common/strbuf.h"
#include "common/term.h"
#include "forms/schedule.h"

void
report_clean(const char *text, char *buf, size_t bufsz)
{
	rw_term_copy(buf, bufsz, text, 0);
}

/* Two digits at p into *out; 0 or -1. */
static int
two_digits(const char *p, int *out)
{
	if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
		return -1;
	*out = (p[0] - '0') * 10 + (p[1] - '0');
	return 0;
}

int
report_parse_time(const char *iso, time_t *out)
{
	struct tm tm;
	int year = 0, mon, day, hour, min, sec, oh, om, i;
	const char *p = iso;
	long offset = 0;
	time_t t;

	if (!iso)
		return -1;
	for (i = 0; i < 4; i++, p++) {
		if (*p < '0' || *p > '9')
			return -1;
		year = year * 10 + (*p - '0');
	}
	if (*p++ != '-' || two_digits(p, &mon) < 0 || p[2] != '-' ||
	    two_digits(p + 3, &day) < 0 || (p[5] != 'T' && p[5] != 't' && p[5] != ' ') ||
	    two_digits(p + 6, &hour) < 0 || p[8] != ':' || two_digits(p + 9, &min) < 0 ||
	    p[11] != ':' || two_digits(p + 12, &sec) < 0)
		return -1;
	p += 14;
	if (mon < 1 || mon > 12 || day < 1 || day > 31 || hour > 23 || min > 59 || sec > 60)
		return -1;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return -1;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		if (two_digits(p + 1, &oh) < 0 || p[3] != ':' || two_digits(p + 4, &om) < 0 ||
		    oh > 23 || om > 59)
			return -1;
		offset = (oh * 60L + om) * 60L * (*p == '-' ? -1 : 1);
		p += 6;
	} else {
		return -1;
	}
	if (*p)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = year - 1900;
	tm.tm_mon = mon - 1;
	tm.tm_mday = day;
	tm.tm_hour = hour;
	tm.tm_min = min;
	tm.tm_sec = sec;
	t = timegm(&tm);
	if (t == (time_t) -1)
		return -1;
	/* timegm normalises 31 February into March: such a date is not a date. */
	if (tm.tm_mday != day || tm.tm_mon != mon - 1)
		return -1;
	*out = t - offset;
	return 0;
}

/* "2026-11-28 00:00 UTC (local 2026-11-28 01:00 CET)", or the raw text if it is no time. */
static void
both_times(struct strbuf *sb, const char *iso)
{
	char utc[64], local[64], raw[80];
	time_t t;

	if (!iso || !*iso) {
		strbuf_puts(sb, "-");
		return;
	}
	if (report_parse_time(iso, &t) < 0) {
		report_clean(iso, raw, sizeof(raw));
		strbuf_puts(sb, raw);
		return;
	}
	rw_schedule_format_time(t, 0, utc, sizeof(utc));
	rw_schedule_format_time(t, 1, local, sizeof(local));
	strbuf_printf(sb, "%s (local time %s)", utc, local);
}

static void
line(struct strbuf *sb, const char *label, const char *value)
{
	char clean[REPORT_SAID_MAX + 64];	/* a failed rotation's message, whole */

	report_clean(value && *value ? value : "-", clean, sizeof(clean));
	strbuf_printf(sb, "\n  %-24s %s", label, clean);
}

/* "value (extra)" for connection and environment, as far as the server told. */
static void
line_pair(struct strbuf *sb, const char *label, const char *first, const char *second)
{
	char text[512];

	if (first && *first && second && *second && strcmp(first, second) != 0)
		snprintf(text, sizeof(text), "%s (%s)", first, second);
	else
		snprintf(text, sizeof(text), "%s", first && *first ? first : second ? second : "");
	line(sb, label, text);
}

static char *
summary_titled(const struct rw_rotation *r, const char *title)
{
	struct strbuf sb = STRBUF_INIT;
	char text[REPORT_SAID_MAX + 64], clean[256];

	report_clean(r->name ? r->name : "", clean, sizeof(clean));
	strbuf_printf(&sb, "%s \"%s\".", title, clean);
	line(&sb, "Name", r->name);
	line(&sb, "ID", r->id);
	if (r->rotation_status && strcmp(r->rotation_status, "success") != 0 && r->last_message) {
		snprintf(text, sizeof(text), "%s: %s", r->rotation_status, r->last_message);
		line(&sb, "Status", text);
	} else {
		line(&sb, "Status", r->rotation_status);
	}
	line(&sb, "Project", r->project_id);
	line_pair(&sb, "Connection", r->connection_name, r->connection_id);
	line_pair(&sb, "Environment", r->environment_name, r->environment_slug);
	line(&sb, "Folder", r->folder_path);
	line(&sb, "Secret for client ID", r->map_client_id);
	line(&sb, "Secret for client secret", r->map_client_secret);
	snprintf(text, sizeof(text), "every %ld day%s at %02d:%02d UTC", r->interval_days,
		 r->interval_days == 1 ? "" : "s", r->hours, r->minutes);
	line(&sb, "Interval", text);
	line(&sb, "Auto-rotation", r->auto_rotation ? "on" : "off (rotates only when asked)");
	strbuf_printf(&sb, "\n  %-24s ", "Next rotation");
	if (!r->next_rotation_at || !*r->next_rotation_at)
		strbuf_puts(&sb, r->auto_rotation ? "-" : "none (auto-rotation is off)");
	else
		both_times(&sb, r->next_rotation_at);
	strbuf_printf(&sb, "\n  %-24s ", "Created at");
	both_times(&sb, r->created_at);
	return strbuf_detach(&sb);
}

char *
report_summary(const struct rw_rotation *r)
{
	return summary_titled(r, "Created the Azure Client Secret rotation");
}

char *
report_rotation(const struct rw_rotation *r, const char *health)
{
	char *text = summary_titled(r, "The Azure Client Secret rotation");
	struct strbuf sb = STRBUF_INIT;
	char clean[REPORT_SAID_MAX + 64];

	if (!text || !health)
		return text;
	report_clean(health, clean, sizeof(clean));
	strbuf_puts(&sb, text);
	free(text);
	/* Not on the create's summary (it repeats what was typed); a field of the rotation here. */
	if (r->description && *r->description)
		line(&sb, "Description", r->description);
	if (r->last_rotated_at) {
		strbuf_printf(&sb, "\n  %-24s ", "Last rotated at");
		both_times(&sb, r->last_rotated_at);
	}
	strbuf_printf(&sb, "\n  %-24s %d (of slots 0 and 1)", "Active credential", r->active_index);
	strbuf_printf(&sb, "\n  %-24s %s", "Health", clean);
	/* A known Azure cause in plain words with its fix; an unknown one stays the server's (Status). */
	if (r->last_message && *r->last_message && core_explain_rotation_message(r->last_message))
		line(&sb, "What it means", core_explain_rotation_message(r->last_message));
	return strbuf_detach(&sb);
}

/* How a fix names a field: "--name" on the command line, "the Name field" in the wizard. */
static void
field_hint(enum rw_field field, enum report_style style, char *buf, size_t bufsz)
{
	const struct rw_field_info *info = rw_field_info(field);

	if (!info)
		snprintf(buf, bufsz, "the values");
	else if (style == REPORT_CLI)
		snprintf(buf, bufsz, "--%s", info->flag);
	else
		snprintf(buf, bufsz, "the %s field", info->label);
}

static int
contains(const char *haystack, const char *needle)
{
	return haystack && strstr(haystack, needle) != NULL;
}

/*
 * Azure refused the connection (Graph's "Insufficient privileges"): the
 * Object ID is right, the connection's own app registration lacks the
 * Microsoft Graph application permission to add client secrets, or, with
 * the OwnedBy permission, is not an owner of this app.  Both are granted
 * in the Azure portal and need an admin's consent (Infisical's Azure
 * Client Secrets connection docs list them).
 */
static void
azure_privileges_fix(enum report_style style, char *fix, size_t fixsz)
{
	snprintf(fix, fixsz, "Azure refused the app connection, not the Object ID: the "
		 "connection's own app registration needs the Microsoft Graph application "
		 "permission Application.ReadWrite.All (or Application.ReadWrite.OwnedBy and to "
		 "be an owner of this app); an Azure admin adds it under Microsoft Entra ID > App "
		 "registrations > the connection's app > API permissions, then clicks Grant admin "
		 "consent; or %s (see %s)",
		 style == REPORT_CLI ? "use another --connection" : "choose another app connection",
		 REPORT_CONNECTION_DOCS);
}

/* The fix for a refusal (RW_ESERVER), from what the server said. */
static void
server_fix(const struct rw_result *r, enum report_style style, char *fix, size_t fixsz)
{
	const struct rw_api_error *e = &r->error;
	char hint[80], hint2[80];

	fix[0] = '\0';
	if (e->http_status == 429) {
		if (e->retry_after > 0)
			snprintf(fix, fixsz, "wait %ld seconds and try again", e->retry_after);
		else
			snprintf(fix, fixsz, "wait a minute and try again");
	} else if (e->http_status >= 500) {
		snprintf(fix, fixsz, "try again later");
	} else if (e->kind == RW_REFUSAL_AZURE_PRIVILEGES) {
		azure_privileges_fix(style, fix, fixsz);
	} else if (contains(e->message, "secrets already exist") ||
		   e->field == RW_FIELD_MAP_CLIENT_ID || e->field == RW_FIELD_MAP_CLIENT_SECRET) {
		field_hint(RW_FIELD_MAP_CLIENT_ID, style, hint, sizeof(hint));
		field_hint(RW_FIELD_MAP_CLIENT_SECRET, style, hint2, sizeof(hint2));
		snprintf(fix, fixsz, "choose other secret names (%s / %s)", hint, hint2);
	} else if (e->field == RW_FIELD_NAME && contains(e->message, "already exists")) {
		snprintf(fix, fixsz, "choose another %s", style == REPORT_CLI ? "--name" : "name");
	} else if (contains(e->message, "Could not find folder") ||
		   contains(e->error, "SecretPathNotFound")) {	/* the create's 400, the secrets list's 404 */
		field_hint(RW_FIELD_SECRET_PATH, style, hint, sizeof(hint));
		snprintf(fix, fixsz, "create the folder in Infisical first, or check %s", hint);
	} else if (e->field != RW_FIELD_NONE && rw_field_info(e->field)) {
		field_hint(e->field, style, hint, sizeof(hint));
		snprintf(fix, fixsz, "check %s", hint);
	} else if (e->http_status == 403) {
		snprintf(fix, fixsz, "ask a project admin for permission to manage secret rotations");
	} else if (e->http_status == 404 && r->kind == RW_CALL_CREATE) {
		field_hint(RW_FIELD_CONNECTION, style, hint, sizeof(hint));
		snprintf(fix, fixsz, "check %s", hint);
	}
}

/*
 * A stock self-hosted server without a licence answers every secret-rotation
 * route with a plan-restriction 400 (doc/api.md s.13, item 4): no value the
 * user could change helps, so say what is missing and where it comes from.
 */
static void
plan_text(const char *said, const char *code, char *buf, size_t bufsz)
{
	snprintf(buf, bufsz, "this Infisical instance's plan does not include secret rotation; "
		 "the server said \"%s\"%s -- a self-hosted Infisical needs a licence that "
		 "includes secret rotation; for Infisical Cloud, see the plans at "
		 "https://infisical.com/pricing", said, code);
}

/*
 * A 500 on create: the real server fails this way in its database, after
 * it has asked Azure for a new client secret, which it does not revoke
 * (doc/api.md s.2 and s.13, items 1 and 2).  The rotation does not exist,
 * but the app may hold a secret nobody will rotate: name it (the server
 * names it after the day it made it, which we take in UTC) and say how to
 * remove it.
 */
static void
create_500_text(const struct rw_answers *answers, const char *said, const char *code,
		char *buf, size_t bufsz)
{
	char name[80], quoted[84] = "", object_id[80], date[16];
	time_t now = time(NULL);
	struct tm tm;

	report_clean(answers ? rw_answers_get(answers, RW_FIELD_NAME) : "", name, sizeof(name));
	report_clean(answers ? rw_answers_get(answers, RW_FIELD_OBJECT_ID) : "", object_id,
		     sizeof(object_id));
	if (name[0])
		snprintf(quoted, sizeof(quoted), " \"%s\"", name);
	if (!object_id[0])
		snprintf(object_id, sizeof(object_id), "<objectId>");
	if (!gmtime_r(&now, &tm) || !strftime(date, sizeof(date), "%m-%d-%Y", &tm))
		snprintf(date, sizeof(date), "MM-DD-YYYY");
	snprintf(buf, bufsz, "the server failed%s: %s; the rotation%s was not created "
		 "-- Azure may now hold an extra client secret named \"Infisical Rotated Secret "
		 "(%s)\" on the app with object ID %s: find and remove it in the Azure portal "
		 "(App registrations > the app > Certificates & secrets), or with "
		 "`az ad app credential list --id %s` and "
		 "`az ad app credential delete --id %s --key-id <keyId>`",
		 code, said, quoted, date, object_id, object_id, object_id);
}

/* " (503 Service Unavailable)": how a failing server's status is told. */
static void
failed_code(long status, char *buf, size_t bufsz)
{
	static const struct { long status; const char *reason; } reasons[] = {
		{ 500, "Internal Server Error" }, { 501, "Not Implemented" },
		{ 502, "Bad Gateway" }, { 503, "Service Unavailable" }, { 504, "Gateway Timeout" },
	};
	size_t i;

	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].status == status) {
			snprintf(buf, bufsz, " (%ld %s)", status, reasons[i].reason);
			return;
		}
	snprintf(buf, bufsz, " (HTTP %ld)", status);
}

/*
 * The sentence, with the server's words shortened by cut bytes (0: whole),
 * ending in "..." when shortened: report_failure() cuts only when the
 * caller's buffer is too small for all of it.
 */
static void
failure_text(const struct rw_result *r, const char *api_base,
	     const struct rw_answers *answers, enum report_style style, size_t cut,
	     char *buf, size_t bufsz)
{
	const struct rw_api_error *e = &r->error;
	const char *server = api_base ? api_base : "the server";
	char said[REPORT_SAID_MAX], fix[1024], name[80], code[48];
	int create = r->kind == RW_CALL_CREATE;
	size_t len;

	report_clean(e->message && *e->message ? e->message : rw_status_message(r->status),
		     said, sizeof(said));
	if (cut > 0) {
		len = strlen(said);
		len = cut + 3 < len ? len - cut - 3 : 0;
		/* On a character boundary: no half UTF-8 sequence before the dots. */
		while (len > 0 && ((unsigned char) said[len] & 0xC0) == 0x80)
			len--;
		memcpy(said + len, "...", 4);
	}
	report_clean(answers ? rw_answers_get(answers, RW_FIELD_NAME) : "", name, sizeof(name));
	code[0] = '\0';
	if (e->http_status >= 500)
		failed_code(e->http_status, code, sizeof(code));
	else if (e->http_status > 0)
		snprintf(code, sizeof(code), " (HTTP %ld)", e->http_status);

	/* Decision 17: what the lookup by name found, first. */
	if (create && r->outcome_checked && !r->recovered && !r->outcome_unknown) {
		snprintf(buf, bufsz, "not created: the create request got no answer (%s), and the "
			 "server shows that rotation \"%s\" was not created -- it is safe to try again",
			 said, name);
		return;
	}
	if (create && r->outcome_unknown) {
		char cause[REPORT_SAID_MAX];

		report_clean(r->lookup_cause ? r->lookup_cause : "the request was stopped before "
			     "an answer came", cause, sizeof(cause));
		snprintf(buf, bufsz, "outcome unknown: could not look it up: %s -- the create request "
			 "got no usable answer (%s), so rotation \"%s\" may have been made; %s",
			 cause, said, name, style == REPORT_CLI ? "look for it in Infisical before "
			 "trying again (a wizard run looks it up first)" : "trying again looks it up "
			 "by name first, and shows it if it is there");
		return;
	}
	switch (r->status) {
	case RW_OK:
		snprintf(buf, bufsz, "success");
		return;
	case RW_ENET:
		/* net's words already name host and port: add the URL they came from. */
		snprintf(buf, bufsz, "%s -- is the server URL %s right?%s", said, server,
			 style == REPORT_CLI ? " (--domain / INFISICAL_DOMAIN)" : "");
		return;
	case RW_ETIMEOUT:
		snprintf(buf, bufsz, "%s -- try again later%s", said,
			 style == REPORT_CLI ? ", or allow more time with ROTWIZ_TIMEOUT_MS" : "");
		return;
	case RW_ETLS:
		if (strstr(said, "the CA file"))
			snprintf(buf, bufsz, "%s -- check that %s is the PEM file of the CA that "
				 "signed the server's certificate", said,
				 style == REPORT_CLI ? "--cacert" : "the CA file given with --cacert");
		else
			snprintf(buf, bufsz, "%s -- for a server with its own CA, %s", said,
				 style == REPORT_CLI ? "pass --cacert FILE" :
				 "start rotwiz with --cacert FILE");
		return;
	case RW_EAUTH:
		if (r->kind == RW_CALL_LOGIN)
			snprintf(buf, bufsz, "the Universal Auth login was refused: %s%s -- check "
				 "the client ID and client secret%s", said, code,
				 style == REPORT_CLI ? " (INFISICAL_UNIVERSAL_AUTH_CLIENT_ID / "
						       "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET)" : "");
		else
			snprintf(buf, bufsz, "the server refused the credentials: %s%s -- %s",
				 said, code, style == REPORT_CLI ?
				 "check INFISICAL_TOKEN or --token-file (tokens expire)" :
				 "check the access token (tokens expire)");
		return;
	case RW_ESERVER:
		if (e->kind == RW_REFUSAL_PLAN) {
			plan_text(said, code, buf, bufsz);
			return;
		}
		if (create && e->http_status == 500) {
			create_500_text(answers, said, code, buf, bufsz);
			return;
		}
		server_fix(r, style, fix, sizeof(fix));
		/* A 5xx is the server failing, not refusing (decision 15). */
		if (e->http_status >= 500)
			snprintf(buf, bufsz, "the server failed%s: %s%s%s", code, said,
				 fix[0] ? " -- " : "", fix);
		else
			snprintf(buf, bufsz, "the server refused: %s%s%s%s", said, code,
				 fix[0] ? " -- " : "", fix);
		return;
	case RW_EPROTO:
		snprintf(buf, bufsz, "the server's reply could not be understood: %s%s -- is %s "
			 "an Infisical server?", said, code, server);
		return;
	default:
		snprintf(buf, bufsz, "%s", said);
		return;
	}
}

void
report_failure(const struct rw_result *r, const char *api_base,
	       const struct rw_answers *answers, enum report_style style,
	       char *buf, size_t bufsz)
{
	char clean[RW_REQ_ID_MAX + 1], id[RW_REQ_ID_MAX + 24] = "", whole[REPORT_FAILURE_MAX];
	size_t room = bufsz, len;

	if (!buf || !bufsz)
		return;
	/* The request id goes last and is never cut off: support needs all of it. */
	if (r->error.req_id && r->error.req_id[0]) {
		report_clean(r->error.req_id, clean, sizeof(clean));
		snprintf(id, sizeof(id), " (request id: %s)", clean);
		if (bufsz > strlen(id) + 64)
			room = bufsz - strlen(id);
		else
			id[0] = '\0';
	}
	/*
	 * Too long for the caller: the server's own words are shortened, so
	 * that what rotwiz adds (the fix) still fits.
	 */
	failure_text(r, api_base, answers, style, 0, whole, sizeof(whole));
	len = strlen(whole);
	if (len >= room)
		failure_text(r, api_base, answers, style, len - room + 1, whole, sizeof(whole));
	snprintf(buf, room, "%s", whole);
	len = strlen(buf);
	if (id[0] && len + strlen(id) < bufsz)
		memcpy(buf + len, id, strlen(id) + 1);
}

void
report_problems(FILE *out, const struct rw_problems *problems)
{
	const struct rw_field_info *info;
	char clean[RW_MESSAGE_MAX];
	int i;

	for (i = 0; i < problems->count; i++) {
		const struct rw_problem *p = &problems->item[i];

		report_clean(p->message, clean, sizeof(clean));
		info = rw_field_info(p->field);
		if (info && !strstr(clean, "--"))
			rw_term_printf(out, "rotwiz: %s (--%s)\n", clean, info->flag);
		else
			rw_term_printf(out, "rotwiz: %s\n", clean);
	}
}

/* The summary through the terminal rule (common/term.h) with term_flags. */
static int
put_summary(FILE *out, const char *text, unsigned term_flags)
{
	int e;

	errno = 0;
	if (rw_term_puts(text, out, term_flags) != EOF && fputc('\n', out) != EOF &&
	    fflush(out) == 0 && !ferror(out))
		return 0;
	e = errno;
	clearerr(out);
	rw_term_printf(stderr, "rotwiz: created, but the summary could not be written: %s\n",
		       e ? strerror(e) : "write error");
	return RW_EXIT_SUMMARY_UNWRITTEN;
}

int
report_put_summary(FILE *out, const char *text)
{
	return put_summary(out, text, RW_TERM_LINES);
}

int
report_put_json(FILE *out, const char *json)
{
	return put_summary(out, json, RW_TERM_JSON);
}
