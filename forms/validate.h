#ifndef ROTWIZ_FORMS_VALIDATE_H
#define ROTWIZ_FORMS_VALIDATE_H

/*
 * The field rules of doc/api.md section 1 and doc/contract.md section 2,
 * checked before anything is sent.  Every refusal is one message naming the
 * field, the rule and the value given, e.g.
 *   Rotate at hour (UTC): must be a whole number from 0 to 23, got "24"
 */

#include <stddef.h>

#include "common/status.h"
#include "forms/field.h"

#define RW_MESSAGE_MAX 320

struct rw_problem {
	enum rw_field field;		/* RW_FIELD_NONE for a whole-body problem */
	char message[RW_MESSAGE_MAX];
};

struct rw_problems {
	struct rw_problem item[RW_FIELD_COUNT * 2];
	int count;
};

/*
 * One field alone.  RW_OK, or RW_EINVAL with the message in msg (truncated
 * to msgsz on a UTF-8 boundary; RW_MESSAGE_MAX always fits).  value may be
 * NULL (not answered).
 *
 * The rule is applied to the value as rw_normalize_field() would store it,
 * so a pasted '  "3C90C3CC-..."  ' GUID, a path typed without its leading
 * "/" and "True" for the toggle pass; the message still quotes the value
 * as given (control characters and invisible characters escaped, at most
 * 40 characters then "...").  Numbers, name and environment are checked as
 * typed: " 7", "+7", "7.5", "07x" and "My-Rot" are refused, not repaired.
 * An empty (or all-blank) required value gives "<Label>: required"; an
 * empty optional one (description, app name) is fine.  Lengths count
 * characters, not bytes.  A description must hold at most 255 characters
 * (the server's column) and at most 256 UTF-16 units (its zod check, where
 * an emoji counts twice); its message gives the length instead of quoting
 * the value.  Text that is not valid UTF-8 is refused.
 */
enum rw_status rw_validate_field(enum rw_field field, const char *value,
				 char *msg, size_t msgsz);

/*
 * The canonical form of a value, which the body and the screens use:
 *   GUIDs (connection, object ID, client ID): surrounding spaces and quotes
 *     trimmed (pasted), lowercase;
 *   secret path: trimmed, leading "/" added, a trailing "/" after a folder
 *     name removed ("a/" -> "/a", "/" stays; "a//" is left for the
 *     validator to refuse);
 *   auto-rotation: yes/y/true/on -> "yes", no/n/false/off -> "no" (any case);
 *   interval, hours, minutes: a valid whole number without leading zeros
 *     ("07" -> "7");
 *   description, project, app name, secret names: surrounding whitespace
 *     trimmed (the server trims them too);
 *   name, environment: unchanged.
 * A value the rules refuse comes back trimmed but otherwise unchanged.
 * Returns a new string (caller frees) or NULL (out of memory).
 */
char *rw_normalize_field(enum rw_field field, const char *value);

/*
 * Every field of one step (RW_STEP_COUNT: all steps), then the rules across
 * fields (mapping names must differ: reported on RW_FIELD_MAP_CLIENT_SECRET).
 * Unanswered required fields are problems too, so apply defaults first.
 * Problems are appended: start from a zeroed struct rw_problems.
 * Returns the number of problems added to *problems.
 */
int rw_validate_step(const struct rw_answers *answers, enum rw_step step,
		     struct rw_problems *problems);

/*
 * Things worth saying that are not errors: the object ID equal to the
 * client ID (reported on RW_FIELD_OBJECT_ID, the one usually pasted wrong).
 * Appended like problems; returns how many were added.
 */
int rw_answers_warnings(const struct rw_answers *answers, struct rw_problems *warnings);

/*
 * value quoted for a message: control characters, stray bytes and
 * invisible characters escaped (\n, \x01, \u200B), '"' and '\\'
 * backslashed, at most 40 characters then "...".  out gets at most
 * outsz bytes, NUL included; RW_SHOWN_MAX always holds the whole result.
 */
#define RW_SHOWN_MAX 136
void rw_show_value(const char *value, char *out, size_t outsz);

/* Whether value is exactly a GUID (8-4-4-4-12 hex digits, either case, nothing around it). */
int rw_is_guid(const char *value);

/* Appends a problem; ignores it when the list is full. */
void rw_problems_add(struct rw_problems *problems, enum rw_field field,
		     const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
