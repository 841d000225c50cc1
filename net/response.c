#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "common/clock.h"
#include "common/secret.h"
#include "common/strbuf.h"
#include "common/term.h"
#include "net/response.h"

/*
 * Every reply is untrusted.  The limits below keep a hostile or broken
 * server from making us allocate without bound or show a screenful of
 * junk: no real reply comes near them.
 */
#define MAX_STRING	(64u * 1024)	/* one string value */
#define MAX_ITEMS	100000		/* one list */
#define MAX_APPS	1000000		/* a tenant's Azure apps ("clients"), all in one reply: past 100,000 (issue 14) */
#define MAX_MESSAGE	2048u		/* server text kept for display */
#define MAX_LABEL	256u		/* error name */
#define MAX_EXCERPT	200u		/* shown from a body that is not JSON */
#define MAX_ISSUES	20		/* 422 issues spelled out; the rest are counted */
#define MAX_PATH	256u		/* one joined 422 path */

/* Why a body did not parse; rw_parse_error() words each one. */
enum body_problem {
	BODY_OK,
	BODY_EMPTY,
	BODY_TOO_BIG,
	BODY_BINARY,		/* raw NUL bytes */
	BODY_NUL_ESCAPE,	/* valid JSON, but a string holds \u0000 */
	BODY_TRUNCATED,		/* JSON that stops in the middle */
	BODY_NOT_JSON,
};

static int
is_json_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * cJSON turns "\u0000" into a NUL that silently cuts the string short, so
 * "AZURE\u0000X" would read as "AZURE".  Such replies are refused instead.
 * Only escapes inside strings count; the parser checks everything else.
 */
static int
has_nul_escape(const char *s, size_t len)
{
	int in_string = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		if (!in_string) {
			in_string = s[i] == '"';
		} else if (s[i] == '"') {
			in_string = 0;
		} else if (s[i] == '\\') {
			if (len - i >= 6 && s[i + 1] == 'u' && memcmp(s + i + 2, "0000", 4) == 0)
				return 1;
			i++;	/* the escaped character cannot end the string */
		}
	}
	return 0;
}

/*
 * After a failed parse: text that opens an object or array and ends still
 * inside a string or with brackets open was most likely cut short (a
 * dropped connection, a proxy's size limit).  cJSON's error position does
 * not tell this apart, so the brackets are counted here.
 */
static int
looks_cut_short(const char *s, size_t len)
{
	size_t i = 0, depth = 0;
	int in_string = 0;

	while (i < len && is_json_space(s[i]))
		i++;
	if (i == len || (s[i] != '{' && s[i] != '['))
		return 0;
	for (; i < len; i++) {
		if (in_string) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == '"')
				in_string = 0;
		} else if (s[i] == '"') {
			in_string = 1;
		} else if (s[i] == '{' || s[i] == '[') {
			depth++;
		} else if (s[i] == '}' || s[i] == ']') {
			if (depth-- == 0)
				return 0;
		}
	}
	return in_string || depth > 0;
}

static enum body_problem
parse_body(const char *body, size_t len, cJSON **out)
{
	const char *end = NULL;
	cJSON *root;
	size_t pos;

	*out = NULL;
	if (!body || len == 0)
		return BODY_EMPTY;
	if (len > RW_RESPONSE_MAX_BYTES)
		return BODY_TOO_BIG;
	if (memchr(body, '\0', len))
		return BODY_BINARY;
	root = cJSON_ParseWithLengthOpts(body, len, &end, 0);
	if (!root)
		return looks_cut_short(body, len) ? BODY_TRUNCATED : BODY_NOT_JSON;
	/* One value, then only blanks: "{}garbage" is not a reply. */
	for (pos = end ? (size_t) (end - body) : len; pos < len && is_json_space(body[pos]); pos++)
		;
	if (pos != len) {
		cJSON_Delete(root);
		return BODY_NOT_JSON;
	}
	if (has_nul_escape(body, len)) {
		cJSON_Delete(root);
		return BODY_NUL_ESCAPE;
	}
	*out = root;
	return BODY_OK;
}

/*
 * Replies can carry secrets (a login token, a generated client secret, a
 * secret value a server sent although not asked to): every string in the
 * tree is wiped before the tree goes back to the allocator.
 */
static void
wipe_strings(cJSON *item)
{
	for (; item; item = item->next) {
		if (item->valuestring)
			secret_wipe(item->valuestring, strlen(item->valuestring));
		if (item->child)
			wipe_strings(item->child);
	}
}

static void
free_tree(cJSON *root)
{
	if (!root)
		return;
	wipe_strings(root);
	cJSON_Delete(root);
}

/* ---- Reading values with a sticky status (like strbuf's `failed`). ---- */

enum { OPTIONAL = 0, REQUIRED = 1, NONEMPTY = 2 };

struct reader {
	enum rw_status status;
};

static void
reader_fail(struct reader *rd, enum rw_status status)
{
	if (rd->status == RW_OK)
		rd->status = status;
}

/*
 * The item under key, or NULL when absent or JSON null.  An absent
 * REQUIRED item fails the reader.
 */
static const cJSON *
member(struct reader *rd, const cJSON *obj, const char *key, int flags)
{
	const cJSON *item;

	if (rd->status != RW_OK)
		return NULL;
	item = cJSON_IsObject(obj) ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
	if (!item || cJSON_IsNull(item)) {
		if (flags & REQUIRED)
			reader_fail(rd, RW_EPROTO);
		return NULL;
	}
	return item;
}

static char *
take_string(struct reader *rd, const cJSON *obj, const char *key, int flags)
{
	const cJSON *item = member(rd, obj, key, flags);
	size_t n;
	char *copy;

	if (!item)
		return NULL;
	if (!cJSON_IsString(item) || !item->valuestring) {
		reader_fail(rd, RW_EPROTO);
		return NULL;
	}
	n = strnlen(item->valuestring, MAX_STRING + 1);
	if (n > MAX_STRING || (n == 0 && (flags & NONEMPTY))) {
		reader_fail(rd, RW_EPROTO);
		return NULL;
	}
	if (!(copy = malloc(n + 1))) {
		reader_fail(rd, RW_ENOMEM);
		return NULL;
	}
	memcpy(copy, item->valuestring, n + 1);
	return copy;
}

