#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "sandbox/zod.h"

struct sb_zpath
sb_zpath_at(const struct sb_zpath *parent, const char *key)
{
	struct sb_zpath path = { { NULL }, 0 };

	if (parent)
		path = *parent;
	if (path.depth < SB_ZPATH_MAX)
		path.key[path.depth++] = key;
	return path;
}

void
sb_zod_init(struct sb_zod *z)
{
	z->issues = cJSON_CreateArray();
}

int
sb_zod_failed(const struct sb_zod *z)
{
	return z->issues && cJSON_GetArraySize(z->issues) > 0;
}

cJSON *
sb_zod_take(struct sb_zod *z)
{
	cJSON *issues = z->issues;

	z->issues = cJSON_CreateArray();
	return issues;
}

void
sb_zod_free(struct sb_zod *z)
{
	cJSON_Delete(z->issues);
	z->issues = NULL;
}

const cJSON *
sb_json_get(const cJSON *object, const char *key)
{
	const cJSON *child, *found = NULL;

	if (!cJSON_IsObject(object))
		return NULL;
	for (child = object->child; child; child = child->next)
		if (child->string && strcmp(child->string, key) == 0)
			found = child;
	return found;
}

static const char *
json_type(const cJSON *value)
{
	if (!value)
		return "undefined";
	if (cJSON_IsString(value))
		return "string";
	if (cJSON_IsNumber(value))
		return isnan(value->valuedouble) ? "nan" : "number";
	if (cJSON_IsBool(value))
		return "boolean";
	if (cJSON_IsNull(value))
		return "null";
	if (cJSON_IsArray(value))
		return "array";
	return "object";
}

/* ---- JavaScript string semantics ---- */

/* Decodes one UTF-8 sequence; invalid bytes count as one code point each. */
static unsigned long
utf8_at(const unsigned char *s, size_t *len)
{
	unsigned long cp;
	size_t n, i;

	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	if ((s[0] & 0xe0) == 0xc0) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		*len = 1;
		return 0xfffd;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*len = 1;
			return 0xfffd;
		}
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	*len = n;
	return cp;
}

/* WhiteSpace and LineTerminator of ECMAScript, which trim() removes. */
static int
js_is_space(unsigned long cp)
{
	switch (cp) {
	case 0x09: case 0x0a: case 0x0b: case 0x0c: case 0x0d: case 0x20:
	case 0xa0: case 0x1680: case 0x2028: case 0x2029: case 0x202f:
	case 0x205f: case 0x3000: case 0xfeff:
		return 1;
	default:
		return cp >= 0x2000 && cp <= 0x200a;
	}
}

static char *
js_trim(const char *s)
{
	const unsigned char *p = (const unsigned char *) s;
	size_t start = 0, end = strlen(s), last, i, n;
	char *out;

	while (start < end && js_is_space(utf8_at(p + start, &n)))
		start += n;
	/* UTF-8 is easier read forwards: note where the last non-space ends. */
	for (i = last = start; i < end; i += n)
		if (!js_is_space(utf8_at(p + i, &n)))
			last = i + n;
	out = malloc(last - start + 1);
	if (out) {
		memcpy(out, s + start, last - start);
		out[last - start] = '\0';
	}
	return out;
}

static long
js_length(const char *s)
{
	const unsigned char *p = (const unsigned char *) s;
	long units = 0;
	size_t n;

	while (*p) {
		unsigned long cp = utf8_at(p, &n);

		units += cp > 0xffff ? 2 : 1;
		p += n;
	}
	return units;
}

/* ---- issues ---- */

static cJSON *
path_json(const struct sb_zpath *path)
{
	cJSON *array = cJSON_CreateArray();
	int i;

	for (i = 0; path && i < path->depth; i++)
		cJSON_AddItemToArray(array, cJSON_CreateString(path->key[i]));
	return array;
}

