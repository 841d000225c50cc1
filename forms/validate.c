#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/term.h"
#include "forms/validate.h"

/*
 * Every rule works on a "view" of the value (start, length) after the
 * field's normalisation, so checking never allocates: the path's missing
 * leading "/" and the trimmed quotes of a pasted GUID are handled by
 * looking, not by copying.  rw_normalize_field() builds the same canonical
 * text for callers that store it.
 */

#define SLUG_MAX	64
/*
 * The server checks a description twice: zod's max(256) counts UTF-16
 * units, then the column varchar(255) counts characters; past either, the
 * create fails, and past the column only after Azure has issued a secret
 * (doc/api.md s.1 and s.13).  A description must pass both.
 */
#define DESCRIPTION_MAX_CHARS	255
#define DESCRIPTION_MAX_UNITS	256
/*
 * The mapped secret names go into a varchar(500) column: 501 characters
 * pass zod and fail in the database with a 500 after Azure has issued a
 * secret (doc/api.md s.13).  The other free-text values have no limit on
 * the server; rotwiz keeps them within what it reads back (a reply string
 * is at most 64 KiB) and far within what anyone types.
 */
#define SECRET_NAME_MAX	500
#define APP_NAME_MAX	256
#define PROJECT_MAX	256
#define SECRET_PATH_MAX	1024
#define INTERVAL_MAX	909	/* floor(365 * 2.5) - 3: Azure's client secret life */
#define SHOWN_UNITS	40	/* characters of a bad value quoted in a message */
#define SHOWN_BYTES	120	/* and at most this many bytes of it */
#define SHOWN_SIZE	RW_SHOWN_MAX	/* room for the last piece and "..." */

struct view {
	const char *s;
	size_t n;
};

/* ---- UTF-8 ---- */

/* One code point (common/term.h): its bytes, or 0 when s does not start with one. */
static size_t
utf8_decode(const unsigned char *s, size_t n, unsigned long *cp)
{
	return n ? rw_utf8_decode(s, n, cp) : 0;
}

/*
 * Characters in s as the server counts them, or (size_t) -1 when s is not
 * valid UTF-8.  The server's limits are zod .max() on JavaScript strings,
 * which count UTF-16 code units: one per character up to U+FFFF (so 256
 * "é" fit), two for those beyond (an emoji counts twice).  *chars, when
 * given, gets the characters (code points) as Postgres counts them.
 */
static size_t
utf8_count(const char *s, size_t n, size_t *chars)
{
	size_t i = 0, count = 0, used, points = 0;
	unsigned long cp;

	while (i < n) {
		used = utf8_decode((const unsigned char *) s + i, n - i, &cp);
		if (!used)
			return (size_t) -1;
		i += used;
		count += cp > 0xFFFF ? 2 : 1;
		points++;
	}
	if (chars)
		*chars = points;
	return count;
}

/* Shortens a truncated message so it does not end inside a UTF-8 sequence. */
static void
utf8_trim_tail(char *msg)
{
	size_t n = strlen(msg), start;
	unsigned long cp;

	if (!n)
		return;
	/* Back up over continuation bytes to the lead byte of the last sequence. */
	start = n - 1;
	while (start > 0 && n - start < 4 && ((unsigned char) msg[start] & 0xC0) == 0x80)
		start--;
	if (((unsigned char) msg[start] & 0x80) &&
	    !utf8_decode((const unsigned char *) msg + start, n - start, &cp))
		msg[start] = '\0';
}