/* A whole number in [min, max]; dflt when absent and optional. */
static long
take_long(struct reader *rd, const cJSON *obj, const char *key, int flags,
	  long min, long max, long dflt)
{
	const cJSON *item = member(rd, obj, key, flags);
	double v;
	long l;

	if (!item)
		return dflt;
	if (!cJSON_IsNumber(item)) {
		reader_fail(rd, RW_EPROTO);
		return dflt;
	}
	v = item->valuedouble;
	/* Written so that NaN fails too; the range check makes the cast defined. */
	if (!(v >= (double) min && v <= (double) max)) {
		reader_fail(rd, RW_EPROTO);
		return dflt;
	}
	l = (long) v;
	if ((double) l != v) {
		reader_fail(rd, RW_EPROTO);
		return dflt;
	}
	return l;
}

static int
take_bool(struct reader *rd, const cJSON *obj, const char *key, int flags, int dflt)
{
	const cJSON *item = member(rd, obj, key, flags);

	if (!item)
		return dflt;
	if (!cJSON_IsBool(item)) {
		reader_fail(rd, RW_EPROTO);
		return dflt;
	}
	return cJSON_IsTrue(item);
}

static const cJSON *
take_object(struct reader *rd, const cJSON *obj, const char *key, int flags)
{
	const cJSON *item = member(rd, obj, key, flags);

	if (item && !cJSON_IsObject(item)) {
		reader_fail(rd, RW_EPROTO);
		return NULL;
	}
	return item;
}

/* An array of at most MAX_ITEMS (MAX_APPS of apps); *count 0 when absent and optional. */
static const cJSON *
take_array(struct reader *rd, const cJSON *obj, const char *key, int flags, size_t *count)
{
	const cJSON *item = member(rd, obj, key, flags), *el;
	size_t n = 0, max = strcmp(key, "clients") == 0 ? MAX_APPS : MAX_ITEMS;

	*count = 0;
	if (!item)
		return NULL;
	if (!cJSON_IsArray(item)) {
		reader_fail(rd, RW_EPROTO);
		return NULL;
	}
	cJSON_ArrayForEach(el, item) {
		if (++n > max) {
			reader_fail(rd, RW_EPROTO);
			return NULL;
		}
	}
	*count = n;
	return item;
}

/* calloc for a list of n; NULL is fine for n == 0. */
static void *
alloc_items(struct reader *rd, size_t n, size_t size)
{
	void *p;

	if (rd->status != RW_OK || n == 0)
		return NULL;
	if (!(p = calloc(n, size)))
		reader_fail(rd, RW_ENOMEM);
	return p;
}

/* Parses body as a JSON object: RW_EPROTO for anything else. */
static enum rw_status
open_object(const char *body, size_t len, cJSON **root)
{
	if (parse_body(body, len, root) != BODY_OK || !cJSON_IsObject(*root))
		return RW_EPROTO;
	return RW_OK;
}

/*
 * Parses body as a JSON object and hands back the array under key (the
 * reply's one list), with its length.
 */
static enum rw_status
open_list(const char *body, size_t len, const char *key, cJSON **root,
	  const cJSON **array, size_t *count)
{
	struct reader rd = { RW_OK };

	rd.status = open_object(body, len, root);
	*array = take_array(&rd, *root, key, REQUIRED, count);
	return rd.status;
}

/* ---- Error replies (doc/api.md section 4). ---- */

/*
 * A copy of server text fit to show (common/term.h: control characters,
 * bidi controls and stray bytes escaped), cut past cap bytes at a
 * character and ended with "...".  Never NULL unless out of memory.
 */
static char *
clean_copy(const char *s, size_t cap)
{
	char *out = malloc(cap + 4);
	size_t used;

	if (!out)
		return NULL;
	used = rw_term_copy(out, cap + 1, s, 0);
	if (s[used])
		strcat(out, "...");
	return out;
}

static char *
clean_member(const cJSON *obj, const char *key, size_t cap)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (!cJSON_IsString(item) || !item->valuestring || !item->valuestring[0])
		return NULL;
	return clean_copy(item->valuestring, cap);
}

/* A zod issue path, ["rotateAtUtc","hours"] -> "rotateAtUtc.hours". */
static void
join_path(const cJSON *path, char *buf, size_t bufsz)
{
	const cJSON *el;
	size_t used = 0;
	int n;

	buf[0] = '\0';
	if (!cJSON_IsArray(path))
		return;
	cJSON_ArrayForEach(el, path) {
		if (cJSON_IsString(el) && el->valuestring)
			n = snprintf(buf + used, bufsz - used, "%s%s", used ? "." : "",
				     el->valuestring);
		else if (cJSON_IsNumber(el) && el->valuedouble >= 0 && el->valuedouble < 1e9)
			n = snprintf(buf + used, bufsz - used, "%s%ld", used ? "." : "",
				     (long) el->valuedouble);
		else
			continue;
		if (n < 0 || (size_t) n >= bufsz - used) {
			/* Too long to name a field: keep what fits, it maps to nothing. */
			used = strlen(buf);
			break;
		}
		used += (size_t) n;
	}
}

/*
 * 422: message is an array of zod issues {code, message, path: [...]}.
 * Joined as "<path>: <message>; ..."; the first issue whose path names a
 * field sets *field.
 */
static char *
join_issues(const cJSON *issues, enum rw_field *field)
{
	struct strbuf sb;
	const cJSON *issue, *text;
	char path[MAX_PATH], *piece;
	int shown = 0, skipped = 0;
	enum rw_field f;

	strbuf_init(&sb, 0);
	cJSON_ArrayForEach(issue, issues) {
		if (cJSON_IsString(issue)) {
			text = issue;
			path[0] = '\0';
		} else if (cJSON_IsObject(issue)) {
			text = cJSON_GetObjectItemCaseSensitive(issue, "message");
			join_path(cJSON_GetObjectItemCaseSensitive(issue, "path"), path,
				  sizeof(path));
		} else {
			continue;
		}
		if (shown == MAX_ISSUES) {
			skipped++;
			continue;
		}
		if (*field == RW_FIELD_NONE && path[0] &&
		    (f = rw_field_by_api_path(path)) != RW_FIELD_NONE)
			*field = f;
		piece = clean_copy(cJSON_IsString(text) && text->valuestring ?
				   text->valuestring : "invalid value", 200);
		if (!piece) {
			strbuf_free(&sb);
			return NULL;
		}
		strbuf_printf(&sb, "%s%s%s%s", shown ? "; " : "", path,
			      path[0] ? ": " : "", piece);
		free(piece);
		shown++;
	}
	if (skipped)
		strbuf_printf(&sb, "; and %d more", skipped);
	if (sb.failed || shown == 0) {
		strbuf_free(&sb);
		return NULL;
	}
	piece = clean_copy(strbuf_str(&sb), MAX_MESSAGE);
	strbuf_free(&sb);
	return piece;
}

