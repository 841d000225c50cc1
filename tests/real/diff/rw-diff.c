#include "config.h"

/*
 * rw-diff REQUESTS ALLOW: the differential test.  Sends every request of
 * REQUESTS (see requests.txt for the format) to two servers, the real
 * Infisical and rotwiz-sandbox, each with its own placeholder values, and
 * compares what they answer: the status, `error`, `message` (ids, times,
 * reqIds and the per-world values put back as placeholders) and the set of
 * fields, recursively, arrays by their first element.  One TAP case per
 * request; each difference is a diag line.  A difference named in ALLOW
 * (one "<case> <aspect> [<field>]" a line) is shown but passes.
 *
 * Worlds: "real" and "sandbox" form the main pair, "stock" and "free" (the
 * stock server, the sandbox with --plan free) the plan pair.  World W's
 * base URL is $DIFF_W_URL and its placeholder {NAME} is $DIFF_W_NAME,
 * unless a case captured NAME from an answer of W.  Tokens and secrets go
 * into requests only; what is printed is placeholders, statuses, error
 * words, messages and field names.
 */

#include <ctype.h>
#include <stdarg.h>
#include <curl/curl.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/strbuf.h"

#define MAX_HEADERS 16
#define MAX_VARS 64

enum pair { PAIR_MAIN, PAIR_STOCK };

struct request_case {
	char *id, *title;
	enum pair pair;
	int want_status;		/* 0: any, as long as both agree */
	char *capture_name, *capture_path;
	char *method, *path;
	char *headers[MAX_HEADERS];
	int header_count;
	int has_body;			/* a blank line after the headers */
	struct strbuf body;
	int line;
};

struct var {
	char *name, *value;
};

struct world {
	const char *name;		/* "real", "sandbox", "stock", "free" */
	const char *env;		/* "REAL", ... */
	struct var vars[MAX_VARS];	/* captured values */
	int var_count;
};

struct answer {
	long status;
	struct strbuf text;
	cJSON *json;
	char *failure;			/* transport failure, or NULL */
};

static struct world worlds[4] = {
	{ "real", "REAL", { { NULL, NULL } }, 0 },
	{ "sandbox", "SANDBOX", { { NULL, NULL } }, 0 },
	{ "stock", "STOCK", { { NULL, NULL } }, 0 },
	{ "free", "FREE", { { NULL, NULL } }, 0 },
};

/* The placeholders whose values go back into messages, where the two worlds differ. */
static const char *const known_names[] = {
	"PROJECT_ID", "PROJECT_SLUG", "CONNECTION_ID", "CONNECTION_NAME", "OBJECT_ID", "CLIENT_ID",
	"ENV", "FOLDER", "ROTATION_ID", "RUN", "TOKEN", "UA_CLIENT_ID", "UA_CLIENT_SECRET",
	"ORG_ID", "LOGIN_TOKEN", "READ_CONNECTION_ID", "READ_CONNECTION_NAME", NULL
};

static char *
xstrdup(const char *s)
{
	char *copy = strdup(s);

	if (!copy) {
		fputs("Bail out! out of memory\n", stdout);
		exit(1);
	}
	return copy;
}

/* ---- the request list ---- */