/* Characters that would hide, reorder or break a quoted value on screen. */
static int
invisible(unsigned long cp)
{
	return rw_term_escapes(cp) || cp == 0xAD ||
	       (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) ||
	       (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF;
}

/*
 * The value as a message quotes it: control characters, stray bytes and
 * invisible characters escaped, at most SHOWN_UNITS characters, then "...".
 */
void
rw_show_value(const char *value, char *out, size_t outsz)
{
	const unsigned char *s = (const unsigned char *) (value ? value : "");
	size_t n = strlen((const char *) s), i = 0, o = 0, units = 0, used;
	char piece[16];
	unsigned long cp;

	if (!out || !outsz)
		return;
	out[0] = '\0';
	while (i < n) {
		if (units == SHOWN_UNITS || o >= SHOWN_BYTES) {
			snprintf(piece, sizeof(piece), "...");
			used = 0;
		} else if (s[i] == '"' || s[i] == '\\') {
			snprintf(piece, sizeof(piece), "\\%c", s[i]);
			used = 1;
		} else if (s[i] == '\n') {
			snprintf(piece, sizeof(piece), "\\n");
			used = 1;
		} else if (s[i] == '\t') {
			snprintf(piece, sizeof(piece), "\\t");
			used = 1;
		} else if (s[i] == '\r') {
			snprintf(piece, sizeof(piece), "\\r");
			used = 1;
		} else if (s[i] < 0x20 || s[i] == 0x7F) {
			snprintf(piece, sizeof(piece), "\\x%02x", s[i]);
			used = 1;
		} else if (s[i] < 0x80) {
			piece[0] = (char) s[i];
			piece[1] = '\0';
			used = 1;
		} else if (!(used = utf8_decode(s + i, n - i, &cp))) {
			snprintf(piece, sizeof(piece), "\\x%02x", s[i]);
			used = 1;
		} else if (invisible(cp)) {
			snprintf(piece, sizeof(piece), "\\u%04lx", cp);
		} else {
			memcpy(piece, s + i, used);
			piece[used] = '\0';
		}
		if (o + strlen(piece) + 1 > outsz)
			break;
		memcpy(out + o, piece, strlen(piece) + 1);
		o += strlen(piece);
		if (!used)
			break;		/* the "..." */
		i += used;
		units++;
	}
}

/* ---- views: the normalised value without copying ---- */

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static int
is_quote(char c)
{
	return c == '"' || c == '\'';
}

static struct view
trim(const char *s, int quotes_too)
{
	struct view v = { s, strlen(s) };

	while (v.n && (is_space(v.s[0]) || (quotes_too && is_quote(v.s[0])))) {
		v.s++;
		v.n--;
	}
	while (v.n && (is_space(v.s[v.n - 1]) || (quotes_too && is_quote(v.s[v.n - 1]))))
		v.n--;
	return v;
}

static int
is_guid_field(enum rw_field field)
{
	return field == RW_FIELD_CONNECTION || field == RW_FIELD_OBJECT_ID ||
	       field == RW_FIELD_CLIENT_ID;
}

/* Fields whose surrounding whitespace the server trims away anyway. */
static int
is_trimmed_field(enum rw_field field)
{
	return field == RW_FIELD_DESCRIPTION || field == RW_FIELD_PROJECT ||
	       field == RW_FIELD_APP_NAME || field == RW_FIELD_SECRET_PATH ||
	       field == RW_FIELD_AUTO_ROTATION || field == RW_FIELD_MAP_CLIENT_ID ||
	       field == RW_FIELD_MAP_CLIENT_SECRET;
}

static struct view
field_view(enum rw_field field, const char *value)
{
	struct view v = { value ? value : "", 0 };

	if (is_guid_field(field))
		return trim(v.s, 1);
	if (is_trimmed_field(field))
		return trim(v.s, 0);
	v.n = strlen(v.s);
	return v;
}

/*
 * The part of a secret path after its leading "/", with a trailing "/"
 * dropped when it closes a real folder name ("a/" but not "a//" or "//",
 * which stay wrong rather than being quietly repaired).  Nor "a  /":
 * dropped, its blanks would end the value and a second pass would trim
 * them, so the path would change each time it is read (fuzz-body found it).
 */
static struct view
path_rest(struct view v)
{
	if (v.n && v.s[0] == '/') {
		v.s++;
		v.n--;
	}
	if (v.n >= 2 && v.s[v.n - 1] == '/' && v.s[v.n - 2] != '/' && !is_space(v.s[v.n - 2]))
		v.n--;
	return v;
}

/* ---- the rules ---- */

static int
is_lower_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static int
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* ^[a-z0-9]+(-[a-z0-9]+)*$ */
static int
is_slug(struct view v)
{
	size_t i;

	if (!v.n || v.s[0] == '-' || v.s[v.n - 1] == '-')
		return 0;
	for (i = 0; i < v.n; i++) {
		if (v.s[i] == '-') {
			if (i + 1 < v.n && v.s[i + 1] == '-')
				return 0;
		} else if (!is_lower_alnum(v.s[i])) {
			return 0;
		}
	}
	return 1;
}

/* 8-4-4-4-12 hex digits, either case (normalisation lowercases). */
static int
is_guid(struct view v)
{
	size_t i;

	if (v.n != 36)
		return 0;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (v.s[i] != '-')
				return 0;
		} else if (!is_hex(v.s[i])) {
			return 0;
		}
	}
	return 1;
}