/* Well-known refusals (doc/api.md sections 1-3) and the field each is about. */
static const struct {
	const char *text, *also;
	enum rw_field field;
} known_texts[] = {
	{ "A Secret Rotation with the name", "already exists", RW_FIELD_NAME },
	{ "The following secrets already exist at the path", NULL, RW_FIELD_MAP_CLIENT_ID },
	{ "Secrets mapping keys must be unique", NULL, RW_FIELD_MAP_CLIENT_ID },
	{ "Could not find folder with path", NULL, RW_FIELD_SECRET_PATH },
	{ "Invalid secret path", NULL, RW_FIELD_SECRET_PATH },
	{ "Could not find App Connection", NULL, RW_FIELD_CONNECTION },
	{ "cannot be used to connect", NULL, RW_FIELD_CONNECTION },
	{ "Azure does not support token duration", NULL, RW_FIELD_INTERVAL },
	{ "Failed to add client secret to Azure app", NULL, RW_FIELD_OBJECT_ID },
};

static enum rw_field
field_from_text(const char *message)
{
	size_t i;

	for (i = 0; message && i < sizeof(known_texts) / sizeof(known_texts[0]); i++)
		if (strstr(message, known_texts[i].text) &&
		    (!known_texts[i].also || strstr(message, known_texts[i].also)))
			return known_texts[i].field;
	return RW_FIELD_NONE;
}

/*
 * The request id, only when it is what a support desk can use: 1 to
 * RW_REQ_ID_MAX printable ASCII characters without spaces.  Anything else
 * is dropped rather than cleaned, so nothing odd reaches a terminal.
 */
static char *
req_id_member(const cJSON *obj)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, "reqId");
	const char *p;

	if (!cJSON_IsString(item) || !item->valuestring || !item->valuestring[0])
		return NULL;
	for (p = item->valuestring; *p; p++)
		if (*p <= ' ' || *p > '~' || p - item->valuestring >= RW_REQ_ID_MAX)
			return NULL;
	return strdup(item->valuestring);
}

/*
 * The plan-restriction 400 of every secret-rotation route (doc/api.md
 * s.13, item 4); Azure's refusal of the connection's permissions, which
 * the server wraps in its own 400 ("Failed to add client secret to Azure
 * app ID: Insufficient privileges to complete the operation.", its
 * azure-client-secret-rotation-fns.ts; rotate now wraps it the same way).
 */
static enum rw_refusal
refusal_kind(long http_status, const char *message)
{
	if (http_status == 400 && message && strstr(message, "due to plan restriction") &&
	    strstr(message, "secret rotation"))
		return RW_REFUSAL_PLAN;
	if (http_status == 400 && message && strstr(message, "Azure app") &&
	    strstr(message, "Insufficient privileges to complete the operation"))
		return RW_REFUSAL_AZURE_PRIVILEGES;
	return RW_REFUSAL_OTHER;
}

/* "Rate limit exceeded. Please try again in N seconds" -> N; -1 when not said. */
static long
retry_from_text(const char *message)
{
	static const char *const leads[] = { "try again in ", "retry in " };
	static const struct { const char *unit; long seconds; } units[] = {
		{ "second", 1 }, { "minute", 60 }, { "hour", 3600 },
	};
	const char *p = NULL;
	long n = 0;
	size_t i, digits = 0;

	for (i = 0; message && !p && i < sizeof(leads) / sizeof(leads[0]); i++)
		if ((p = strstr(message, leads[i])))
			p += strlen(leads[i]);
	if (!p)
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (++digits > 7)	/* more than ~4 months: not a real answer */
			return -1;
		n = n * 10 + (*p - '0');
	}
	if (digits == 0)
		return -1;
	while (*p == ' ')
		p++;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strncmp(p, units[i].unit, strlen(units[i].unit)) == 0)
			return n * units[i].seconds;
	return n;	/* a bare number: seconds, as in the Retry-After header */
}

static int
has_prefix_nocase(const char *s, const char *end, const char *prefix)
{
	char c;

	for (; *prefix; s++, prefix++) {
		if (s >= end)
			return 0;
		c = *s >= 'A' && *s <= 'Z' ? (char) (*s - 'A' + 'a') : *s;
		if (c != *prefix)
			return 0;
	}
	return 1;
}

/*
 * What to quote from a body that is not JSON: an HTML page's <title>, else
 * its start with tags dropped.  Printable ASCII only, blanks collapsed,
 * at most MAX_EXCERPT characters.
 */
static void
body_excerpt(const char *body, size_t len, char *out, size_t outsz)
{
	const char *p = body, *end = body + (len < 8192 ? len : 8192), *q;
	size_t o = 0, cap = outsz - 4 < MAX_EXCERPT ? outsz - 4 : MAX_EXCERPT;
	int in_tag = 0, space = 0;

	for (q = p; q < end; q++) {
		if (*q == '<' && has_prefix_nocase(q, end, "<title")) {
			while (q < end && *q != '>')
				q++;
			if (q < end) {
				p = q + 1;
				for (q = p; q < end && !has_prefix_nocase(q, end, "</title"); q++)
					;
				end = q;
			}
			break;
		}
	}
	for (; p < end; p++) {
		unsigned char c = (unsigned char) *p;

		if (c == '<') {
			in_tag = 1;
			space = 1;
			continue;
		}
		if (in_tag) {
			in_tag = c != '>';
			continue;
		}
		if (c <= ' ' || c >= 0x7f) {
			space = 1;
			continue;
		}
		if (o + (space && o > 0) + 1 > cap) {
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
		if (space && o > 0)
			out[o++] = ' ';
		space = 0;
		out[o++] = (char) c;
	}
	out[o] = '\0';
}

/* Mostly control bytes at the start: a binary body, not worth quoting. */
static int
looks_binary(const char *body, size_t len)
{
	size_t i, n = len < 512 ? len : 512, odd = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char) body[i];

		if (c == 0)
			return 1;
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
			odd++;
	}
	return odd * 10 > n;
}