static char *
trim_end(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

static void
case_free(struct request_case *c)
{
	int i;

	free(c->id);
	free(c->title);
	free(c->capture_name);
	free(c->capture_path);
	free(c->method);
	free(c->path);
	for (i = 0; i < c->header_count; i++)
		free(c->headers[i]);
	strbuf_free(&c->body);
}

/*
 * Reads the list: "=== ID TITLE" starts a case, "@..." lines set its
 * options, then "METHOD PATH", header lines, and after a blank line the
 * body up to the next case.  Lines starting with '#' are comments.
 */
static struct request_case *
load_cases(const char *file, size_t *count)
{
	enum { NONE, OPTIONS, HEADERS, BODY } state = NONE;
	struct request_case *cases = NULL, *c = NULL;
	char line[65536];
	int lineno = 0;
	FILE *fp = fopen(file, "r");

	*count = 0;
	if (!fp) {
		printf("Bail out! cannot read %s\n", file);
		exit(1);
	}
	while (fgets(line, sizeof(line), fp)) {
		lineno++;
		if (line[0] == '#')
			continue;
		if (strncmp(line, "===", 3) == 0) {
			char *p = trim_end(line) + 3, *sp;

			cases = realloc(cases, (*count + 1) * sizeof(*cases));
			if (!cases) {
				fputs("Bail out! out of memory\n", stdout);
				exit(1);
			}
			c = &cases[(*count)++];
			memset(c, 0, sizeof(*c));
			strbuf_init(&c->body, 0);
			c->line = lineno;
			while (*p == ' ')
				p++;
			sp = strchr(p, ' ');
			if (sp)
				*sp++ = '\0';
			c->id = xstrdup(p);
			c->title = xstrdup(sp ? sp : "");
			state = OPTIONS;
			continue;
		}
		if (state == NONE) {
			if (*trim_end(line))
				printf("Bail out! %s:%d: text before the first case\n", file, lineno), exit(1);
			continue;
		}
		if (state == OPTIONS) {
			char *text = trim_end(line);

			if (!*text)
				continue;
			if (strcmp(text, "@pair stock") == 0)
				c->pair = PAIR_STOCK;
			else if (strncmp(text, "@status ", 8) == 0)
				c->want_status = atoi(text + 8);
			else if (strncmp(text, "@capture ", 9) == 0) {
				char *name = text + 9, *path = strchr(name, ' ');

				if (!path)
					printf("Bail out! %s:%d: @capture NAME PATH\n", file, lineno), exit(1);
				*path++ = '\0';
				c->capture_name = xstrdup(name);
				c->capture_path = xstrdup(path);
			} else if (text[0] == '@') {
				printf("Bail out! %s:%d: unknown option %s\n", file, lineno, text);
				exit(1);
			} else {
				char *sp = strchr(text, ' ');

				if (!sp)
					printf("Bail out! %s:%d: METHOD PATH expected\n", file, lineno), exit(1);
				*sp = '\0';
				c->method = xstrdup(text);
				c->path = xstrdup(sp + 1);
				state = HEADERS;
			}
			continue;
		}
		if (state == HEADERS) {
			char *text = trim_end(line);

			if (!*text) {
				c->has_body = 1;
				state = BODY;
			} else if (c->header_count < MAX_HEADERS) {
				c->headers[c->header_count++] = xstrdup(text);
			} else {
				printf("Bail out! %s:%d: too many headers\n", file, lineno);
				exit(1);
			}
			continue;
		}
		strbuf_puts(&c->body, line);
	}
	fclose(fp);
	/* The blank lines between one body and the next case are not part of the body. */
	for (size_t i = 0; i < *count; i++) {
		struct strbuf *b = &cases[i].body;

		while (b->len > 0 && (b->data[b->len - 1] == '\n' || b->data[b->len - 1] == ' '))
			b->data[--b->len] = '\0';
		if (!cases[i].method)
			printf("Bail out! %s:%d: case %s has no request line\n", file, cases[i].line,
			       cases[i].id), exit(1);
	}
	return cases;
}

/* ---- placeholders ---- */

/* The value of {name} in world w, or NULL. */
static const char *
lookup(const struct world *w, const char *name)
{
	char env[256];
	int i;

	for (i = w->var_count - 1; i >= 0; i--)
		if (strcmp(w->vars[i].name, name) == 0)
			return w->vars[i].value;
	snprintf(env, sizeof(env), "DIFF_%s_%s", w->env, name);
	return getenv(env);
}

static void
set_var(struct world *w, const char *name, const char *value)
{
	if (w->var_count == MAX_VARS) {
		fputs("Bail out! too many captured values\n", stdout);
		exit(1);
	}
	w->vars[w->var_count].name = xstrdup(name);
	w->vars[w->var_count].value = xstrdup(value);
	w->var_count++;
}

/*
 * Fills out with template's text, {NAME} replaced by world w's value and
 * {REPEAT N C} by N times the character C, {BYTE HH} by the byte of hex HH.  -1 with *missing set (malloc'd)
 * when a placeholder has no value.
 */
static int
expand(const struct world *w, const char *template, size_t len, struct strbuf *out,
       char **missing)
{
	size_t i = 0;

	strbuf_reset(out);
	while (i < len) {
		const char *close;
		char name[128];
		size_t n;

		if (template[i] != '{' || !(close = memchr(template + i, '}', len - i)) ||
		    (n = (size_t) (close - template - i - 1)) == 0 || n >= sizeof(name) ||
		    !(isupper((unsigned char) template[i + 1]))) {
			strbuf_append(out, template + i, 1);
			i++;
			continue;
		}
		memcpy(name, template + i + 1, n);
		name[n] = '\0';
		if (strncmp(name, "BYTE ", 5) == 0) {
			unsigned byte;
			char ch;

			/* A raw byte the file cannot hold as text, a NUL above all. */
			if (sscanf(name + 5, "%2x", &byte) == 1 && n == 7) {
				ch = (char) byte;
				strbuf_append(out, &ch, 1);
				i += n + 2;
				continue;
			}
		} else if (strncmp(name, "REPEAT ", 7) == 0) {
			char ch;
			int times;

			if (sscanf(name + 7, "%d %c", &times, &ch) == 2 && times >= 0 && times < 1 << 20) {
				while (times-- > 0)
					strbuf_append(out, &ch, 1);
				i += n + 2;
				continue;
			}
		} else {
			int k, plain = 1;

			for (k = 0; name[k]; k++)
				if (!isupper((unsigned char) name[k]) && !isdigit((unsigned char) name[k]) &&
				    name[k] != '_')
					plain = 0;
			if (plain) {
				const char *value = lookup(w, name);

				if (!value) {
					*missing = xstrdup(name);
					return -1;
				}
				strbuf_puts(out, value);
				i += n + 2;
				continue;
			}
		}
		strbuf_append(out, template + i, 1);
		i++;
	}
	return out->failed ? -1 : 0;
}

/* ---- HTTP ---- */

static size_t
collect(char *data, size_t size, size_t n, void *sb)
{
	strbuf_append(sb, data, size * n);
	return size * n;
}

static void
answer_free(struct answer *a)
{
	strbuf_free(&a->text);
	cJSON_Delete(a->json);
	free(a->failure);
	memset(a, 0, sizeof(*a));
}

/*
 * The answer parsed with each \u0000 escape kept as the six characters
 * "\u0000": cJSON would end the string there and hide what follows.
 */
static cJSON *
parse_visible_nul(const char *text, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	int in_string = 0;
	size_t i;
	cJSON *json;

	for (i = 0; i < len; i++) {
		if (in_string && text[i] == '\\' && i + 1 < len) {
			if (i + 5 < len && memcmp(text + i + 1, "u0000", 5) == 0)
				strbuf_puts(&sb, "\\");
			else {
				strbuf_append(&sb, text + i, 2);
				i++;
				continue;
			}
		} else if (text[i] == '"') {
			in_string = !in_string;
		}
		strbuf_append(&sb, text + i, 1);
	}
	json = cJSON_ParseWithLength(sb.data ? sb.data : "", sb.len);
	strbuf_free(&sb);
	return json;
}

static void
send_case(const struct request_case *c, const struct world *w, struct answer *a)
{
	struct strbuf url = STRBUF_INIT, scratch = STRBUF_INIT, body = STRBUF_INIT;
	struct curl_slist *headers = NULL;
	const char *base = lookup(w, "URL");
	char *missing = NULL, errbuf[CURL_ERROR_SIZE] = "";
	int has_type = 0, i;
	CURL *curl;
	CURLcode rc;

	memset(a, 0, sizeof(*a));
	strbuf_init(&a->text, 0);
	if (!base) {
		a->failure = strbuf_format("no DIFF_%s_URL", w->env);
		return;
	}
	strbuf_puts(&url, base);
	if (expand(w, c->path, strlen(c->path), &scratch, &missing) < 0)
		goto missing;
	strbuf_puts(&url, strbuf_str(&scratch));
	for (i = 0; i < c->header_count; i++) {
		if (expand(w, c->headers[i], strlen(c->headers[i]), &scratch, &missing) < 0)
			goto missing;
		if (strncasecmp(c->headers[i], "content-type:", 13) == 0)
			has_type = 1;
		headers = curl_slist_append(headers, strbuf_str(&scratch));
	}
	/* Only what the case says: no default Content-Type, no Expect. */
	if (!has_type)
		headers = curl_slist_append(headers, "Content-Type:");
	headers = curl_slist_append(headers, "Expect:");
	if (c->has_body && expand(w, c->body.data ? c->body.data : "", c->body.len, &body,
				  &missing) < 0)
		goto missing;
	curl = curl_easy_init();
	curl_easy_setopt(curl, CURLOPT_URL, strbuf_str(&url));
	curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, c->method);
	if (strcmp(c->method, "HEAD") == 0)
		curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
	if (c->has_body) {
		curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long) body.len);
		curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data ? body.data : "");
	}
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &a->text);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, 120L);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	rc = curl_easy_perform(curl);
	if (rc != CURLE_OK)
		a->failure = strbuf_format("%s", *errbuf ? errbuf : curl_easy_strerror(rc));
	else {
		curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &a->status);
		a->json = parse_visible_nul(a->text.data ? a->text.data : "", a->text.len);
	}
	curl_easy_cleanup(curl);
	goto out;
