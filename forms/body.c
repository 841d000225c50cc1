#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "common/strbuf.h"
#include "forms/body.h"

#define BODY_DEPTH_MAX	16	/* the body itself is 2 deep */
#define KEY_PATH_MAX	96

/* ---- answers -> JSON ---- */

/* The normalised answer; an unanswered number falls back to its default. */
static char *
answer(const struct rw_answers *answers, enum rw_field field)
{
	const struct rw_field_info *info = rw_field_info(field);
	const char *value = rw_answers_get(answers, field);

	if (!*value && info->kind == RW_KIND_NUMBER && info->default_value)
		value = info->default_value;
	return rw_normalize_field(field, value);
}

/* Adds key: value, the value taken from the field; empty ones skipped when optional. */
static int
add_string(cJSON *obj, const char *key, const struct rw_answers *answers,
	   enum rw_field field, int omit_empty)
{
	char *value = answer(answers, field);
	int rc = 0;

	if (!value)
		return -1;
	if (!(omit_empty && !*value) && !cJSON_AddStringToObject(obj, key, value))
		rc = -1;
	free(value);
	return rc;
}

static int
add_number(cJSON *obj, const char *key, const struct rw_answers *answers, enum rw_field field)
{
	char *value = answer(answers, field), *end = NULL;
	double number = 0;
	cJSON *item;

	if (!value)
		return -1;
	if (*value && (*value == '-' || (*value >= '0' && *value <= '9'))) {
		errno = 0;
		number = strtod(value, &end);
	}
	/* Only a plain, finite number is sent as one; anything else as given. */
	if (end && !*end && errno == 0 && isfinite(number))
		item = cJSON_AddNumberToObject(obj, key, number);
	else
		item = cJSON_AddStringToObject(obj, key, value);
	free(value);
	return item ? 0 : -1;
}

static int
add_bool(cJSON *obj, const char *key, const struct rw_answers *answers, enum rw_field field)
{
	char *value = answer(answers, field);
	int on;

	if (!value)
		return -1;
	/* The server's default is true, so only a clear "no" turns it off. */
	on = strcmp(value, "no") != 0;
	free(value);
	return cJSON_AddBoolToObject(obj, key, on) ? 0 : -1;
}

/*
 * The layout every mode prints (--dry-run, the reviews, the curl command,
 * the files Review writes): two spaces a level, one space after a colon.
 * cJSON_Print indents with tabs and puts a tab after each colon, which a
 * terminal widens to the next tab stop and a copy from the screen turns
 * into runs of spaces.
 */
static int
print_value(struct strbuf *sb, const cJSON *item, int depth)
{
	const cJSON *child;
	char *leaf, *key;
	cJSON *name;
	int bracket = cJSON_IsObject(item) ? '{' : cJSON_IsArray(item) ? '[' : 0;

	if (!bracket) {
		if (!(leaf = cJSON_PrintUnformatted(item)))
			return -1;
		strbuf_puts(sb, leaf);
		cJSON_free(leaf);
		return 0;
	}
	if (!item->child) {
		strbuf_puts(sb, bracket == '{' ? "{}" : "[]");
		return 0;
	}
	strbuf_printf(sb, "%c\n", bracket);
	for (child = item->child; child; child = child->next) {
		strbuf_printf(sb, "%*s", 2 * (depth + 1), "");
		if (bracket == '{') {
			/* The key escaped as a JSON string is. */
			if (!(name = cJSON_CreateString(child->string ? child->string : "")))
				return -1;
			key = cJSON_PrintUnformatted(name);
			cJSON_Delete(name);
			if (!key)
				return -1;
			strbuf_printf(sb, "%s: ", key);
			cJSON_free(key);
		}
		if (print_value(sb, child, depth + 1) < 0)
			return -1;
		strbuf_puts(sb, child->next ? ",\n" : "\n");
	}
	strbuf_printf(sb, "%*s%c", 2 * depth, "", bracket == '{' ? '}' : ']');
	return 0;
}