/* err->message = "the server answered HTTP <n> with <what>[: "<quote>"]". */
static void
describe(struct rw_api_error *err, const char *what, const char *quote)
{
	char status[32] = "";
	int quoted = quote && *quote;

	if (err->http_status > 0)
		snprintf(status, sizeof(status), " HTTP %ld", err->http_status);
	free(err->message);
	err->message = strbuf_format("the server answered%s with %s%s%s%s", status, what,
				     quoted ? ": \"" : "", quoted ? quote : "", quoted ? "\"" : "");
}

static void
describe_body(struct rw_api_error *err, enum body_problem problem, const char *body, size_t len)
{
	char what[96], quote[MAX_EXCERPT + 8];

	switch (problem) {
	case BODY_EMPTY:
		if (err->http_status <= 0) {
			free(err->message);
			err->message = strdup("no HTTP answer came from the server");
		} else {
			describe(err, "an empty body", NULL);
		}
		break;
	case BODY_TOO_BIG:
		snprintf(what, sizeof(what), "a body too large to read (%zu bytes)", len);
		describe(err, what, NULL);
		break;
	case BODY_BINARY:
		describe(err, "a binary body that is not JSON", NULL);
		break;
	case BODY_NUL_ESCAPE:
		describe(err, "JSON holding a NUL character in a string, which rotwiz refuses",
			 NULL);
		break;
	case BODY_TRUNCATED:
		describe(err, "JSON that was cut short", NULL);
		break;
	case BODY_NOT_JSON:
	case BODY_OK:
		if (looks_binary(body, len)) {
			describe(err, "a binary body that is not JSON", NULL);
		} else {
			body_excerpt(body, len, quote, sizeof(quote));
			describe(err, "a body that is not JSON", quote);
		}
		break;
	}
}

void
rw_parse_error(long http_status, const char *body, size_t len, struct rw_api_error *err)
{
	enum body_problem problem;
	cJSON *root = NULL;
	const cJSON *message;
	char what[MAX_LABEL + 64];

	memset(err, 0, sizeof(*err));
	err->http_status = http_status;
	err->field = RW_FIELD_NONE;
	err->retry_after = -1;
	if (!body)
		len = 0;

	problem = parse_body(body, len, &root);
	if (problem != BODY_OK) {
		describe_body(err, problem, body, len);
		return;
	}
	if (!cJSON_IsObject(root)) {
		describe(err, "JSON that is not an error object", NULL);
		goto out;
	}
	err->error = clean_member(root, "error", MAX_LABEL);
	err->req_id = req_id_member(root);
	message = cJSON_GetObjectItemCaseSensitive(root, "message");
	if (cJSON_IsArray(message))
		err->message = join_issues(message, &err->field);
	else
		err->message = clean_member(root, "message", MAX_MESSAGE);
	if (!err->message) {
		if (err->error)
			snprintf(what, sizeof(what), "%s but no message", err->error);
		else
			snprintf(what, sizeof(what), "an error without a message");
		describe(err, what, NULL);
	}
	if (err->field == RW_FIELD_NONE)
		err->field = field_from_text(err->message);
	err->kind = refusal_kind(http_status, err->message);
	if (http_status == 429 || (err->error && strcmp(err->error, "RateLimitExceeded") == 0))
		err->retry_after = retry_from_text(err->message);
out:
	free_tree(root);
}

enum rw_status
rw_api_error_status(const struct rw_api_error *err)
{
	if (!err || err->http_status <= 0)
		return RW_ENET;
	if (err->http_status == 401 ||
	    (err->http_status == 403 && err->error && strcmp(err->error, "TokenError") == 0))
		return RW_EAUTH;
	if (err->http_status >= 400 && err->http_status <= 599)
		return RW_ESERVER;
	return RW_EPROTO;
}

void
rw_api_error_free(struct rw_api_error *err)
{
	if (!err)
		return;
	free(err->error);
	free(err->message);
	free(err->req_id);
	memset(err, 0, sizeof(*err));
	err->field = RW_FIELD_NONE;
	err->retry_after = -1;
}

/* ---- Success replies. ---- */

enum rw_status
rw_parse_login(const char *body, size_t len, struct rw_login *out)
{
	struct reader rd = { RW_OK };
	cJSON *root = NULL;

	memset(out, 0, sizeof(*out));
	rd.status = open_object(body, len, &root);
	out->access_token = take_string(&rd, root, "accessToken", REQUIRED | NONEMPTY);
	out->expires_in = take_long(&rd, root, "expiresIn", REQUIRED, 0, 0x7fffffffL, 0);
	free_tree(root);
	if (rd.status != RW_OK)
		rw_login_free(out);
	return rd.status;
}

void
rw_login_free(struct rw_login *login)
{
	if (!login)
		return;
	secret_free(&login->access_token);
	memset(login, 0, sizeof(*login));
}

static void
read_environment(struct reader *rd, const cJSON *o, struct rw_environment *env)
{
	if (!cJSON_IsObject(o)) {
		reader_fail(rd, RW_EPROTO);
		return;
	}
	env->slug = take_string(rd, o, "slug", REQUIRED | NONEMPTY);
	env->name = take_string(rd, o, "name", OPTIONAL);
	env->id = take_string(rd, o, "id", OPTIONAL);
}

static void
read_project(struct reader *rd, const cJSON *o, struct rw_project *p)
{
	const cJSON *envs, *el;
	size_t i = 0;

	if (!cJSON_IsObject(o)) {
		reader_fail(rd, RW_EPROTO);
		return;
	}
	p->id = take_string(rd, o, "id", REQUIRED | NONEMPTY);
	p->name = take_string(rd, o, "name", REQUIRED);
	p->slug = take_string(rd, o, "slug", OPTIONAL);
	envs = take_array(rd, o, "environments", OPTIONAL, &p->environment_count);
	p->environments = alloc_items(rd, p->environment_count, sizeof(*p->environments));
	if (!p->environments)
		p->environment_count = 0;
	cJSON_ArrayForEach(el, envs) {
		if (rd->status != RW_OK || i >= p->environment_count)
			break;
		read_environment(rd, el, &p->environments[i++]);
	}
}