int
rw_is_guid(const char *value)
{
	struct view v = { value, value ? strlen(value) : 0 };

	return value && is_guid(v);
}

/*
 * A whole number of plain digits ("07" is 7; no sign, no spaces, no
 * fraction, no unit) within [min, max].  Long digit strings are refused
 * before they can overflow.
 */
static int
whole_number(struct view v, long min, long max, long *out)
{
	long n = 0;
	size_t i;

	if (!v.n)
		return 0;
	for (i = 0; i < v.n; i++) {
		if (v.s[i] < '0' || v.s[i] > '9')
			return 0;
		n = n * 10 + (v.s[i] - '0');
		if (n > max)
			return 0;
	}
	if (n < min)
		return 0;
	if (out)
		*out = n;
	return 1;
}

static const char *
toggle_value(struct view v)
{
	static const struct {
		const char *word;
		const char *value;
	} words[] = {
		{ "yes", "yes" }, { "y", "yes" }, { "true", "yes" }, { "on", "yes" },
		{ "no", "no" }, { "n", "no" }, { "false", "no" }, { "off", "no" },
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i].word) == v.n && strncasecmp(words[i].word, v.s, v.n) == 0)
			return words[i].value;
	return NULL;
}

static int
number_bounds(enum rw_field field, long *min, long *max)
{
	switch (field) {
	case RW_FIELD_INTERVAL:
		*min = 1;
		*max = INTERVAL_MAX;
		return 1;
	case RW_FIELD_HOURS:
		*min = 0;
		*max = 23;
		return 1;
	case RW_FIELD_MINUTES:
		*min = 0;
		*max = 59;
		return 1;
	default:
		return 0;
	}
}

/*
 * Checks a path's folder names.  Returns NULL when fine, else the rule
 * broken.
 */
static const char *
path_rule(struct view v)
{
	struct view rest = path_rest(v);
	size_t i, seg = 0;

	if (!rest.n)
		return NULL;	/* "/" */
	for (i = 0; i <= rest.n; i++) {
		if (i == rest.n || rest.s[i] == '/') {
			if (!seg)
				return "must not have an empty folder name (\"//\")";
			seg = 0;
		} else if ((rest.s[i] >= 'a' && rest.s[i] <= 'z') ||
			   (rest.s[i] >= 'A' && rest.s[i] <= 'Z') ||
			   (rest.s[i] >= '0' && rest.s[i] <= '9') ||
			   rest.s[i] == '-' || rest.s[i] == '_') {
			seg++;
		} else {
			return "must be folder names of letters, digits, \"-\" and \"_\" "
			       "separated by \"/\" (no spaces, \".\" or \"..\")";
		}
	}
	return NULL;
}

/*
 * rule (which names max) when v, valid UTF-8, has more than max
 * characters, with its count in got; else NULL.
 */