char *
rw_body_build(const struct rw_answers *answers)
{
	struct strbuf sb = STRBUF_INIT;
	cJSON *body, *at, *params, *mapping;
	char *out = NULL;
	int rc = 0;

	if (!answers || !(body = cJSON_CreateObject()))
		return NULL;
	rc |= add_string(body, "name", answers, RW_FIELD_NAME, 0);
	rc |= add_string(body, "description", answers, RW_FIELD_DESCRIPTION, 1);
	rc |= add_string(body, "projectId", answers, RW_FIELD_PROJECT, 0);
	rc |= add_string(body, "connectionId", answers, RW_FIELD_CONNECTION, 0);
	rc |= add_string(body, "environment", answers, RW_FIELD_ENVIRONMENT, 0);
	rc |= add_string(body, "secretPath", answers, RW_FIELD_SECRET_PATH, 0);
	rc |= add_bool(body, "isAutoRotationEnabled", answers, RW_FIELD_AUTO_ROTATION);
	rc |= add_number(body, "rotationInterval", answers, RW_FIELD_INTERVAL);
	if (!(at = cJSON_AddObjectToObject(body, "rotateAtUtc")))
		rc = -1;
	else {
		rc |= add_number(at, "hours", answers, RW_FIELD_HOURS);
		rc |= add_number(at, "minutes", answers, RW_FIELD_MINUTES);
	}
	if (!(params = cJSON_AddObjectToObject(body, "parameters")))
		rc = -1;
	else {
		rc |= add_string(params, "objectId", answers, RW_FIELD_OBJECT_ID, 0);
		rc |= add_string(params, "clientId", answers, RW_FIELD_CLIENT_ID, 0);
		rc |= add_string(params, "appName", answers, RW_FIELD_APP_NAME, 1);
	}
	if (!(mapping = cJSON_AddObjectToObject(body, "secretsMapping")))
		rc = -1;
	else {
		rc |= add_string(mapping, "clientId", answers, RW_FIELD_MAP_CLIENT_ID, 0);
		rc |= add_string(mapping, "clientSecret", answers, RW_FIELD_MAP_CLIENT_SECRET, 0);
	}
	/* Plain malloc'd text, so callers free() it whatever cJSON's hooks are. */
	if (rc == 0 && print_value(&sb, body, 0) == 0)
		out = strbuf_detach(&sb);
	strbuf_free(&sb);
	cJSON_Delete(body);
	return out;
}

char *
rw_body_build_update(const struct rw_answers *changes)
{
	struct strbuf sb = STRBUF_INIT;
	cJSON *body, *obj;
	char *out = NULL;
	int rc = 0;

	if (!changes || !(body = cJSON_CreateObject()))
		return NULL;
	/* Only what was given: an update leaves every absent key as it is. */
	if (rw_answers_is_set(changes, RW_FIELD_NAME))
		rc |= add_string(body, "name", changes, RW_FIELD_NAME, 0);
	if (rw_answers_is_set(changes, RW_FIELD_DESCRIPTION))
		rc |= add_string(body, "description", changes, RW_FIELD_DESCRIPTION, 1);
	if (rw_answers_is_set(changes, RW_FIELD_AUTO_ROTATION))
		rc |= add_bool(body, "isAutoRotationEnabled", changes, RW_FIELD_AUTO_ROTATION);
	if (rw_answers_is_set(changes, RW_FIELD_INTERVAL))
		rc |= add_number(body, "rotationInterval", changes, RW_FIELD_INTERVAL);
	if (rw_answers_is_set(changes, RW_FIELD_HOURS) || rw_answers_is_set(changes, RW_FIELD_MINUTES)) {
		if (!(obj = cJSON_AddObjectToObject(body, "rotateAtUtc")))
			rc = -1;
		else {
			rc |= add_number(obj, "hours", changes, RW_FIELD_HOURS);
			rc |= add_number(obj, "minutes", changes, RW_FIELD_MINUTES);
		}
	}
	if (rw_answers_is_set(changes, RW_FIELD_MAP_CLIENT_ID) ||
	    rw_answers_is_set(changes, RW_FIELD_MAP_CLIENT_SECRET)) {
		if (!(obj = cJSON_AddObjectToObject(body, "secretsMapping")))
			rc = -1;
		else {
			rc |= add_string(obj, "clientId", changes, RW_FIELD_MAP_CLIENT_ID, 0);
			rc |= add_string(obj, "clientSecret", changes, RW_FIELD_MAP_CLIENT_SECRET, 0);
		}
	}
	if (rc == 0 && print_value(&sb, body, 0) == 0)
		out = strbuf_detach(&sb);
	strbuf_free(&sb);
	cJSON_Delete(body);
	return out;
}