enum rw_status
rw_parse_projects(const char *body, size_t len, struct rw_project_list *out)
{
	struct reader rd = { RW_OK };
	cJSON *root = NULL;
	const cJSON *array, *el;
	size_t count, i = 0;

	memset(out, 0, sizeof(*out));
	rd.status = open_list(body, len, "projects", &root, &array, &count);
	if ((out->items = alloc_items(&rd, count, sizeof(*out->items))))
		out->count = count;
	cJSON_ArrayForEach(el, array) {
		if (rd.status != RW_OK || i >= out->count)
			break;
		read_project(&rd, el, &out->items[i++]);
	}
	free_tree(root);
	if (rd.status != RW_OK)
		rw_project_list_free(out);
	return rd.status;
}

static void
free_environment(struct rw_environment *env)
{
	free(env->id);
	free(env->name);
	free(env->slug);
}

void
rw_project_list_free(struct rw_project_list *list)
{
	size_t i, j;

	if (!list)
		return;
	for (i = 0; list->items && i < list->count; i++) {
		struct rw_project *p = &list->items[i];

		for (j = 0; p->environments && j < p->environment_count; j++)
			free_environment(&p->environments[j]);
		free(p->environments);
		free(p->id);
		free(p->name);
		free(p->slug);
	}
	free(list->items);
	memset(list, 0, sizeof(*list));
}

enum rw_status
rw_parse_folders(const char *body, size_t len, struct rw_folder_list *out)
{
	struct reader rd = { RW_OK };
	cJSON *root = NULL;
	const cJSON *array, *el;
	size_t count, i = 0;

	memset(out, 0, sizeof(*out));
	rd.status = open_list(body, len, "folders", &root, &array, &count);
	if ((out->items = alloc_items(&rd, count, sizeof(*out->items))))
		out->count = count;
	cJSON_ArrayForEach(el, array) {
		if (rd.status != RW_OK || i >= out->count)
			break;
		if (!cJSON_IsObject(el))
			reader_fail(&rd, RW_EPROTO);
		out->items[i].id = take_string(&rd, el, "id", REQUIRED | NONEMPTY);
		out->items[i].name = take_string(&rd, el, "name", REQUIRED | NONEMPTY);
		i++;
	}
	free_tree(root);
	if (rd.status != RW_OK)
		rw_folder_list_free(out);
	return rd.status;
}

void
rw_folder_list_free(struct rw_folder_list *list)
{
	size_t i;

	if (!list)
		return;
	for (i = 0; list->items && i < list->count; i++) {
		free(list->items[i].id);
		free(list->items[i].name);
	}
	free(list->items);
	memset(list, 0, sizeof(*list));
}

enum rw_status
rw_parse_connections(const char *body, size_t len, struct rw_connection_list *out)
{
	struct reader rd = { RW_OK };
	cJSON *root = NULL;
	const cJSON *array, *el;
	size_t count, i = 0;

	memset(out, 0, sizeof(*out));
	rd.status = open_list(body, len, "appConnections", &root, &array, &count);
	if ((out->items = alloc_items(&rd, count, sizeof(*out->items))))
		out->count = count;
	cJSON_ArrayForEach(el, array) {
		if (rd.status != RW_OK || i >= out->count)
			break;
		if (!cJSON_IsObject(el))
			reader_fail(&rd, RW_EPROTO);
		out->items[i].id = take_string(&rd, el, "id", REQUIRED | NONEMPTY);
		out->items[i].name = take_string(&rd, el, "name", REQUIRED);
		out->items[i].app = take_string(&rd, el, "app", OPTIONAL);
		i++;
	}
	free_tree(root);
	if (rd.status != RW_OK)
		rw_connection_list_free(out);
	return rd.status;
}

void
rw_connection_list_free(struct rw_connection_list *list)
{
	size_t i;

	if (!list)
		return;
	for (i = 0; list->items && i < list->count; i++) {
		free(list->items[i].id);
		free(list->items[i].name);
		free(list->items[i].app);
	}
	free(list->items);
	memset(list, 0, sizeof(*list));
}

/*
 * A tenant's apps come as one reply of up to RW_RESPONSE_MAX_BYTES, read a
 * slice at a time (decision 30): the object is walked here, and each entry
 * of "clients" -- and every other member's value -- is parsed on its own by
 * cJSON, turned into a struct and its tree freed at once.  The whole reply
 * is never one tree, and a UI reads keys between slices.  What it accepts
 * is what parsing the whole body would: one JSON object and blanks, no raw
 * NUL and no \u0000 anywhere, "clients" (its first occurrence) an array of
 * at most MAX_APPS objects with a non-empty "id" and "appId".
 */
enum apps_phase {
	APPS_OPEN,		/* before '{' */
	APPS_KEY,		/* before a member's key */
	APPS_ITEM,		/* before an entry of "clients" */
	APPS_ITEM_NEXT,		/* after one: ',' or ']' */
	APPS_MEMBER_NEXT,	/* after a member: ',' or '}' */
	APPS_DONE,
};

struct rw_apps_parse {
	const char *body;
	size_t len, pos;
	enum apps_phase phase;
	int seen_clients;
	struct reader rd;
	struct rw_azure_app_list list;
	size_t cap;
};

/* Entries between looks at the clock. */
#define APPS_CLOCK_EVERY 128

static void
apps_skip_space(struct rw_apps_parse *p)
{
	while (p->pos < p->len && is_json_space(p->body[p->pos]))
		p->pos++;
}

/* One JSON value at pos, checked for \u0000; NULL (and the reader failed) when it is not one. */
static cJSON *
apps_value(struct rw_apps_parse *p)
{
	const char *end = NULL;
	cJSON *v = cJSON_ParseWithLengthOpts(p->body + p->pos, p->len - p->pos, &end, 0);

	if (!v || !end || end <= p->body + p->pos || end > p->body + p->len ||
	    has_nul_escape(p->body + p->pos, (size_t) (end - (p->body + p->pos)))) {
		free_tree(v);
		reader_fail(&p->rd, RW_EPROTO);
		return NULL;
	}
	p->pos = (size_t) (end - p->body);
	return v;
}

static void
apps_add(struct rw_apps_parse *p, const cJSON *el)
{
	struct rw_azure_app *a;

	if (!cJSON_IsObject(el) || p->list.count >= MAX_APPS) {
		reader_fail(&p->rd, RW_EPROTO);
		return;
	}
	if (p->list.count == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		struct rw_azure_app *grown = realloc(p->list.items, cap * sizeof(*grown));

		if (!grown) {
			reader_fail(&p->rd, RW_ENOMEM);
			return;
		}
		p->list.items = grown;
		p->cap = cap;
	}
	a = &p->list.items[p->list.count++];
	a->object_id = take_string(&p->rd, el, "id", REQUIRED | NONEMPTY);
	a->name = take_string(&p->rd, el, "name", OPTIONAL);
	a->client_id = take_string(&p->rd, el, "appId", REQUIRED | NONEMPTY);
}

