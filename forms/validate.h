#ifndef ROTWIZ_FORMS_VALIDATE_H
#define ROTWIZ_FORMS_VALIDATE_H

/*
 * The field rules of infisical-api.md section 1 and wizard.md section 2,
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

/* One field alone.  RW_OK, or RW_EINVAL with the message in msg. */
enum rw_status rw_validate_field(enum rw_field field, const char *value,
				 char *msg, size_t msgsz);

/*
 * The canonical form of a valid value: the secret path gets its leading "/"
 * and loses a trailing one, "yes"/"no" for toggles, GUIDs lowercase and
 * trimmed of spaces and quotes (pasted).  Returns a new string or NULL
 * (out of memory).
 */
char *rw_normalize_field(enum rw_field field, const char *value);

/*
 * Every field of one step (RW_STEP_COUNT: all steps), then the rules across
 * fields (mapping names must differ).  Unanswered required fields are
 * problems too.  Returns the number of problems added to *problems.
 */
int rw_validate_step(const struct rw_answers *answers, enum rw_step step,
		     struct rw_problems *problems);

/* Things worth saying that are not errors (object ID equal to client ID). */
int rw_answers_warnings(const struct rw_answers *answers, struct rw_problems *warnings);

/* Appends a problem; ignores it when the list is full. */
void rw_problems_add(struct rw_problems *problems, enum rw_field field,
		     const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
