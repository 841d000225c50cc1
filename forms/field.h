#ifndef ROTWIZ_FORMS_FIELD_H
#define ROTWIZ_FORMS_FIELD_H

/*
 * The field model: every answer the wizard collects, the steps that ask
 * for them, and the answers themselves.  Steps and fields are data (tables
 * in field.c), so every front-end (curses, plain, flags) walks the same
 * list in the same order.  No curses, no curl here.
 */

enum rw_field {
	RW_FIELD_NONE = -1,
	RW_FIELD_NAME = 0,
	RW_FIELD_DESCRIPTION,
	RW_FIELD_PROJECT,
	RW_FIELD_ENVIRONMENT,
	RW_FIELD_SECRET_PATH,
	RW_FIELD_CONNECTION,
	RW_FIELD_OBJECT_ID,
	RW_FIELD_CLIENT_ID,
	RW_FIELD_APP_NAME,
	RW_FIELD_AUTO_ROTATION,
	RW_FIELD_INTERVAL,
	RW_FIELD_HOURS,
	RW_FIELD_MINUTES,
	RW_FIELD_MAP_CLIENT_ID,
	RW_FIELD_MAP_CLIENT_SECRET,
	RW_FIELD_COUNT
};

/* doc/contract.md section 2, in order. */
enum rw_step {
	RW_STEP_SIGN_IN = 0,
	RW_STEP_ROTATION,
	RW_STEP_WHERE,
	RW_STEP_CONNECTION,
	RW_STEP_AZURE_APP,
	RW_STEP_SCHEDULE,
	RW_STEP_SECRETS,
	RW_STEP_REVIEW,
	RW_STEP_RESULT,
	RW_STEP_COUNT
};

enum rw_field_kind {
	RW_KIND_TEXT,		/* free text */
	RW_KIND_PICK,		/* chosen from a server list (or typed) */
	RW_KIND_PATH,		/* typed, with folder completion */
	RW_KIND_TOGGLE,		/* "yes" / "no" */
	RW_KIND_NUMBER,		/* a whole number, typed */
};

struct rw_field_info {
	enum rw_field id;
	enum rw_step step;
	enum rw_field_kind kind;
	const char *label;		/* as shown: "Object ID" */
	const char *api_path;		/* dotted body path: "parameters.objectId" */
	const char *flag;		/* long option without dashes: "object-id" */
	const char *default_value;	/* NULL: no default */
	int required;
	int width;			/* how many characters the editor shows */
	const char *help;		/* one or two sentences for F1 */
};

struct rw_step_info {
	enum rw_step id;
	const char *title;		/* "Connection" */
	const enum rw_field *fields;	/* in asking order */
	int field_count;
};

const struct rw_field_info *rw_field_info(enum rw_field field);
const struct rw_step_info *rw_step_info(enum rw_step step);
/* RW_FIELD_NONE when unknown. */
enum rw_field rw_field_by_flag(const char *flag);
/* "parameters.objectId", "rotateAtUtc.hours"...; RW_FIELD_NONE when unknown. */
enum rw_field rw_field_by_api_path(const char *path);

/*
 * The answers, as text exactly as given (numbers too: "7.5" must reach the
 * validator to be refused with its own words).  Each value is owned by the
 * struct; NULL means not answered yet.
 */
struct rw_answers {
	char *value[RW_FIELD_COUNT];
};

void rw_answers_init(struct rw_answers *answers);
void rw_answers_free(struct rw_answers *answers);
/* Copies value (NULL clears).  Returns 0, or -1 when out of memory. */
int rw_answers_set(struct rw_answers *answers, enum rw_field field, const char *value);
/* The value, or "" when not answered.  Never NULL. */
const char *rw_answers_get(const struct rw_answers *answers, enum rw_field field);
int rw_answers_is_set(const struct rw_answers *answers, enum rw_field field);
/* Fills every unanswered field that has a default.  Returns 0 or -1. */
int rw_answers_apply_defaults(struct rw_answers *answers);
/*
 * Whether any answer is more than its field's default: a draft is worth
 * saving only then.
 */
int rw_answers_beyond_defaults(const struct rw_answers *answers);
/* dst is freed first; returns 0 or -1. */
int rw_answers_copy(struct rw_answers *dst, const struct rw_answers *src);

#endif