/* One step of the walk: a bracket, a separator, a key or a value. */
static void
apps_step(struct rw_apps_parse *p)
{
	cJSON *v;
	char c;

	apps_skip_space(p);
	if (p->pos == p->len) {
		if (p->phase != APPS_DONE || !p->seen_clients)
			reader_fail(&p->rd, RW_EPROTO);
		p->phase = APPS_DONE;
		return;
	}
	c = p->body[p->pos];
	switch (p->phase) {
	case APPS_OPEN:
		if (c != '{')
			break;
		p->pos++;
		apps_skip_space(p);
		if (p->pos < p->len && p->body[p->pos] == '}') {
			p->pos++;
			p->phase = APPS_DONE;	/* no "clients": refused at the end */
		} else {
			p->phase = APPS_KEY;
		}
		return;
	case APPS_KEY: {
		int clients;

		if (c != '"' || !(v = apps_value(p)))
			break;
		clients = cJSON_IsString(v) && strcmp(v->valuestring, "clients") == 0;
		free_tree(v);
		apps_skip_space(p);
		if (p->pos == p->len || p->body[p->pos] != ':')
			break;
		p->pos++;
		apps_skip_space(p);
		if (clients && !p->seen_clients) {
			p->seen_clients = 1;
			/* null or anything else than an array: not the list the API promises. */
			if (p->pos == p->len || p->body[p->pos] != '[')
				break;
			p->pos++;
			apps_skip_space(p);
			if (p->pos < p->len && p->body[p->pos] == ']') {
				p->pos++;
				p->phase = APPS_MEMBER_NEXT;
			} else {
				p->phase = APPS_ITEM;
			}
			return;
		}
		if (!(v = apps_value(p)))
			break;
		free_tree(v);
		p->phase = APPS_MEMBER_NEXT;
		return;
	}
	case APPS_ITEM:
		if (!(v = apps_value(p)))
			break;
		apps_add(p, v);
		free_tree(v);
		p->phase = APPS_ITEM_NEXT;
		return;
	case APPS_ITEM_NEXT:
		if (c != ',' && c != ']')
			break;
		p->pos++;
		p->phase = c == ',' ? APPS_ITEM : APPS_MEMBER_NEXT;
		return;
	case APPS_MEMBER_NEXT:
		if (c != ',' && c != '}')
			break;
		p->pos++;
		p->phase = c == ',' ? APPS_KEY : APPS_DONE;
		return;
	case APPS_DONE:
		break;	/* something after the object */
	}
	reader_fail(&p->rd, RW_EPROTO);
}

enum rw_status
rw_apps_parse_begin(const char *body, size_t len, struct rw_apps_parse **out)
{
	struct rw_apps_parse *p;

	*out = NULL;
	if (!(p = calloc(1, sizeof(*p))))
		return RW_ENOMEM;
	p->body = body;
	p->len = len;
	p->rd.status = RW_OK;
	if (!body || len == 0 || len > RW_RESPONSE_MAX_BYTES || memchr(body, '\0', len))
		reader_fail(&p->rd, RW_EPROTO);
	*out = p;
	return RW_OK;
}

int
rw_apps_parse_run(struct rw_apps_parse *p, long budget_us)
{
	long long until = budget_us >= 0 ? rw_monotonic_us() + budget_us : 0;
	unsigned steps = 0;

	while (p->rd.status == RW_OK && !(p->phase == APPS_DONE && p->pos == p->len)) {
		apps_step(p);
		if (budget_us >= 0 && ++steps % APPS_CLOCK_EVERY == 0 && rw_monotonic_us() >= until)
			return p->rd.status != RW_OK || (p->phase == APPS_DONE && p->pos == p->len);
	}
	return 1;
}

enum rw_status
rw_apps_parse_end(struct rw_apps_parse **pp, struct rw_azure_app_list *out)
{
	struct rw_apps_parse *p = *pp;
	enum rw_status st;

	memset(out, 0, sizeof(*out));
	if (!p)
		return RW_EPROTO;
	if (p->rd.status == RW_OK && !(p->phase == APPS_DONE && p->pos == p->len && p->seen_clients))
		reader_fail(&p->rd, RW_EPROTO);	/* stopped before the end */
	st = p->rd.status;
	if (st == RW_OK && p->list.count > 0 && p->list.count < p->cap) {
		struct rw_azure_app *fit = realloc(p->list.items, p->list.count * sizeof(*fit));

		if (fit)	/* else the larger block serves as well */
			p->list.items = fit;
	}
	if (st == RW_OK)
		*out = p->list;
	else
		rw_azure_app_list_free(&p->list);
	free(p);
	*pp = NULL;
	return st;
}

enum rw_status
rw_parse_azure_apps(const char *body, size_t len, struct rw_azure_app_list *out)
{
	struct rw_apps_parse *p;
	enum rw_status st;

	memset(out, 0, sizeof(*out));
	if ((st = rw_apps_parse_begin(body, len, &p)) != RW_OK)
		return st;
	rw_apps_parse_run(p, -1);
	return rw_apps_parse_end(&p, out);
}

void
rw_azure_app_list_free(struct rw_azure_app_list *list)
{
	size_t i;

	if (!list)
		return;
	for (i = 0; list->items && i < list->count; i++) {
		free(list->items[i].object_id);
		free(list->items[i].name);
		free(list->items[i].client_id);
	}
	free(list->items);
	memset(list, 0, sizeof(*list));
}

/*
 * GET /api/v4/secrets: only secretKey is read.  Whatever else an entry
 * holds (a value, if a server sent one unasked) is never looked at, and is
 * wiped with the rest of the tree.
 */
