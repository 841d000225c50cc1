#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "common/strbuf.h"
#include "forms/body.h"
#include "forms/rows.h"
#include "forms/schedule.h"

void
rw_rows_init(struct rw_rows *rows)
{
	memset(rows, 0, sizeof(*rows));
}

void
rw_rows_free(struct rw_rows *rows)
{
	size_t i;

	if (!rows)
		return;
	for (i = 0; i < rows->count; i++) {
		rw_answers_free(&rows->row[i].answers);
		free(rows->row[i].problems);
	}
	free(rows->row);
	rw_rows_init(rows);
}

const char *
rw_rows_format_name(enum rw_rows_format format)
{
	switch (format) {
	case RW_ROWS_ARRAY:	return "a JSON array";
	case RW_ROWS_NDJSON:	return "NDJSON";
	case RW_ROWS_CSV:	return "CSV";
	case RW_ROWS_BODY:	break;
	}
	return "a create body";
}

/* A new empty row at the end; NULL when out of memory or past RW_ROWS_MAX. */
static struct rw_row *
row_add(struct rw_rows *rows, size_t line, int *too_many)
{
	struct rw_row *grown, *r;

	if (rows->count >= RW_ROWS_MAX) {
		*too_many = 1;
		return NULL;
	}
	if (!(rows->count & (rows->count - 1)) || !rows->row) {
		size_t cap = rows->count ? rows->count * 2 : 8;

		if (!(grown = realloc(rows->row, cap * sizeof(*grown))))
			return NULL;
		rows->row = grown;
	}
	r = &rows->row[rows->count++];
	memset(r, 0, sizeof(*r));
	rw_answers_init(&r->answers);
	r->line = line;
	return r;
}

/* The row's problem list, made on first need; NULL when out of memory. */
static struct rw_problems *
row_problems(struct rw_row *r)
{
	if (!r->problems)
		r->problems = calloc(1, sizeof(*r->problems));
	return r->problems;
}

/* One JSON text as one row, by rw_body_parse()'s rules; RW_ENOMEM or RW_OK. */
static enum rw_status
row_from_json(struct rw_row *r, const char *json, size_t len)
{
	struct rw_problems found;
	enum rw_status st;

	memset(&found, 0, sizeof(found));
	st = rw_body_parse(json, len, &r->answers, &found);
	if (st == RW_ENOMEM)
		return st;
	if (found.count) {
		if (!row_problems(r))
			return RW_ENOMEM;
		*r->problems = found;
	}
	return RW_OK;
}

static size_t
line_at(const char *text, size_t offset)
{
	size_t i, line = 1;

	for (i = 0; i < offset; i++)
		if (text[i] == '\n')
			line++;
	return line;
}

static enum rw_status
parse_array(const char *text, size_t len, struct rw_rows *rows)
{
	const char *end = NULL;
	const cJSON *item;
	cJSON *root;
	char *copy, *one;
	int too_many = 0;
	size_t n = 0;

	if (!(copy = malloc(len + 1)))
		return RW_ENOMEM;
	memcpy(copy, text, len);
	copy[len] = '\0';
	root = cJSON_ParseWithOpts(copy, &end, 1);
	if (!root) {
		rw_problems_add(&rows->problems, RW_FIELD_NONE,
				"the file is not valid JSON (line %zu)",
				line_at(copy, end && end >= copy && end <= copy + len ?
					(size_t) (end - copy) : len));
		free(copy);
		return RW_EUSAGE;
	}
	free(copy);
	for (item = root->child; item; item = item->next, n++) {
		struct rw_row *r = row_add(rows, 0, &too_many);

		if (!r)
			break;
		/* Printed back and parsed alone: the one set of rules for a body. */
		if (!(one = cJSON_PrintUnformatted(item)) ||
		    row_from_json(r, one, strlen(one)) != RW_OK) {
			free(one);
			cJSON_Delete(root);
			return RW_ENOMEM;
		}
		free(one);
	}
	cJSON_Delete(root);
	if (too_many) {
		rw_problems_add(&rows->problems, RW_FIELD_NONE,
				"the file holds more than %d rows -- split it", RW_ROWS_MAX);
		return RW_EUSAGE;
	}
	if (item)
		return RW_ENOMEM;
	if (!rows->count) {
		rw_problems_add(&rows->problems, RW_FIELD_NONE, "the array is empty: no rotation to make");
		return RW_EUSAGE;
	}
	return RW_OK;
}

static int
blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