/*
 * zod builds an issue as {...issueData, path, message}: where the check put
 * a `message` key in issueData (length bounds, refinements, uuid: even when
 * undefined) it keeps that place, before `path`; type and enum issues have
 * none, so their message comes last.
 */
static void
add_issue(struct sb_zod *z, cJSON *issue, const char *message, const struct sb_zpath *path)
{
	cJSON_AddStringToObject(issue, "message", message);
	cJSON_AddItemToObject(issue, "path", path_json(path));
	cJSON_AddItemToArray(z->issues, issue);
}

static void
add_issue_message_last(struct sb_zod *z, cJSON *issue, const char *message,
		       const struct sb_zpath *path)
{
	cJSON_AddItemToObject(issue, "path", path_json(path));
	cJSON_AddStringToObject(issue, "message", message);
	cJSON_AddItemToArray(z->issues, issue);
}

static void
issue_invalid_type(struct sb_zod *z, const struct sb_zpath *path, const char *expected,
		   const char *received)
{
	cJSON *issue = cJSON_CreateObject();
	struct strbuf msg = STRBUF_INIT;

	cJSON_AddStringToObject(issue, "code", "invalid_type");
	cJSON_AddStringToObject(issue, "expected", expected);
	cJSON_AddStringToObject(issue, "received", received);
	if (strcmp(received, "undefined") == 0)
		strbuf_puts(&msg, "Required");
	else
		strbuf_printf(&msg, "Expected %s, received %s", expected, received);
	add_issue_message_last(z, issue, strbuf_str(&msg), path);
	strbuf_free(&msg);
}

static void
issue_bound(struct sb_zod *z, const struct sb_zpath *path, int too_small, const char *type,
	    double bound, const char *message)
{
	cJSON *issue = cJSON_CreateObject();
	struct strbuf msg = STRBUF_INIT;

	cJSON_AddStringToObject(issue, "code", too_small ? "too_small" : "too_big");
	cJSON_AddNumberToObject(issue, too_small ? "minimum" : "maximum", bound);
	cJSON_AddStringToObject(issue, "type", type);
	cJSON_AddTrueToObject(issue, "inclusive");
	cJSON_AddFalseToObject(issue, "exact");
	if (message)
		strbuf_puts(&msg, message);
	else if (strcmp(type, "string") == 0)
		strbuf_printf(&msg, "String must contain at %s %.15g character(s)",
			      too_small ? "least" : "most", bound);
	else
		strbuf_printf(&msg, "Number must be %s than or equal to %.15g",
			      too_small ? "greater" : "less", bound);
	add_issue(z, issue, strbuf_str(&msg), path);
	strbuf_free(&msg);
}

static void
issue_custom(struct sb_zod *z, const struct sb_zpath *path, const char *message)
{
	cJSON *issue = cJSON_CreateObject();

	cJSON_AddStringToObject(issue, "code", "custom");
	add_issue(z, issue, message, path);
}

static void
issue_uuid(struct sb_zod *z, const struct sb_zpath *path)
{
	cJSON *issue = cJSON_CreateObject();

	cJSON_AddStringToObject(issue, "validation", "uuid");
	cJSON_AddStringToObject(issue, "code", "invalid_string");
	add_issue(z, issue, "Invalid uuid", path);
}

/* ---- checks ---- */

/* zod's uuid pattern: 8-4-4-4-12 hex digits, any case, any version. */
static int
is_uuid(const char *s)
{
	static const int group[] = { 8, 4, 4, 4, 12 };
	int g, i;

	for (g = 0; g < 5; g++) {
		for (i = 0; i < group[g]; i++, s++)
			if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f') ||
			      (*s >= 'A' && *s <= 'F')))
				return 0;
		if (g < 4 && *s++ != '-')
			return 0;
	}
	return *s == '\0';
}

/*
 * slugify(v, {lowercase: true}) === v holds exactly for lowercase letters and
 * digits in runs joined by single hyphens (and for the empty string).
 */