static const char *
too_long(struct view v, size_t max, const char *rule, char *got, size_t gotsz)
{
	size_t chars = 0;

	if (v.n <= max)
		return NULL;
	utf8_count(v.s, v.n, &chars);
	if (chars <= max)
		return NULL;
	snprintf(got, gotsz, "%zu", chars);
	return rule;
}

/* A name that holds what a terminal would obey (common/term.h) is refused. */
static const char *
control_rule(struct view v)
{
	if (rw_term_find(v.s, v.n, 0) == v.n)
		return NULL;
	return "must not contain control characters or bidi controls (C0, DEL, C1, "
	       "U+200E/U+200F, U+061C, U+202A-U+202E, U+2066-U+2069)";
}

/*
 * The rule a (non-empty, normalised) value breaks, or NULL.  detail gets
 * extra words for rules that count, e.g. "(this one has 257)".
 */
static const char *
field_rule(enum rw_field field, struct view v, char *detail, size_t detailsz,
	   char *got, size_t gotsz)
{
	size_t count, chars;
	const char *rule;
	long min, max;

	detail[0] = '\0';
	got[0] = '\0';
	switch (field) {
	case RW_FIELD_NAME:
	case RW_FIELD_ENVIRONMENT:
		if (!is_slug(v))
			return "must be lowercase letters and digits, with single hyphens "
			       "between them (a slug like my-rotation)";
		if (v.n > SLUG_MAX) {
			snprintf(detail, detailsz, " (this one has %zu)", v.n);
			return "must be at most 64 characters";
		}
		return NULL;
	case RW_FIELD_DESCRIPTION:
		count = utf8_count(v.s, v.n, &chars);
		if (count == (size_t) -1)
			return "must be valid UTF-8 text";
		/* A long value is not quoted back: its length is what matters. */
		if (chars > DESCRIPTION_MAX_CHARS) {
			snprintf(detail, detailsz, " (the server stores %d)",
				 DESCRIPTION_MAX_CHARS);
			snprintf(got, gotsz, "%zu", chars);
			return "at most 255 characters";
		}
		if (count > DESCRIPTION_MAX_UNITS) {
			snprintf(detail, detailsz, " (the server's check counts characters "
				 "beyond U+FFFF twice)");
			snprintf(got, gotsz, "%zu characters counting as %zu", chars, count);
			return "at most 256 counting each emoji as two";
		}
		return NULL;
	case RW_FIELD_PROJECT:
		if (utf8_count(v.s, v.n, NULL) == (size_t) -1)
			return "must be valid UTF-8 text";
		if ((rule = too_long(v, PROJECT_MAX, "must be at most 256 characters", got, gotsz)))
			return rule;
		return control_rule(v);
	case RW_FIELD_APP_NAME:
		if (utf8_count(v.s, v.n, NULL) == (size_t) -1)
			return "must be valid UTF-8 text";
		return too_long(v, APP_NAME_MAX, "must be at most 256 characters", got, gotsz);
	case RW_FIELD_CONNECTION:
	case RW_FIELD_OBJECT_ID:
	case RW_FIELD_CLIENT_ID:
		if (!is_guid(v))
			return "must be a GUID (8-4-4-4-12 hex digits)";
		return NULL;
	case RW_FIELD_SECRET_PATH:
		if (v.n > SECRET_PATH_MAX) {
			snprintf(got, gotsz, "%zu", v.n);
			return "must be at most 1024 characters";
		}
		return path_rule(v);
	case RW_FIELD_AUTO_ROTATION:
		if (!toggle_value(v))
			return "must be yes or no";
		return NULL;
	case RW_FIELD_INTERVAL:
		number_bounds(field, &min, &max);
		if (!whole_number(v, min, max, NULL))
			return "must be a whole number of days from 1 to 909 "
			       "(909 days is Azure's limit for a client secret)";
		return NULL;
	case RW_FIELD_HOURS:
		number_bounds(field, &min, &max);
		if (!whole_number(v, min, max, NULL))
			return "must be a whole number from 0 to 23";
		return NULL;
	case RW_FIELD_MINUTES:
		number_bounds(field, &min, &max);
		if (!whole_number(v, min, max, NULL))
			return "must be a whole number from 0 to 59";
		return NULL;
	case RW_FIELD_MAP_CLIENT_ID:
	case RW_FIELD_MAP_CLIENT_SECRET:
		if (memchr(v.s, ':', v.n) || memchr(v.s, '/', v.n))
			return "must not contain \":\" or \"/\"";
		if (utf8_count(v.s, v.n, NULL) == (size_t) -1)
			return "must be valid UTF-8 text";
		if ((rule = too_long(v, SECRET_NAME_MAX, "must be at most 500 characters", got, gotsz))) {
			snprintf(detail, detailsz, " (the server stores %d)", SECRET_NAME_MAX);
			return rule;
		}
		return control_rule(v);
	default:
		return "is not a known field";
	}
}