/* Whether the first non-blank line is a JSON value by itself and more text follows it. */
static int
looks_ndjson(const char *text, size_t len)
{
	const char *nl = memchr(text, '\n', len), *end = NULL;
	size_t first;
	char *line;
	cJSON *v;
	int whole;

	if (!nl || blank(nl, len - (size_t) (nl - text)))
		return 0;
	first = (size_t) (nl - text);
	if (!(line = malloc(first + 1)))
		return 0;
	memcpy(line, text, first);
	line[first] = '\0';
	v = cJSON_ParseWithOpts(line, &end, 1);
	whole = v != NULL;
	cJSON_Delete(v);
	free(line);
	return whole;
}

static enum rw_status
parse_ndjson(const char *text, size_t len, size_t first_line, struct rw_rows *rows)
{
	size_t at = 0, line = first_line;
	int too_many = 0;

	while (at < len) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t n = nl ? (size_t) (nl - (text + at)) : len - at;

		if (!blank(text + at, n)) {
			struct rw_row *r = row_add(rows, line, &too_many);

			if (!r)
				break;
			if (row_from_json(r, text + at, n) != RW_OK)
				return RW_ENOMEM;
		}
		at += n + 1;
		line++;
	}
	if (too_many) {
		rw_problems_add(&rows->problems, RW_FIELD_NONE,
				"the file holds more than %d rows -- split it", RW_ROWS_MAX);
		return RW_EUSAGE;
	}
	return at < len ? RW_ENOMEM : RW_OK;
}

/* ---- CSV ---- */

enum column {
	COL_FIELD,		/* the field named by the flag */
	COL_ROTATE_AT,		/* HH:MM into hours and minutes */
	COL_AUTO_ROTATION,	/* yes/no */
};

struct csv_column {
	enum column kind;
	enum rw_field field;
};

/*
 * One record from *at: cells into cells (each a new string), *ncells.
 * Returns 1 with a record, 0 at the end, -1 on an unterminated quote, -2
 * when out of memory.  *lines counts the newlines consumed.
 */
static int
csv_record(const char *text, size_t len, size_t *at, char ***cells, size_t *ncells, size_t *lines)
{
	struct strbuf cell = STRBUF_INIT;
	char **list = NULL, **grown;
	size_t i = *at, n = 0;
	int quoted = 0, in_quotes = 0, end = 0;

	if (i >= len)
		return 0;
	while (!end) {
		char c = i < len ? text[i] : '\n';

		if (in_quotes) {
			if (i >= len) {
				strbuf_free(&cell);
				for (; n; n--)
					free(list[n - 1]);
				free(list);
				return -1;
			}
			if (c == '"' && i + 1 < len && text[i + 1] == '"') {
				strbuf_append(&cell, "\"", 1);
				i += 2;
				continue;
			}
			if (c == '"') {
				in_quotes = 0;
			} else {
				if (c == '\n')
					(*lines)++;
				strbuf_append(&cell, &c, 1);
			}
			i++;
			continue;
		}
		if (c == '"' && !cell.len && !quoted) {
			quoted = in_quotes = 1;
			i++;
			continue;
		}
		if (c == ',' || c == '\n') {
			if (!(grown = realloc(list, (n + 1) * sizeof(*list)))) {
				strbuf_free(&cell);
				goto nomem;
			}
			list = grown;
			/* A CRLF record end: the CR is not part of the last cell. */
			if (c == '\n' && !quoted && cell.len && cell.data[cell.len - 1] == '\r')
				cell.data[--cell.len] = '\0';
			if (cell.failed || !(list[n] = strdup(strbuf_str(&cell)))) {
				strbuf_free(&cell);
				goto nomem;
			}
			n++;
			strbuf_free(&cell);
			quoted = 0;
			if (c == '\n') {
				if (i < len)
					(*lines)++;
				end = 1;
			}
			i++;
			continue;
		}
		/* A CR right after a closing quote, before the newline. */
		if (!(quoted && c == '\r'))
			strbuf_append(&cell, &c, 1);
		i++;
	}
	*at = i;
	*cells = list;
	*ncells = n;
	return 1;
nomem:
	for (; n; n--)
		free(list[n - 1]);
	free(list);
	return -2;
}

static void
cells_free(char **cells, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(cells[i]);
	free(cells);
}

static int
cells_blank(char **cells, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!blank(cells[i], strlen(cells[i])))
			return 0;
	return 1;
}