enum rw_status
rw_parse_secret_names(const char *body, size_t len, struct rw_name_list *out)
{
	struct reader rd = { RW_OK };
	cJSON *root = NULL;
	const cJSON *array, *el;
	size_t count, i = 0;

	memset(out, 0, sizeof(*out));
	rd.status = open_list(body, len, "secrets", &root, &array, &count);
	if ((out->items = alloc_items(&rd, count, sizeof(*out->items))))
		out->count = count;
	cJSON_ArrayForEach(el, array) {
		if (rd.status != RW_OK || i >= out->count)
			break;
		if (!cJSON_IsObject(el))
			reader_fail(&rd, RW_EPROTO);
		out->items[i++] = take_string(&rd, el, "secretKey", REQUIRED | NONEMPTY);
	}
	free_tree(root);
	if (rd.status != RW_OK)
		rw_name_list_free(out);
	return rd.status;
}

int
rw_name_list_has(const struct rw_name_list *list, const char *name)
{
	size_t i;

	for (i = 0; list && name && i < list->count; i++)
		if (list->items[i] && strcmp(list->items[i], name) == 0)
			return 1;
	return 0;
}

int
rw_name_list_add(struct rw_name_list *list, const char *name)
{
	char **grown = realloc(list->items, (list->count + 1) * sizeof(*grown));

	if (!grown)
		return -1;
	list->items = grown;
	if (!(grown[list->count] = strdup(name)))
		return -1;
	list->count++;
	return 0;
}

void
rw_name_list_free(struct rw_name_list *list)
{
	size_t i;

	if (!list)
		return;
	for (i = 0; list->items && i < list->count; i++)
		free(list->items[i]);
	free(list->items);
	memset(list, 0, sizeof(*list));
}

/* One secretRotation object (doc/api.md section 2). */
static void
read_rotation(struct reader *rd, const cJSON *o, struct rw_rotation *r)
{
	const cJSON *sub, *params, *mapping;
	/* The Azure fields are required for Azure rotations only. */
	int azure;

	if (!cJSON_IsObject(o)) {
		reader_fail(rd, RW_EPROTO);
		return;
	}
	r->id = take_string(rd, o, "id", REQUIRED | NONEMPTY);
	r->name = take_string(rd, o, "name", REQUIRED | NONEMPTY);
	r->description = take_string(rd, o, "description", OPTIONAL);
	r->type = take_string(rd, o, "type", REQUIRED | NONEMPTY);
	r->project_id = take_string(rd, o, "projectId", REQUIRED | NONEMPTY);
	r->connection_id = take_string(rd, o, "connectionId", REQUIRED | NONEMPTY);
	r->auto_rotation = take_bool(rd, o, "isAutoRotationEnabled", REQUIRED, 0);
	r->interval_days = take_long(rd, o, "rotationInterval", REQUIRED, 1, 0x7fffffffL, 0);
	r->active_index = (int) take_long(rd, o, "activeIndex", OPTIONAL, 0, 1, 0);
	r->rotation_status = take_string(rd, o, "rotationStatus", OPTIONAL);
	r->created_at = take_string(rd, o, "createdAt", REQUIRED | NONEMPTY);
	r->next_rotation_at = take_string(rd, o, "nextRotationAt", OPTIONAL);
	r->last_rotated_at = take_string(rd, o, "lastRotatedAt", OPTIONAL);
	r->last_message = take_string(rd, o, "lastRotationMessage", OPTIONAL);

	/* The server's default when absent is midnight UTC. */
	if ((sub = take_object(rd, o, "rotateAtUtc", OPTIONAL))) {
		r->hours = (int) take_long(rd, sub, "hours", REQUIRED, 0, 23, 0);
		r->minutes = (int) take_long(rd, sub, "minutes", REQUIRED, 0, 59, 0);
	}
	if ((sub = take_object(rd, o, "connection", OPTIONAL)))
		r->connection_name = take_string(rd, sub, "name", OPTIONAL);
	if ((sub = take_object(rd, o, "environment", OPTIONAL))) {
		r->environment_slug = take_string(rd, sub, "slug", OPTIONAL);
		r->environment_name = take_string(rd, sub, "name", OPTIONAL);
	}
	if ((sub = take_object(rd, o, "folder", OPTIONAL)))
		r->folder_path = take_string(rd, sub, "path", OPTIONAL);

	azure = r->type && strcmp(r->type, "azure-client-secret") == 0 ? REQUIRED | NONEMPTY
								     : OPTIONAL;
	params = take_object(rd, o, "parameters", REQUIRED);
	r->object_id = take_string(rd, params, "objectId", azure);
	r->client_id = take_string(rd, params, "clientId", azure);
	r->app_name = take_string(rd, params, "appName", OPTIONAL);
	mapping = take_object(rd, o, "secretsMapping", REQUIRED);
	r->map_client_id = take_string(rd, mapping, "clientId", azure);
	r->map_client_secret = take_string(rd, mapping, "clientSecret", azure);
}

enum rw_status
rw_parse_rotation(const char *body, size_t len, struct rw_rotation *out)
{
	struct reader rd = { RW_OK };
	cJSON *root = NULL;

	memset(out, 0, sizeof(*out));
	rd.status = open_object(body, len, &root);
	read_rotation(&rd, member(&rd, root, "secretRotation", REQUIRED), out);
	free_tree(root);
	if (rd.status != RW_OK)
		rw_rotation_free(out);
	return rd.status;
}

void
rw_rotation_free(struct rw_rotation *r)
{
	if (!r)
		return;
	free(r->id);
	free(r->name);
	free(r->description);
	free(r->type);
	free(r->project_id);
	free(r->connection_id);
	free(r->connection_name);
	free(r->environment_slug);
	free(r->environment_name);
	free(r->folder_path);
	free(r->object_id);
	free(r->client_id);
	free(r->app_name);
	free(r->map_client_id);
	free(r->map_client_secret);
	free(r->rotation_status);
	free(r->created_at);
	free(r->next_rotation_at);
	free(r->last_rotated_at);
	free(r->last_message);
	memset(r, 0, sizeof(*r));
}

enum rw_status
rw_parse_rotation_list(const char *body, size_t len, struct rw_rotation_list *out)
{
	struct reader rd = { RW_OK };
	cJSON *root = NULL;
	const cJSON *array, *el;
	size_t count, i = 0;

	memset(out, 0, sizeof(*out));
	rd.status = open_list(body, len, "secretRotations", &root, &array, &count);
	if ((out->items = alloc_items(&rd, count, sizeof(*out->items))))
		out->count = count;
	cJSON_ArrayForEach(el, array) {
		if (rd.status != RW_OK || i >= out->count)
			break;
		read_rotation(&rd, el, &out->items[i++]);
	}
	free_tree(root);
	if (rd.status != RW_OK)
		rw_rotation_list_free(out);
	return rd.status;
}