/* ---- problems ---- */

static void
format_message(char *msg, size_t msgsz, const char *fmt, va_list ap)
{
	int n;

	if (!msg || !msgsz)
		return;
	n = vsnprintf(msg, msgsz, fmt, ap);
	if (n >= 0 && (size_t) n >= msgsz)
		utf8_trim_tail(msg);
}

static void
set_message(char *msg, size_t msgsz, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
set_message(char *msg, size_t msgsz, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	format_message(msg, msgsz, fmt, ap);
	va_end(ap);
}

void
rw_problems_add(struct rw_problems *problems, enum rw_field field, const char *fmt, ...)
{
	struct rw_problem *p;
	va_list ap;

	if (!problems || problems->count < 0 ||
	    problems->count >= (int) (sizeof(problems->item) / sizeof(problems->item[0])))
		return;
	p = &problems->item[problems->count++];
	p->field = field;
	va_start(ap, fmt);
	format_message(p->message, sizeof(p->message), fmt, ap);
	va_end(ap);
}

/* ---- the public checks ---- */

enum rw_status
rw_validate_field(enum rw_field field, const char *value, char *msg, size_t msgsz)
{
	const struct rw_field_info *info = rw_field_info(field);
	char shown[SHOWN_SIZE], detail[112], got[64];
	const char *rule;
	struct view v;

	if (msg && msgsz)
		msg[0] = '\0';
	if (!info) {
		set_message(msg, msgsz, "unknown field %d", (int) field);
		return RW_EINVAL;
	}
	v = field_view(field, value);
	if (!v.n) {
		if (!info->required)
			return RW_OK;
		set_message(msg, msgsz, "%s: required", info->label);
		return RW_EINVAL;
	}
	rule = field_rule(field, v, detail, sizeof(detail), got, sizeof(got));
	if (!rule)
		return RW_OK;
	if (got[0]) {
		set_message(msg, msgsz, "%s: %s%s, got %s", info->label, rule, detail, got);
		return RW_EINVAL;
	}
	rw_show_value(value, shown, sizeof(shown));
	set_message(msg, msgsz, "%s: %s%s, got \"%s\"", info->label, rule, detail, shown);
	return RW_EINVAL;
}

char *
rw_normalize_field(enum rw_field field, const char *value)
{
	struct view v = field_view(field, value), rest;
	const char *word;
	char *out;
	size_t i;
	long n;

	if (field == RW_FIELD_SECRET_PATH && v.n) {
		rest = path_rest(v);
		if (!(out = malloc(rest.n + 2)))
			return NULL;
		out[0] = '/';
		memcpy(out + 1, rest.s, rest.n);
		out[rest.n + 1] = '\0';
		return out;
	}
	if (field == RW_FIELD_AUTO_ROTATION && (word = toggle_value(v)))
		return strdup(word);
	if ((field == RW_FIELD_INTERVAL || field == RW_FIELD_HOURS ||
	     field == RW_FIELD_MINUTES) && whole_number(v, 0, 1000000, &n)) {
		char num[16];

		/* "07" -> "7": the body sends a number, the draft the same text. */
		snprintf(num, sizeof(num), "%ld", n);
		return strdup(num);
	}
	if (!(out = malloc(v.n + 1)))
		return NULL;
	memcpy(out, v.s, v.n);
	out[v.n] = '\0';
	if (is_guid_field(field))
		for (i = 0; i < v.n; i++)
			if (out[i] >= 'A' && out[i] <= 'Z')
				out[i] = (char) (out[i] - 'A' + 'a');
	return out;
}

static int
step_has_field(enum rw_step step, enum rw_field field)
{
	const struct rw_field_info *info = rw_field_info(field);

	return step == RW_STEP_COUNT || (info && info->step == step);
}

int
rw_validate_step(const struct rw_answers *answers, enum rw_step step,
		 struct rw_problems *problems)
{
	char msg[RW_MESSAGE_MAX], shown[SHOWN_SIZE];
	const char *id_name, *secret_name;
	struct view a, b;
	int before, i;

	if (!answers || !problems || (unsigned) step > RW_STEP_COUNT)
		return 0;
	before = problems->count;
	for (i = 0; i < RW_FIELD_COUNT; i++) {
		if (!step_has_field(step, (enum rw_field) i))
			continue;
		if (rw_validate_field((enum rw_field) i, answers->value[i], msg, sizeof(msg)) != RW_OK)
			rw_problems_add(problems, (enum rw_field) i, "%s", msg);
	}

	/* The two secret names must differ (the server compares them trimmed). */
	if (step_has_field(step, RW_FIELD_MAP_CLIENT_SECRET)) {
		id_name = rw_answers_get(answers, RW_FIELD_MAP_CLIENT_ID);
		secret_name = rw_answers_get(answers, RW_FIELD_MAP_CLIENT_SECRET);
		a = field_view(RW_FIELD_MAP_CLIENT_ID, id_name);
		b = field_view(RW_FIELD_MAP_CLIENT_SECRET, secret_name);
		if (a.n && a.n == b.n && memcmp(a.s, b.s, a.n) == 0) {
			rw_show_value(secret_name, shown, sizeof(shown));
			rw_problems_add(problems, RW_FIELD_MAP_CLIENT_SECRET,
					"%s: must differ from the %s, got \"%s\" for both",
					rw_field_info(RW_FIELD_MAP_CLIENT_SECRET)->label,
					rw_field_info(RW_FIELD_MAP_CLIENT_ID)->label, shown);
		}
	}
	return problems->count - before;
}

int
rw_answers_warnings(const struct rw_answers *answers, struct rw_problems *warnings)
{
	char shown[SHOWN_SIZE];
	struct view a, b;
	size_t i;
	int before;

	if (!answers || !warnings)
		return 0;
	before = warnings->count;
	a = field_view(RW_FIELD_OBJECT_ID, rw_answers_get(answers, RW_FIELD_OBJECT_ID));
	b = field_view(RW_FIELD_CLIENT_ID, rw_answers_get(answers, RW_FIELD_CLIENT_ID));
	if (is_guid(a) && is_guid(b)) {
		for (i = 0; i < a.n; i++)
			if ((a.s[i] | 0x20) != (b.s[i] | 0x20))
				break;
		if (i == a.n) {
			rw_show_value(rw_answers_get(answers, RW_FIELD_OBJECT_ID), shown, sizeof(shown));
			rw_problems_add(warnings, RW_FIELD_OBJECT_ID,
					"%s: is the same GUID as the %s; an app's Object ID is "
					"usually a different GUID (Entra ID > App registrations > "
					"Overview), got \"%s\"",
					rw_field_info(RW_FIELD_OBJECT_ID)->label,
					rw_field_info(RW_FIELD_CLIENT_ID)->label, shown);
		}
	}
	return warnings->count - before;
}