/* The header's columns; problems for unknown or repeated names. */
static struct csv_column *
csv_header(char **cells, size_t n, struct rw_problems *problems, int *bad)
{
	struct csv_column *cols = calloc(n ? n : 1, sizeof(*cols));
	char shown[RW_SHOWN_MAX];
	size_t i, j;

	if (!cols)
		return NULL;
	for (i = 0; i < n; i++) {
		const char *name = cells[i];

		rw_show_value(name, shown, sizeof(shown));
		if (strcmp(name, "rotate-at") == 0) {
			cols[i].kind = COL_ROTATE_AT;
			cols[i].field = RW_FIELD_HOURS;
		} else if (strcmp(name, "auto-rotation") == 0) {
			cols[i].kind = COL_AUTO_ROTATION;
			cols[i].field = RW_FIELD_AUTO_ROTATION;
		} else if ((cols[i].field = rw_field_by_flag(name)) != RW_FIELD_NONE &&
			   cols[i].field != RW_FIELD_AUTO_ROTATION) {
			cols[i].kind = COL_FIELD;
		} else {
			*bad = 1;
			rw_problems_add(problems, RW_FIELD_NONE,
					"line 1: column \"%s\" is not a flag name (the columns are "
					"name, description, project, environment, secret-path, "
					"connection, object-id, client-id, app-name, auto-rotation, "
					"interval, rotate-at, map-client-id, map-client-secret)", shown);
			cols[i].field = RW_FIELD_NONE;
			continue;
		}
		for (j = 0; j < i; j++)
			if (cols[j].field == cols[i].field && cols[j].field != RW_FIELD_NONE) {
				*bad = 1;
				rw_problems_add(problems, RW_FIELD_NONE,
						"line 1: column \"%s\" is given twice", shown);
			}
	}
	return cols;
}

/* One cell into the row; problems go to the row. */
static int
csv_cell(struct rw_row *r, const struct csv_column *col, const char *value)
{
	char shown[RW_SHOWN_MAX], msg[RW_MESSAGE_MAX], num[8];
	int hours, minutes, fault;

	if (!*value)
		return 0;
	switch (col->kind) {
	case COL_ROTATE_AT:
		fault = rw_schedule_parse_hhmm(value, &hours, &minutes);
		if (fault) {
			/* The message quotes the cell escaped (rw_schedule_hhmm_message). */
			rw_schedule_hhmm_message(fault, value, "rotate-at", msg, sizeof(msg));
			if (!row_problems(r))
				return -1;
			rw_problems_add(r->problems, RW_FIELD_HOURS, "%s", msg);
			return 0;
		}
		snprintf(num, sizeof(num), "%d", hours);
		if (rw_answers_set(&r->answers, RW_FIELD_HOURS, num) < 0)
			return -1;
		snprintf(num, sizeof(num), "%d", minutes);
		return rw_answers_set(&r->answers, RW_FIELD_MINUTES, num);
	case COL_AUTO_ROTATION:
		if (strcmp(value, "yes") && strcmp(value, "no") && strcmp(value, "true") &&
		    strcmp(value, "false")) {
			rw_show_value(value, shown, sizeof(shown));
			if (!row_problems(r))
				return -1;
			rw_problems_add(r->problems, RW_FIELD_AUTO_ROTATION,
					"auto-rotation: must be yes or no, got \"%s\"", shown);
			return 0;
		}
		return rw_answers_set(&r->answers, RW_FIELD_AUTO_ROTATION,
				      value[0] == 'y' || value[0] == 't' ? "yes" : "no");
	case COL_FIELD:
		break;
	}
	return rw_answers_set(&r->answers, col->field, value);
}

static enum rw_status
parse_csv(const char *text, size_t len, struct rw_rows *rows)
{
	struct csv_column *cols = NULL;
	size_t at = 0, line = 1, start, ncols = 0, n, i;
	char **cells;
	int got, bad = 0, too_many = 0;

	/* The header: the first record that is not blank. */
	for (;;) {
		start = line;
		got = csv_record(text, len, &at, &cells, &n, &line);
		if (got <= 0)
			break;
		if (!cells_blank(cells, n))
			break;
		cells_free(cells, n);
	}
	if (got == -2)
		return RW_ENOMEM;
	if (got <= 0) {
		if (got < 0)
			rw_problems_add(&rows->problems, RW_FIELD_NONE,
					"line %zu: a quote is opened and never closed", start);
		else
			rw_problems_add(&rows->problems, RW_FIELD_NONE, "the file is empty");
		return RW_EUSAGE;
	}
	ncols = n;
	cols = csv_header(cells, n, &rows->problems, &bad);
	cells_free(cells, n);
	if (!cols)
		return RW_ENOMEM;
	for (;;) {
		struct rw_row *r;

		start = line;
		got = csv_record(text, len, &at, &cells, &n, &line);
		if (got == 0)
			break;
		if (got == -2) {
			free(cols);
			return RW_ENOMEM;
		}
		if (got == -1) {
			rw_problems_add(&rows->problems, RW_FIELD_NONE,
					"line %zu: a quote is opened and never closed", start);
			bad = 1;
			break;
		}
		if (cells_blank(cells, n)) {
			cells_free(cells, n);
			continue;
		}
		if (!(r = row_add(rows, start, &too_many))) {
			cells_free(cells, n);
			if (too_many)
				break;
			free(cols);
			return RW_ENOMEM;
		}
		if (n != ncols) {
			if (!row_problems(r)) {
				cells_free(cells, n);
				free(cols);
				return RW_ENOMEM;
			}
			rw_problems_add(r->problems, RW_FIELD_NONE,
					"has %zu cells, the header has %zu columns", n, ncols);
		}
		for (i = 0; i < n && i < ncols; i++) {
			if (cols[i].field == RW_FIELD_NONE)
				continue;
			if (csv_cell(r, &cols[i], cells[i]) < 0) {
				cells_free(cells, n);
				free(cols);
				return RW_ENOMEM;
			}
		}
		cells_free(cells, n);
	}
	free(cols);
	if (too_many) {
		rw_problems_add(&rows->problems, RW_FIELD_NONE,
				"the file holds more than %d rows -- split it", RW_ROWS_MAX);
		return RW_EUSAGE;
	}
	if (!bad && !rows->count) {
		rw_problems_add(&rows->problems, RW_FIELD_NONE,
				"the file has a header and no rows: no rotation to make");
		bad = 1;
	}
	return bad ? RW_EUSAGE : RW_OK;
}