missing:
	a->failure = strbuf_format("no value for {%s} (DIFF_%s_%s)", missing, w->env, missing);
	free(missing);
out:
	curl_slist_free_all(headers);
	strbuf_free(&url);
	strbuf_free(&scratch);
	strbuf_free(&body);
}

/* ---- what is compared ---- */

static int
is_hex(char ch)
{
	return isxdigit((unsigned char) ch);
}

static int
uuid_at(const char *s)
{
	static const int groups[] = { 8, 4, 4, 4, 12 };
	int g, k;

	for (g = 0; g < 5; g++) {
		for (k = 0; k < groups[g]; k++, s++)
			if (!is_hex(*s))
				return 0;
		if (g < 4 && *s++ != '-')
			return 0;
	}
	return !is_hex(*s);
}

/* "2026-12-01T20:12:24.475Z" and the like: the length matched, or 0. */
static size_t
time_at(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd";
	size_t i;

	for (i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? !isdigit((unsigned char) s[i]) : s[i] != shape[i])
			return 0;
	if (s[i] == '.')
		for (i++; isdigit((unsigned char) s[i]); i++)
			;
	if (s[i] == 'Z')
		i++;
	return i;
}

/*
 * text with the values that differ between the pair's worlds (w's own and
 * other's) replaced by their placeholder names, then every uuid, time and
 * request id by {uuid}, {time} and {reqId}.  malloc'd.
 */