/* ---- JSON -> answers ---- */

enum key_type {
	KEY_STRING,
	KEY_STRING_OR_NULL,
	KEY_BOOL,
	KEY_NUMBER,
	KEY_NUMBER_OR_STRING,
	KEY_OBJECT,
};

struct key_rule {
	const char *key;
	enum key_type type;
	enum rw_field field;		/* the field it fills, or the one it belongs to */
	const struct key_rule *members;	/* KEY_OBJECT: its keys, NULL-terminated */
	const char *shape;		/* KEY_OBJECT: an example for messages */
};

static const struct key_rule rotate_at_keys[] = {
	{ "hours", KEY_NUMBER, RW_FIELD_HOURS, NULL, NULL },
	{ "minutes", KEY_NUMBER, RW_FIELD_MINUTES, NULL, NULL },
	{ NULL, 0, RW_FIELD_NONE, NULL, NULL },
};

static const struct key_rule parameter_keys[] = {
	{ "objectId", KEY_STRING, RW_FIELD_OBJECT_ID, NULL, NULL },
	{ "clientId", KEY_STRING, RW_FIELD_CLIENT_ID, NULL, NULL },
	{ "appName", KEY_STRING, RW_FIELD_APP_NAME, NULL, NULL },
	{ NULL, 0, RW_FIELD_NONE, NULL, NULL },
};

static const struct key_rule mapping_keys[] = {
	{ "clientId", KEY_STRING, RW_FIELD_MAP_CLIENT_ID, NULL, NULL },
	{ "clientSecret", KEY_STRING, RW_FIELD_MAP_CLIENT_SECRET, NULL, NULL },
	{ NULL, 0, RW_FIELD_NONE, NULL, NULL },
};

static const struct key_rule body_keys[] = {
	{ "name", KEY_STRING, RW_FIELD_NAME, NULL, NULL },
	{ "description", KEY_STRING_OR_NULL, RW_FIELD_DESCRIPTION, NULL, NULL },
	{ "projectId", KEY_STRING, RW_FIELD_PROJECT, NULL, NULL },
	{ "connectionId", KEY_STRING, RW_FIELD_CONNECTION, NULL, NULL },
	{ "environment", KEY_STRING, RW_FIELD_ENVIRONMENT, NULL, NULL },
	{ "secretPath", KEY_STRING, RW_FIELD_SECRET_PATH, NULL, NULL },
	{ "isAutoRotationEnabled", KEY_BOOL, RW_FIELD_AUTO_ROTATION, NULL, NULL },
	{ "rotationInterval", KEY_NUMBER_OR_STRING, RW_FIELD_INTERVAL, NULL, NULL },
	{ "rotateAtUtc", KEY_OBJECT, RW_FIELD_HOURS, rotate_at_keys,
	  "{\"hours\": 0, \"minutes\": 0}" },
	{ "parameters", KEY_OBJECT, RW_FIELD_OBJECT_ID, parameter_keys,
	  "{\"objectId\": \"...\", \"clientId\": \"...\"}" },
	{ "secretsMapping", KEY_OBJECT, RW_FIELD_MAP_CLIENT_ID, mapping_keys,
	  "{\"clientId\": \"AZURE_CLIENT_ID\", \"clientSecret\": \"AZURE_CLIENT_SECRET\"}" },
	{ NULL, 0, RW_FIELD_NONE, NULL, NULL },
};