static int
is_slug(const char *s)
{
	int in_run = 0;

	if (!*s)
		return 1;
	for (; *s; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))
			in_run = 1;
		else if (*s == '-' && in_run)
			in_run = 0;
		else
			return 0;
	}
	return in_run;
}

int
sb_zod_string(struct sb_zod *z, const struct sb_zpath *path, const cJSON *value,
	      const struct sb_zstring_rule *rule, char **out)
{
	int before = cJSON_GetArraySize(z->issues);
	char *text;
	long len;

	*out = NULL;
	if (!value && rule->optional)
		return 0;
	if (cJSON_IsNull(value) && rule->nullable)
		return 0;
	if (!cJSON_IsString(value)) {
		issue_invalid_type(z, path, "string", json_type(value));
		return -1;
	}
	text = rule->trim ? js_trim(value->valuestring) : strdup(value->valuestring);
	if (!text) {
		issue_custom(z, path, "Out of memory");
		return -1;
	}
	len = js_length(text);
	if (rule->min >= 0 && len < rule->min)
		issue_bound(z, path, 1, "string", (double) rule->min, rule->min_msg);
	if (rule->max >= 0 && len > rule->max)
		issue_bound(z, path, 0, "string", (double) rule->max, rule->max_msg);
	if (rule->uuid && !is_uuid(text))
		issue_uuid(z, path);
	/* Refinements run even after a failed length check: zod marks the value dirty, not aborted. */
	if (rule->slug_msg && !is_slug(text))
		issue_custom(z, path, rule->slug_msg);
	if (rule->secret_name && (strchr(text, ':') || strchr(text, '/')))
		issue_custom(z, path, "Secret name cannot contain colon or forward slash.");
	if (cJSON_GetArraySize(z->issues) != before) {
		free(text);
		return -1;
	}
	*out = text;
	return 0;
}

/* ---- JavaScript's Number() ---- */

static double js_to_number(const cJSON *value);

static int
digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

static double
js_string_to_number(const char *s)
{
	char *t = js_trim(s);
	const char *p;
	double result = NAN;
	int base = 0;

	if (!t)
		return NAN;
	p = t;
	if (!*p) {
		result = 0;
	} else if (strcmp(p, "Infinity") == 0 || strcmp(p, "+Infinity") == 0) {
		result = INFINITY;
	} else if (strcmp(p, "-Infinity") == 0) {
		result = -INFINITY;
	} else if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		base = 16;
	else if (p[0] == '0' && (p[1] == 'o' || p[1] == 'O'))
		base = 8;
	else if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B'))
		base = 2;
	else {
		/* StrDecimalLiteral: [+-] digits [. digits] [e [+-] digits], or . digits */
		const char *q = p;
		int digits = 0;

		if (*q == '+' || *q == '-')
			q++;
		while (*q >= '0' && *q <= '9')
			q++, digits++;
		if (*q == '.') {
			q++;
			while (*q >= '0' && *q <= '9')
				q++, digits++;
		}
		if (digits && (*q == 'e' || *q == 'E')) {
			int exp_digits = 0;

			q++;
			if (*q == '+' || *q == '-')
				q++;
			while (*q >= '0' && *q <= '9')
				q++, exp_digits++;
			if (!exp_digits)
				digits = 0;
		}
		if (digits && !*q)
			result = strtod(p, NULL);
	}
	if (base) {
		const char *q = p + 2;

		if (*q) {
			result = 0;
			for (; *q; q++) {
				int d = digit_value(*q);

				if (d >= base) {
					result = NAN;
					break;
				}
				result = result * base + d;
			}
		}
	}
	free(t);
	return result;
}

/* Number([x]) is Number(String(x)); arrays of other lengths give 0 or NaN. */
static double
js_array_to_number(const cJSON *array)
{
	const cJSON *only = array->child;

	if (!only)
		return 0;
	if (only->next)
		return NAN;
	if (cJSON_IsNull(only))
		return 0;			/* String([null]) is "" */
	if (cJSON_IsBool(only) || cJSON_IsObject(only))
		return NAN;			/* "true", "[object Object]" */
	return js_to_number(only);
}