static char *
normalise(const char *text, const struct world *w, const struct world *other)
{
	struct strbuf sb = STRBUF_INIT;
	const char *names[MAX_VARS + 32], *values[MAX_VARS + 32];
	size_t n = 0, i, k;
	const char *p;

	for (i = 0; known_names[i]; i++) {
		const char *mine = lookup(w, known_names[i]), *theirs = lookup(other, known_names[i]);

		if (mine && strlen(mine) >= 3 && (!theirs || strcmp(mine, theirs) != 0)) {
			names[n] = known_names[i];
			values[n++] = mine;
		}
	}
	/* Longest first, so that a value inside another is not replaced first. */
	for (i = 0; i < n; i++)
		for (k = i + 1; k < n; k++)
			if (strlen(values[k]) > strlen(values[i])) {
				const char *t = values[i], *u = names[i];

				values[i] = values[k], names[i] = names[k];
				values[k] = t, names[k] = u;
			}
	for (p = text; *p;) {
		size_t len;

		for (i = 0; i < n; i++)
			if (strncmp(p, values[i], strlen(values[i])) == 0)
				break;
		if (i < n) {
			strbuf_printf(&sb, "{%s}", names[i]);
			p += strlen(values[i]);
		} else if (uuid_at(p) && (p == text || !is_hex(p[-1]))) {
			strbuf_puts(&sb, "{uuid}");
			p += 36;
		} else if ((len = time_at(p)) > 0) {
			strbuf_puts(&sb, "{time}");
			p += len;
		} else if (strncmp(p, "req-", 4) == 0) {
			for (len = 4; isalnum((unsigned char) p[len]); len++)
				;
			strbuf_puts(&sb, "{reqId}");
			p += len;
		} else {
			strbuf_append(&sb, p, 1);
			p++;
		}
	}
	return strbuf_detach(&sb);
}