struct parse {
	struct rw_answers *answers;
	struct rw_problems *problems;
	int failed;			/* a problem was found */
	int nomem;
};

static const char *
type_name(const cJSON *item)
{
	if (cJSON_IsString(item))
		return "a string";
	if (cJSON_IsNumber(item))
		return "a number";
	if (cJSON_IsBool(item))
		return cJSON_IsTrue(item) ? "true" : "false";
	if (cJSON_IsNull(item))
		return "null";
	if (cJSON_IsArray(item))
		return "an array";
	if (cJSON_IsObject(item))
		return "an object";
	return "something else";
}

/*
 * A JSON number as it was most likely written: integers without a
 * decimal point ("30", not "30.000000"), others in the shortest form that
 * reads back the same ("11.5").
 */
static void
number_text(double v, char *out, size_t outsz)
{
	int precision;

	if (v > -1e15 && v < 1e15 && v == (double) (long long) v) {
		snprintf(out, outsz, "%lld", (long long) v);
		return;
	}
	for (precision = 1; precision <= 17; precision++) {
		snprintf(out, outsz, "%.*g", precision, v);
		if (strtod(out, NULL) == v)
			return;
	}
}

static void
problem(struct parse *p, enum rw_field field, const char *path, const char *rule,
	const cJSON *item)
{
	char shown[RW_SHOWN_MAX], number[40];

	p->failed = 1;
	if (cJSON_IsString(item)) {
		rw_show_value(item->valuestring, shown, sizeof(shown));
		rw_problems_add(p->problems, field, "%s: %s, got a string (\"%s\")", path, rule, shown);
	} else if (cJSON_IsNumber(item)) {
		number_text(item->valuedouble, number, sizeof(number));
		rw_problems_add(p->problems, field, "%s: %s, got a number (%s)", path, rule, number);
	} else {
		rw_problems_add(p->problems, field, "%s: %s, got %s", path, rule, type_name(item));
	}
}

static void
store(struct parse *p, enum rw_field field, const char *value)
{
	if (rw_answers_set(p->answers, field, value) < 0)
		p->nomem = 1;
}

static void parse_object(struct parse *p, const cJSON *obj, const struct key_rule *rules,
			 const char *prefix);

static void
parse_member(struct parse *p, const cJSON *item, const struct key_rule *rule, const char *path)
{
	char number[40];

	switch (rule->type) {
	case KEY_STRING_OR_NULL:
		if (cJSON_IsNull(item)) {
			store(p, rule->field, "");
			return;
		}
		/* fall through */
	case KEY_STRING:
		if (!cJSON_IsString(item) || !item->valuestring)
			problem(p, rule->field, path, "must be a string", item);
		else
			store(p, rule->field, item->valuestring);
		return;
	case KEY_BOOL:
		if (!cJSON_IsBool(item))
			problem(p, rule->field, path, "must be true or false", item);
		else
			store(p, rule->field, cJSON_IsTrue(item) ? "yes" : "no");
		return;
	case KEY_NUMBER_OR_STRING:
		if (cJSON_IsString(item) && item->valuestring) {
			store(p, rule->field, item->valuestring);
			return;
		}
		/* fall through */
	case KEY_NUMBER:
		if (!cJSON_IsNumber(item)) {
			problem(p, rule->field, path, "must be a number", item);
		} else if (!isfinite(item->valuedouble)) {
			p->failed = 1;
			rw_problems_add(p->problems, rule->field,
					"%s: must be a number of ordinary size, got one too large to read",
					path);
		} else {
			number_text(item->valuedouble, number, sizeof(number));
			store(p, rule->field, number);
		}
		return;
	case KEY_OBJECT:
		if (!cJSON_IsObject(item)) {
			char rule_text[160];

			snprintf(rule_text, sizeof(rule_text), "must be an object like %s",
				 rule->shape);
			problem(p, rule->field, path, rule_text, item);
		} else {
			parse_object(p, item, rule->members, path);
		}
		return;
	}
}