static double
js_to_number(const cJSON *value)
{
	if (!value)
		return NAN;
	if (cJSON_IsNumber(value))
		return value->valuedouble;
	if (cJSON_IsTrue(value))
		return 1;
	if (cJSON_IsFalse(value) || cJSON_IsNull(value))
		return 0;
	if (cJSON_IsString(value))
		return js_string_to_number(value->valuestring);
	if (cJSON_IsArray(value))
		return js_array_to_number(value);
	return NAN;
}

int
sb_zod_number(struct sb_zod *z, const struct sb_zpath *path, const cJSON *value,
	      const struct sb_znumber_rule *rule, double *out)
{
	int before = cJSON_GetArraySize(z->issues);
	double n;

	if (!value && rule->optional)
		return 0;
	if (rule->coerce) {
		n = js_to_number(value);
		if (isnan(n)) {
			issue_invalid_type(z, path, "number", "nan");
			return -1;
		}
	} else {
		if (!cJSON_IsNumber(value)) {
			issue_invalid_type(z, path, "number", json_type(value));
			return -1;
		}
		n = value->valuedouble;
	}
	if (rule->has_min && n < rule->min)
		issue_bound(z, path, 1, "number", rule->min, NULL);
	if (rule->has_max && n > rule->max)
		issue_bound(z, path, 0, "number", rule->max, NULL);
	if (cJSON_GetArraySize(z->issues) != before)
		return -1;
	*out = n;
	return 1;
}

int
sb_zod_boolean(struct sb_zod *z, const struct sb_zpath *path, const cJSON *value,
	       int optional, int *out)
{
	if (!value && optional)
		return 0;
	if (!cJSON_IsBool(value)) {
		issue_invalid_type(z, path, "boolean", json_type(value));
		return -1;
	}
	*out = cJSON_IsTrue(value);
	return 1;
}

int
sb_zod_object(struct sb_zod *z, const struct sb_zpath *path, const cJSON *value, int optional)
{
	if (!value && optional)
		return 0;
	if (!cJSON_IsObject(value)) {
		issue_invalid_type(z, path, "object", json_type(value));
		return -1;
	}
	return 1;
}

int
sb_zod_enum(struct sb_zod *z, const struct sb_zpath *path, const cJSON *value,
	    const char *const *options, int optional, const char **out)
{
	struct strbuf joined = STRBUF_INIT, msg = STRBUF_INIT;
	cJSON *issue, *list;
	int i;

	if (!value && optional)
		return 0;
	for (i = 0; options[i]; i++) {
		if (cJSON_IsString(value) && strcmp(value->valuestring, options[i]) == 0) {
			strbuf_free(&joined);
			*out = options[i];
			return 1;
		}
		strbuf_printf(&joined, "%s'%s'", i ? " | " : "", options[i]);
	}
	if (!cJSON_IsString(value)) {
		issue_invalid_type(z, path, strbuf_str(&joined), json_type(value));
		strbuf_free(&joined);
		return -1;
	}
	issue = cJSON_CreateObject();
	list = cJSON_CreateArray();
	for (i = 0; options[i]; i++)
		cJSON_AddItemToArray(list, cJSON_CreateString(options[i]));
	cJSON_AddStringToObject(issue, "received", value->valuestring);
	cJSON_AddStringToObject(issue, "code", "invalid_enum_value");
	cJSON_AddItemToObject(issue, "options", list);
	strbuf_printf(&msg, "Invalid enum value. Expected %s, received '%s'",
		      strbuf_str(&joined), value->valuestring);
	add_issue_message_last(z, issue, strbuf_str(&msg), path);
	strbuf_free(&msg);
	strbuf_free(&joined);
	return -1;
}