/* A member as compared: a string as it is, anything else as compact JSON; "(none)" when absent. */
static char *
member_text(const cJSON *json, const char *key, const struct world *w, const struct world *other)
{
	const cJSON *item = cJSON_IsObject(json) ? cJSON_GetObjectItemCaseSensitive(json, key) : NULL;
	char *raw, *out;

	if (!item)
		return xstrdup("(none)");
	if (cJSON_IsString(item))
		return normalise(item->valuestring, w, other);
	raw = cJSON_PrintUnformatted(item);
	out = normalise(raw ? raw : "?", w, other);
	free(raw);
	return out;
}

struct names {
	char **items;
	size_t count;
};

static void
names_add(struct names *set, const char *name)
{
	size_t i;

	for (i = 0; i < set->count; i++)
		if (strcmp(set->items[i], name) == 0)
			return;
	set->items = realloc(set->items, (set->count + 1) * sizeof(*set->items));
	if (!set->items) {
		fputs("Bail out! out of memory\n", stdout);
		exit(1);
	}
	set->items[set->count++] = xstrdup(name);
}

static int
names_has(const struct names *set, const char *name)
{
	size_t i;

	for (i = 0; i < set->count; i++)
		if (strcmp(set->items[i], name) == 0)
			return 1;
	return 0;
}

static void
names_free(struct names *set)
{
	size_t i;

	for (i = 0; i < set->count; i++)
		free(set->items[i]);
	free(set->items);
	memset(set, 0, sizeof(*set));
}

/* Every field path of json: "a", "a.b", "list[]", "list[].c" (arrays by their first element). */
static void
field_paths(const cJSON *json, const char *prefix, struct names *set)
{
	const cJSON *item;

	if (cJSON_IsArray(json)) {
		char *path = strbuf_format("%s[]", prefix);

		names_add(set, path);
		if (json->child)
			field_paths(json->child, path, set);
		free(path);
		return;
	}
	if (!cJSON_IsObject(json))
		return;
	cJSON_ArrayForEach(item, json) {
		char *path = *prefix ? strbuf_format("%s.%s", prefix, item->string)
				     : strbuf_format("%s", item->string);

		names_add(set, path);
		field_paths(item, path, set);
		free(path);
	}
}

/* ---- the allow-list ---- */

struct allowance {
	char *id, *aspect, *field;
	int used;
};

static struct allowance *allowed;
static size_t allowed_count;

static void
load_allow(const char *file)
{
	char line[4096];
	FILE *fp = fopen(file, "r");

	if (!fp) {
		printf("Bail out! cannot read %s\n", file);
		exit(1);
	}
	while (fgets(line, sizeof(line), fp)) {
		char *id, *aspect, *field, *save = NULL;

		if (line[0] == '#')
			continue;
		id = strtok_r(line, " \t\n", &save);
		if (!id)
			continue;
		aspect = strtok_r(NULL, " \t\n", &save);
		field = strtok_r(NULL, " \t\n", &save);
		if (!aspect) {
			printf("Bail out! %s: \"%s\" names no aspect\n", file, id);
			exit(1);
		}
		allowed = realloc(allowed, (allowed_count + 1) * sizeof(*allowed));
		if (!allowed) {
			fputs("Bail out! out of memory\n", stdout);
			exit(1);
		}
		allowed[allowed_count].id = xstrdup(id);
		allowed[allowed_count].aspect = xstrdup(aspect);
		allowed[allowed_count].field = field ? xstrdup(field) : NULL;
		allowed[allowed_count++].used = 0;
	}
	fclose(fp);
}