enum rw_status
rw_rows_parse(const char *text, size_t len, struct rw_rows *rows)
{
	enum rw_status st;
	size_t i, skip = 0, line = 1;
	struct rw_row *r;
	int too_many = 0;

	for (i = 0; i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' ||
				text[i] == '\r'); i++)
		if (text[i] == '\n')
			line++;
	skip = i;
	/* What would cut a value short, found once for the whole file. */
	if (memchr(text, '\0', len)) {
		rw_problems_add(&rows->problems, RW_FIELD_NONE, "the file contains a NUL byte (at "
				"byte %zu)", (size_t) ((const char *) memchr(text, '\0', len) - text));
		return RW_EUSAGE;
	}
	if (skip < len && text[skip] == '[') {
		rows->format = RW_ROWS_ARRAY;
		if (rw_json_has_nul_escape(text, len)) {
			rw_problems_add(&rows->problems, RW_FIELD_NONE,
					"the file contains \"\\u0000\", which no value may hold");
			return RW_EUSAGE;
		}
		st = parse_array(text, len, rows);
	} else if (skip < len && text[skip] == '{' && looks_ndjson(text + skip, len - skip)) {
		rows->format = RW_ROWS_NDJSON;
		st = parse_ndjson(text + skip, len - skip, line, rows);
	} else if (skip == len || text[skip] == '{') {
		/* One body: its problems are the file's, worded as before. */
		rows->format = RW_ROWS_BODY;
		if (!(r = row_add(rows, line, &too_many)))
			return RW_ENOMEM;
		st = rw_body_parse(text, len, &r->answers, &rows->problems);
	} else {
		rows->format = RW_ROWS_CSV;
		st = parse_csv(text, len, rows);
	}
	if (st == RW_OK) {
		for (i = 0; i < rows->count; i++)
			if (rows->row[i].problems)
				return RW_EUSAGE;
	}
	return st;
}

enum rw_status
rw_rows_parse_file(const char *path, long wait_ms, struct rw_rows *rows)
{
	struct strbuf text;
	enum rw_status st;

	st = rw_body_read_file(path, wait_ms, RW_ROWS_FILE_MAX, &text, &rows->problems);
	if (st != RW_OK)
		return st;
	st = rw_rows_parse(text.data ? text.data : "", text.len, rows);
	strbuf_free(&text);
	return st;
}

char *
rw_rows_result_json(size_t row, const char *name, const char *status, int exit_code,
		    const char *rotation_json, const char *message)
{
	cJSON *obj = cJSON_CreateObject(), *rot = NULL;
	char *text = NULL;

	if (!obj)
		return NULL;
	if (rotation_json && !(rot = cJSON_Parse(rotation_json)))
		goto out;
	if (!cJSON_AddNumberToObject(obj, "row", (double) row) ||
	    !cJSON_AddStringToObject(obj, "name", name ? name : "") ||
	    !cJSON_AddStringToObject(obj, "status", status) ||
	    !cJSON_AddNumberToObject(obj, "exitCode", exit_code))
		goto out;
	if (message && !cJSON_AddStringToObject(obj, "error", message))
		goto out;
	if (rot) {
		/* Ownership moves into obj. */
		cJSON_AddItemToObject(obj, "rotation", rot);
		rot = NULL;
	}
	text = cJSON_PrintUnformatted(obj);
out:
	cJSON_Delete(rot);
	cJSON_Delete(obj);
	return text;
}