static void
parse_object(struct parse *p, const cJSON *obj, const struct key_rule *rules, const char *prefix)
{
	char path[KEY_PATH_MAX + RW_SHOWN_MAX], shown[RW_SHOWN_MAX];
	const struct key_rule *rule;
	const cJSON *item, *earlier;
	int duplicate;

	for (item = obj->child; item; item = item->next) {
		const char *key = item->string ? item->string : "";

		rw_show_value(key, shown, sizeof(shown));
		snprintf(path, sizeof(path), "%s%s%s", prefix, *prefix ? "." : "", shown);
		for (rule = rules; rule->key && strcmp(rule->key, key) != 0; rule++)
			;
		if (!rule->key) {
			p->failed = 1;
			rw_problems_add(p->problems, RW_FIELD_NONE,
					"%s: is not a field of the create body (a typo?)", path);
			continue;
		}
		/* cJSON keeps both copies of a repeated key; the server would keep one. */
		duplicate = 0;
		for (earlier = obj->child; earlier != item; earlier = earlier->next)
			if (earlier->string && strcmp(earlier->string, key) == 0)
				duplicate = 1;
		if (duplicate) {
			p->failed = 1;
			rw_problems_add(p->problems, rule->field, "%s: is given twice", path);
			continue;
		}
		parse_member(p, item, rule, path);
	}
}

/*
 * What cJSON would accept but must not be: NUL bytes and "\u0000" (both
 * cut a C string short, silently changing a value), and deep nesting
 * (cJSON recurses; the body is two levels deep).  Returns 0 when clean.
 */
static int
scan_text(struct parse *p, const char *json, size_t len)
{
	size_t i, depth = 0;
	int in_string = 0;
	const char *nul = memchr(json, '\0', len);

	if (nul) {
		rw_problems_add(p->problems, RW_FIELD_NONE,
				"the body contains a NUL byte (at byte %zu)", (size_t) (nul - json));
		return -1;
	}
	for (i = 0; i < len; i++) {
		char c = json[i];

		if (in_string) {
			if (c == '"') {
				in_string = 0;
			} else if (c == '\\' && i + 1 < len) {
				if (json[i + 1] == 'u' && i + 5 < len &&
				    strncmp(json + i + 2, "0000", 4) == 0) {
					rw_problems_add(p->problems, RW_FIELD_NONE,
							"the body contains \"\\u0000\" (at byte %zu), "
							"which no value may hold", i);
					return -1;
				}
				i++;
			}
		} else if (c == '"') {
			in_string = 1;
		} else if (c == '{' || c == '[') {
			if (++depth > BODY_DEPTH_MAX) {
				rw_problems_add(p->problems, RW_FIELD_NONE,
						"the body is nested more than %d levels deep",
						BODY_DEPTH_MAX);
				return -1;
			}
		} else if ((c == '}' || c == ']') && depth) {
			depth--;
		}
	}
	return 0;
}

static void
where(const char *text, size_t offset, size_t *line, size_t *column)
{
	size_t i;

	*line = 1;
	*column = 1;
	for (i = 0; i < offset && text[i]; i++) {
		if (text[i] == '\n') {
			(*line)++;
			*column = 1;
		} else {
			(*column)++;
		}
	}
}

enum rw_status
rw_body_parse(const char *json, size_t len, struct rw_answers *answers,
	      struct rw_problems *problems)
{
	struct rw_problems local = { .count = 0 };
	struct parse p = { answers, problems ? problems : &local, 0, 0 };
	const char *end = NULL;
	size_t line, column, i;
	char *text;
	cJSON *root;

	if (!answers || (!json && len)) {
		rw_problems_add(p.problems, RW_FIELD_NONE, "no body was given");
		return RW_EUSAGE;
	}
	if (len > RW_BODY_MAX) {
		rw_problems_add(p.problems, RW_FIELD_NONE,
				"the body is larger than %d bytes (%zu bytes)", RW_BODY_MAX, len);
		return RW_EUSAGE;
	}
	for (i = 0; i < len && (json[i] == ' ' || json[i] == '\t' || json[i] == '\n' ||
				json[i] == '\r'); i++)
		;
	if (i == len) {
		rw_problems_add(p.problems, RW_FIELD_NONE, "the body is empty");
		return RW_EUSAGE;
	}
	if (scan_text(&p, json, len) < 0)
		return RW_EUSAGE;

