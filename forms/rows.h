#ifndef ROTWIZ_FORMS_ROWS_H
#define ROTWIZ_FORMS_ROWS_H

/*
 * A --from-file of many rotations (issue 13): a JSON array of create
 * bodies, NDJSON (one body a line), or CSV with a header row of the flag
 * names.  One body, as before, is one row.  Each row becomes answers, and
 * each row's problems are kept with it, so that every problem of every row
 * can be listed before anything is sent.  cJSON stays inside rows.c.
 */

#include <stddef.h>

#include "common/status.h"
#include "forms/field.h"
#include "forms/validate.h"

enum rw_rows_format {
	RW_ROWS_BODY,		/* one JSON object: the single create of before */
	RW_ROWS_ARRAY,		/* [ {...}, {...} ] */
	RW_ROWS_NDJSON,		/* {...}\n{...}\n */
	RW_ROWS_CSV,		/* name,project,...\nrow\nrow */
};

/* The most rows one file may hold, and its largest size. */
#define RW_ROWS_MAX 10000
#define RW_ROWS_FILE_MAX (16 * 1024 * 1024)

struct rw_row {
	struct rw_answers answers;	/* the keys or cells given; others not set */
	struct rw_problems *problems;	/* what is wrong with what was given; NULL: nothing */
	size_t line;			/* where it starts in the file (1-based) */
};

struct rw_rows {
	enum rw_rows_format format;
	struct rw_row *row;		/* owned */
	size_t count;
	/* Problems of the file as a whole (broken JSON, an unknown CSV column). */
	struct rw_problems problems;
};

void rw_rows_init(struct rw_rows *rows);
void rw_rows_free(struct rw_rows *rows);

/* "a JSON array", "NDJSON", "CSV", "a create body". */
const char *rw_rows_format_name(enum rw_rows_format format);

/*
 * text (len bytes, not NUL-terminated) into rows.  The format is told by
 * the first byte that is not white space: '[' an array; '{' one body, or
 * NDJSON when the first line is a whole object and more follows; anything
 * else CSV.  Rules for JSON rows are rw_body_parse()'s.  CSV follows RFC
 * 4180 (quotes, "" inside quotes, CRLF); its columns are the flag names
 * (name, project, ..., map-client-secret) with rotate-at as HH:MM and
 * auto-rotation as yes/no; an empty cell is not given (flags and defaults
 * fill it).  Empty lines are skipped.
 *
 * RW_OK when every row parsed; RW_EUSAGE when a row or the file has
 * problems (rows still holds every row that was read, with its own);
 * RW_ENOMEM.
 */
enum rw_status rw_rows_parse(const char *text, size_t len, struct rw_rows *rows);

/*
 * rw_rows_parse() on a file ("-": standard input), read as
 * rw_body_read_file() does, up to RW_ROWS_FILE_MAX bytes.  RW_EIO when it
 * cannot be read (the problem, naming the file, in rows->problems).
 */
enum rw_status rw_rows_parse_file(const char *path, long wait_ms, struct rw_rows *rows);

/*
 * One row's result for --json, on one line: {"row":N,"name":...,
 * "status":"created"|"failed"|"unknown"|"not sent","exitCode":N,
 * "error":message (when not NULL),"rotation":{...} (rotation_json, the
 * server's rotation, when not NULL)}.  Caller frees; NULL when out of
 * memory or rotation_json is not JSON.
 */
char *rw_rows_result_json(size_t row, const char *name, const char *status, int exit_code,
			  const char *rotation_json, const char *message);

#endif