/* An allow-list field: the path itself, or with a trailing '*' every path it begins. */
static int
field_matches(const char *pattern, const char *field)
{
	size_t n = strlen(pattern);

	if (n > 0 && pattern[n - 1] == '*')
		return strncmp(pattern, field, n - 1) == 0;
	return strcmp(pattern, field) == 0;
}

static int
is_allowed(const char *id, const char *aspect, const char *field)
{
	size_t i;

	for (i = 0; i < allowed_count; i++)
		if (strcmp(allowed[i].id, id) == 0 && strcmp(allowed[i].aspect, aspect) == 0 &&
		    (!allowed[i].field || (field && field_matches(allowed[i].field, field)))) {
			allowed[i].used = 1;
			return 1;
		}
	return 0;
}

/* One case's differences, as diag lines; counts those not allowed. */
struct verdict {
	struct strbuf diag;
	int differences, allowed;
};

__attribute__((format(printf, 4, 5)))
static void
differ(struct verdict *v, const struct request_case *c, const char *aspect_field, const char *fmt, ...)
{
	char aspect[64];
	const char *field = NULL, *sp = strchr(aspect_field, ' ');
	va_list ap;
	int ok;

	snprintf(aspect, sizeof(aspect), "%.*s", (int) (sp ? (size_t) (sp - aspect_field)
							  : strlen(aspect_field)), aspect_field);
	if (sp)
		field = sp + 1;
	ok = is_allowed(c->id, aspect, field);
	strbuf_puts(&v->diag, ok ? "# allowed: " : "# ");
	va_start(ap, fmt);
	strbuf_vprintf(&v->diag, fmt, ap);
	va_end(ap);
	strbuf_puts(&v->diag, "\n");
	if (ok)
		v->allowed++;
	else
		v->differences++;
}

/* The path a field sits in: "a.b" for "a.b.c" and "a.b[]", "" at the top. */
static char *
parent_path(const char *path)
{
	size_t len = strlen(path);
	const char *dot;

	if (len > 2 && strcmp(path + len - 2, "[]") == 0)
		return strbuf_format("%.*s", (int) (len - 2), path);
	dot = strrchr(path, '.');
	return strbuf_format("%.*s", dot ? (int) (dot - path) : 0, path);
}

/*
 * The fields of mine that theirs lacks, each as a difference; a field
 * below one already told is not told again.
 */
static void
only_in(const struct request_case *c, const struct world *w, const struct names *mine,
	const struct names *theirs, struct verdict *v)
{
	size_t i;

	for (i = 0; i < mine->count; i++) {
		char *parent, *key;
		int below;

		if (names_has(theirs, mine->items[i]))
			continue;
		parent = parent_path(mine->items[i]);
		below = *parent && !names_has(theirs, parent);
		free(parent);
		if (below)
			continue;
		key = strbuf_format("field %s", mine->items[i]);
		differ(v, c, key, "field only in %s: %s", w->name, mine->items[i]);
		free(key);
	}
}

static void
compare(const struct request_case *c, const struct world *a, const struct answer *x,
	const struct world *b, const struct answer *y, struct verdict *v)
{
	static const char *const members[] = { "error", "message", NULL };
	struct names fx = { NULL, 0 }, fy = { NULL, 0 };
	size_t i;

	if (x->failure || y->failure) {
		if (x->failure)
			differ(v, c, "transport", "%s: %s", a->name, x->failure);
		if (y->failure)
			differ(v, c, "transport", "%s: %s", b->name, y->failure);
		return;
	}
	if (x->status != y->status)
		differ(v, c, "status", "status: %s %ld, %s %ld", a->name, x->status, b->name, y->status);
	if (c->want_status && (x->status != c->want_status || y->status != c->want_status))
		differ(v, c, "expected", "expected status %d from both", c->want_status);
	if (!x->json != !y->json) {
		differ(v, c, "json", "JSON body: %s %s, %s %s", a->name, x->json ? "yes" : "no",
		       b->name, y->json ? "yes" : "no");
		return;
	}
	for (i = 0; members[i]; i++) {
		char *mx = member_text(x->json, members[i], a, b);
		char *my = member_text(y->json, members[i], b, a);

		if (strcmp(mx, my) != 0)
			differ(v, c, members[i], "%s: %s \"%s\", %s \"%s\"", members[i], a->name, mx,
			       b->name, my);
		free(mx);
		free(my);
	}
	field_paths(x->json, "", &fx);
	field_paths(y->json, "", &fy);
	only_in(c, a, &fx, &fy, v);
	only_in(c, b, &fy, &fx, v);
	names_free(&fx);
	names_free(&fy);
}