	/* cJSON wants a terminated string; the scan made sure there is no NUL inside. */
	if (!(text = malloc(len + 1)))
		return RW_ENOMEM;
	memcpy(text, json, len);
	text[len] = '\0';
	root = cJSON_ParseWithOpts(text, &end, 1);
	if (!root) {
		where(text, end && end >= text && end <= text + len ? (size_t) (end - text) : len,
		      &line, &column);
		rw_problems_add(p.problems, RW_FIELD_NONE,
				"the body is not valid JSON (line %zu, column %zu)", line, column);
		free(text);
		return RW_EUSAGE;
	}
	free(text);

	if (!cJSON_IsObject(root)) {
		rw_problems_add(p.problems, RW_FIELD_NONE,
				"the body must be a JSON object {...}, got %s", type_name(root));
		p.failed = 1;
	} else {
		parse_object(&p, root, body_keys, "");
	}
	cJSON_Delete(root);
	if (p.nomem)
		return RW_ENOMEM;
	return p.failed ? RW_EUSAGE : RW_OK;
}

/*
 * Waits up to wait_ms for fd to have something (data or its end).  1 when
 * it has, 0 after wait_ms, -1 with errno.
 */
static int
wait_readable(int fd, long wait_ms)
{
	struct pollfd pfd = { fd, POLLIN, 0 };
	int r;

	do
		r = poll(&pfd, 1, wait_ms > INT_MAX ? INT_MAX : (int) wait_ms);
	while (r < 0 && errno == EINTR);
	return r;
}

enum rw_status
rw_body_read_file(const char *path, long wait_ms, size_t max, struct strbuf *sb_out,
		  struct rw_problems *problems)
{
	struct rw_problems local = { .count = 0 };
	struct rw_problems *out = problems ? problems : &local;
	char shown[RW_SHOWN_MAX];
	struct strbuf sb;
	char chunk[8192];
	struct stat st;
	ssize_t got;
	int fd, err = 0, flags, waits;

	if (!path) {
		rw_problems_add(out, RW_FIELD_NONE, "no file was given");
		return RW_EIO;
	}
	rw_show_value(path, shown, sizeof(shown));
	/*
	 * O_NONBLOCK: opening a FIFO with no writer would otherwise wait for
	 * one for ever.  Reads from a pipe or FIFO then wait in poll(), with a
	 * limit; a regular file is read as usual.
	 */
	fd = strcmp(path, "-") == 0 ? STDIN_FILENO :
	     open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		rw_problems_add(out, RW_FIELD_NONE, "%s: %s", shown, strerror(errno));
		return RW_EIO;
	}
	if (fstat(fd, &st) != 0)
		st.st_mode = 0;
	if (S_ISDIR(st.st_mode)) {
		rw_problems_add(out, RW_FIELD_NONE, "%s: is a folder, not a file", shown);
		if (fd != STDIN_FILENO)
			close(fd);
		return RW_EIO;
	}
	waits = S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode);
	if (fd != STDIN_FILENO && (flags = fcntl(fd, F_GETFL)) >= 0)
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	if (wait_ms <= 0)
		wait_ms = RW_BODY_WAIT_MS;
	/* One byte over the limit is enough to know the file is too large. */
	strbuf_init(&sb, max + 1);
	for (;;) {
		if (waits && (got = wait_readable(fd, wait_ms)) <= 0) {
			err = got < 0 ? errno : 0;
			if (!err) {
				rw_problems_add(out, RW_FIELD_NONE, "%s: nothing came from it in "
						"%ld s (a FIFO or pipe that nobody writes to)", shown,
						(wait_ms + 999) / 1000);
				if (fd != STDIN_FILENO)
					close(fd);
				strbuf_free(&sb);
				return RW_EIO;
			}
			break;
		}
		got = read(fd, chunk, sizeof(chunk));
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			err = errno;
			break;
		}
		if (got == 0 || strbuf_append(&sb, chunk, (size_t) got) < 0)
			break;
	}
	if (fd != STDIN_FILENO)
		close(fd);
	if (err) {
		rw_problems_add(out, RW_FIELD_NONE, "%s: %s", shown, strerror(err));
		strbuf_free(&sb);
		return RW_EIO;
	}
	if (sb.failed) {
		rw_problems_add(out, RW_FIELD_NONE, "%s: is larger than %zu bytes", shown, max);
		strbuf_free(&sb);
		return RW_EUSAGE;
	}
	*sb_out = sb;
	return RW_OK;
}

