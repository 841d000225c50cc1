#ifndef ROTWIZ_PLAIN_STEPS_H
#define ROTWIZ_PLAIN_STEPS_H

/*
 * The steps of doc/contract.md section 2 as plain-mode questions, one function
 * per step, each returning what the loop in plain.c should do next.
 */

#include <stddef.h>

#include "forms/field.h"
#include "plain/session.h"

/* Step 0 (plain/signin.c): skipped when credentials were given, unless s->force_signin. */
enum plain_next plain_step_signin(struct plain_session *s);

/* Steps 1-6 (plain/fields.c). */
enum plain_next plain_step_fields(struct plain_session *s, enum rw_step step);

/*
 * An edit (plain/manage.c, decision 28): Name, Description, the schedule
 * and the two secret names asked as the wizard asks them, Enter keeping
 * each value in s->app->answers (plain/fields.c).
 */
enum plain_next plain_edit_fields(struct plain_session *s);

/*
 * "m" after a create (plain/manage.c): rotwiz manage's list of the project
 * (every environment and folder), in this session; the run then ends with
 * the code of the last action there (0 when none failed).
 */
enum plain_next plain_manage_after_create(struct plain_session *s);

/* Step 7 and 8 (plain/review.c). */
enum plain_next plain_step_review(struct plain_session *s);
enum plain_next plain_step_result(struct plain_session *s);

/* Starts every pick-list load whose inputs are now known (plain/fields.c). */
void plain_start_loads(struct plain_session *s);

/*
 * The secret names among names[0..count) that already exist in the chosen
 * folder, listed in taken ("A, B"); returns how many, or -1 when the
 * folder could not be listed (why says why; the server checks again on
 * create).
 */
int plain_names_taken(struct plain_session *s, const char *const *names, int count,
		      char *taken, size_t takensz, char *why, size_t whysz);

/* A value for the review: the ID with its name where a list knows it. */
void plain_describe(struct plain_session *s, enum rw_field field, char *buf, size_t bufsz);

#endif