void
rw_rotation_list_free(struct rw_rotation_list *list)
{
	size_t i;

	if (!list)
		return;
	for (i = 0; list->items && i < list->count; i++)
		rw_rotation_free(&list->items[i]);
	free(list->items);
	memset(list, 0, sizeof(*list));
}

/*
 * {generatedCredentials: [{clientId, clientSecret, keyId}], activeIndex}.
 * clientSecret is kept apart, for a reveal the user asks for (decision 26),
 * and wiped with the struct; free_tree() wipes the tree's copy.
 */
enum rw_status
rw_parse_generated(const char *body, size_t len, struct rw_generated *out)
{
	struct reader rd = { RW_OK };
	cJSON *root = NULL;
	const cJSON *array, *el;
	size_t count, i = 0;

	memset(out, 0, sizeof(*out));
	rd.status = open_object(body, len, &root);
	array = take_array(&rd, root, "generatedCredentials", REQUIRED, &count);
	out->active_index = (int) take_long(&rd, root, "activeIndex", REQUIRED, 0, 1, 0);
	/* Two slots at most (dual-phase rotation), and the active one must exist. */
	if (rd.status == RW_OK && (count < 1 || count > 2 || (size_t) out->active_index >= count))
		reader_fail(&rd, RW_EPROTO);
	cJSON_ArrayForEach(el, array) {
		if (rd.status != RW_OK || i >= 2)
			break;
		if (!cJSON_IsObject(el))
			reader_fail(&rd, RW_EPROTO);
		out->key_id[i] = take_string(&rd, el, "keyId", REQUIRED | NONEMPTY);
		out->client_id[i] = take_string(&rd, el, "clientId", REQUIRED | NONEMPTY);
		out->client_secret[i] = take_string(&rd, el, "clientSecret", 0);
		i++;
	}
	out->count = i;
	free_tree(root);
	if (rd.status != RW_OK)
		rw_generated_free(out);
	return rd.status;
}

void
rw_generated_free(struct rw_generated *generated)
{
	int i;

	if (!generated)
		return;
	for (i = 0; i < 2; i++) {
		free(generated->key_id[i]);
		free(generated->client_id[i]);
		secret_free(&generated->client_secret[i]);
	}
	memset(generated, 0, sizeof(*generated));
}

/* ---- the rotation as JSON again (--json) ---- */

/* Adds a string, or JSON null for NULL (the server's nullable fields). */
static void
json_string_or_null(cJSON *obj, const char *key, const char *value)
{
	if (value)
		cJSON_AddStringToObject(obj, key, value);
	else
		cJSON_AddNullToObject(obj, key);
}

/* The rotation's parsed fields in the server's shape. */
static void
rotation_fields(cJSON *rot, const struct rw_rotation *r)
{
	cJSON *o;

	json_string_or_null(rot, "id", r->id);
	json_string_or_null(rot, "name", r->name);
	json_string_or_null(rot, "description", r->description);
	json_string_or_null(rot, "type", r->type);
	cJSON_AddBoolToObject(rot, "isAutoRotationEnabled", r->auto_rotation);
	cJSON_AddNumberToObject(rot, "activeIndex", r->active_index);
	json_string_or_null(rot, "connectionId", r->connection_id);
	json_string_or_null(rot, "projectId", r->project_id);
	json_string_or_null(rot, "createdAt", r->created_at);
	cJSON_AddNumberToObject(rot, "rotationInterval", (double) r->interval_days);
	if ((o = cJSON_AddObjectToObject(rot, "rotateAtUtc"))) {
		cJSON_AddNumberToObject(o, "hours", r->hours);
		cJSON_AddNumberToObject(o, "minutes", r->minutes);
	}
	json_string_or_null(rot, "rotationStatus", r->rotation_status);
	json_string_or_null(rot, "lastRotatedAt", r->last_rotated_at);
	json_string_or_null(rot, "nextRotationAt", r->next_rotation_at);
	json_string_or_null(rot, "lastRotationMessage", r->last_message);
	if ((o = cJSON_AddObjectToObject(rot, "connection"))) {
		json_string_or_null(o, "app", "azure-client-secrets");
		json_string_or_null(o, "name", r->connection_name);
		json_string_or_null(o, "id", r->connection_id);
	}
	if ((o = cJSON_AddObjectToObject(rot, "environment"))) {
		json_string_or_null(o, "slug", r->environment_slug);
		json_string_or_null(o, "name", r->environment_name);
	}
	if ((o = cJSON_AddObjectToObject(rot, "folder")))
		json_string_or_null(o, "path", r->folder_path);
	if ((o = cJSON_AddObjectToObject(rot, "parameters"))) {
		json_string_or_null(o, "objectId", r->object_id);
		json_string_or_null(o, "clientId", r->client_id);
		if (r->app_name)
			json_string_or_null(o, "appName", r->app_name);
	}
	if ((o = cJSON_AddObjectToObject(rot, "secretsMapping"))) {
		json_string_or_null(o, "clientId", r->map_client_id);
		json_string_or_null(o, "clientSecret", r->map_client_secret);
	}
}

char *
rw_rotation_json(const struct rw_rotation *r)
{
	cJSON *root = cJSON_CreateObject(), *rot;
	char *text = NULL;

	if (root && (rot = cJSON_AddObjectToObject(root, "secretRotation"))) {
		rotation_fields(rot, r);
		text = cJSON_Print(root);
	}
	cJSON_Delete(root);
	return text;
}

char *
rw_rotations_json(const struct rw_rotation *const *items, const char *const *health,
		  const char *const *status, size_t count)
{
	cJSON *root = cJSON_CreateObject(), *list, *rot, *o;
	char *text = NULL;
	size_t i;

	if (!root || !(list = cJSON_AddArrayToObject(root, "secretRotations")))
		goto out;
	for (i = 0; i < count; i++) {
		if (!(rot = cJSON_CreateObject()))
			goto out;
		cJSON_AddItemToArray(list, rot);
		rotation_fields(rot, items[i]);
		if ((o = cJSON_AddObjectToObject(rot, "rotwiz"))) {
			json_string_or_null(o, "health", health ? health[i] : NULL);
			json_string_or_null(o, "status", status ? status[i] : NULL);
		}
	}
	text = cJSON_Print(root);
out:
	cJSON_Delete(root);
	return text;
}