enum rw_status
rw_body_parse_file(const char *path, long wait_ms, struct rw_answers *answers,
		   struct rw_problems *problems)
{
	struct rw_problems local = { .count = 0 };
	struct rw_problems *out = problems ? problems : &local;
	enum rw_status status;
	struct strbuf sb;

	if ((status = rw_body_read_file(path, wait_ms, RW_BODY_MAX, &sb, out)) != RW_OK)
		return status;
	status = rw_body_parse(sb.data ? sb.data : "", sb.len, answers, out);
	strbuf_free(&sb);
	return status;
}

/* ---- curl ---- */

/* s quoted for a POSIX shell: inside '...', a ' becomes '\'' */
static void
sh_quote(struct strbuf *sb, const char *s)
{
	strbuf_puts(sb, "'");
	for (; *s; s++) {
		if (*s == '\'')
			strbuf_puts(sb, "'\\''");
		else
			strbuf_append(sb, s, 1);
	}
	strbuf_puts(sb, "'");
}

char *
rw_curl_command(const char *api_base, const char *body)
{
	struct strbuf url = STRBUF_INIT, sb = STRBUF_INIT;
	size_t n;
	char *out;

	if (!api_base || !body)
		return NULL;
	n = strlen(api_base);
	while (n && api_base[n - 1] == '/')
		n--;
	strbuf_append(&url, api_base, n);
	strbuf_puts(&url, "/v2/secret-rotations/azure-client-secret");
	if (url.failed) {
		strbuf_free(&url);
		return NULL;
	}

	/* One option a line, so that a window never wraps one in the middle. */
	strbuf_puts(&sb, "curl -sS -X POST ");
	sh_quote(&sb, strbuf_str(&url));
	/* Double quotes on purpose: the shell fills in the token, we never see it. */
	strbuf_puts(&sb, " \\\n  -H \"Authorization: Bearer $INFISICAL_TOKEN\" \\\n"
		    "  -H 'Content-Type: application/json' \\\n  --data-binary ");
	sh_quote(&sb, body);
	strbuf_free(&url);
	out = strbuf_detach(&sb);
	return out;
}

int
rw_json_has_nul_escape(const char *text, size_t len)
{
	int in_string = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		if (!in_string) {
			in_string = text[i] == '"';
		} else if (text[i] == '"') {
			in_string = 0;
		} else if (text[i] == '\\' && i + 1 < len) {
			if (text[i + 1] == 'u' && i + 5 < len && memcmp(text + i + 2, "0000", 4) == 0)
				return 1;
			i++;
		}
	}
	return 0;
}

/* The string at key of a JSON object, copied, or NULL. */
static char *
project_file_string(const cJSON *obj, const char *key)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(item) && item->valuestring[0] ? strdup(item->valuestring) : NULL;
}

void
rw_project_file_parse(const char *text, size_t len, char **workspace_id, char **environment)
{
	cJSON *json;

	*workspace_id = *environment = NULL;
	/* A NUL would cut a value short, silently naming another project: the file is odd. */
	if (memchr(text, '\0', len) || rw_json_has_nul_escape(text, len))
		return;
	json = cJSON_ParseWithLength(text, len);
	if (json && cJSON_IsObject(json)) {
		*workspace_id = project_file_string(json, "workspaceId");
		*environment = project_file_string(json, "defaultEnvironment");
	}
	cJSON_Delete(json);
}