/* The string at a dotted path of json, or NULL. */
static const char *
json_path(const cJSON *json, const char *path)
{
	char *copy = xstrdup(path), *part, *save = NULL;
	const cJSON *at = json;

	for (part = strtok_r(copy, ".", &save); part && at; part = strtok_r(NULL, ".", &save))
		at = isdigit((unsigned char) part[0]) ? cJSON_GetArrayItem(at, atoi(part))
						      : cJSON_GetObjectItemCaseSensitive(at, part);
	free(copy);
	return cJSON_IsString(at) ? at->valuestring : NULL;
}

int
main(int argc, char **argv)
{
	struct request_case *cases;
	size_t count, i;
	int failed = 0, with_allowed = 0;

	if (argc != 3) {
		fputs("usage: rw-diff REQUESTS ALLOW\n", stderr);
		return 2;
	}
	cases = load_cases(argv[1], &count);
	load_allow(argv[2]);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	printf("1..%zu\n", count);
	for (i = 0; i < count; i++) {
		struct request_case *c = &cases[i];
		struct world *a = &worlds[c->pair == PAIR_STOCK ? 2 : 0];
		struct world *b = &worlds[c->pair == PAIR_STOCK ? 3 : 1];
		struct answer x, y;
		struct verdict v = { STRBUF_INIT, 0, 0 };

		send_case(c, a, &x);
		send_case(c, b, &y);
		compare(c, a, &x, b, &y, &v);
		if (c->capture_name) {
			const char *vx = json_path(x.json, c->capture_path);
			const char *vy = json_path(y.json, c->capture_path);

			if (vx)
				set_var(a, c->capture_name, vx);
			if (vy)
				set_var(b, c->capture_name, vy);
			if (!vx || !vy) {
				strbuf_printf(&v.diag, "# no %s in the answer of %s to capture {%s}\n",
					      c->capture_path, !vx ? a->name : b->name, c->capture_name);
				v.differences++;
			}
		}
		printf("%sok %zu - %s %s %s%s\n", v.differences ? "not " : "", i + 1, c->id,
		       c->method, c->title, v.allowed && !v.differences ? " (allowed differences)" : "");
		fputs(strbuf_str(&v.diag), stdout);
		fflush(stdout);
		if (v.differences)
			failed++;
		else if (v.allowed)
			with_allowed++;
		strbuf_free(&v.diag);
		answer_free(&x);
		answer_free(&y);
	}
	for (i = 0; i < allowed_count; i++)
		if (!allowed[i].used)
			printf("# allow-list entry never needed: %s %s%s%s\n", allowed[i].id,
			       allowed[i].aspect, allowed[i].field ? " " : "",
			       allowed[i].field ? allowed[i].field : "");
	printf("# %zu requests, %d with differences, %d with allowed differences only\n", count,
	       failed, with_allowed);
	for (i = 0; i < count; i++)
		case_free(&cases[i]);
	free(cases);
	for (i = 0; i < allowed_count; i++) {
		free(allowed[i].id);
		free(allowed[i].aspect);
		free(allowed[i].field);
	}
	free(allowed);
	for (i = 0; i < 4; i++)
		for (int k = 0; k < worlds[i].var_count; k++) {
			free(worlds[i].vars[k].name);
			free(worlds[i].vars[k].value);
		}
	curl_global_cleanup();
	return failed ? 1 : 0;
}
