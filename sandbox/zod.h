#ifndef ROTWIZ_SANDBOX_ZOD_H
#define ROTWIZ_SANDBOX_ZOD_H

#include <cjson/cJSON.h>

/*
 * The server's input validation, as Infisical's zod schemas do it
 * (doc/api.md s.1 and s.4): every check runs, every failure becomes
 * one issue object {code, message, path, ...} in zod's own shape, and the
 * caller answers 422 with all of them.  This is deliberately separate from
 * the wizard's own checks in forms/: the sandbox must say what the real
 * server says, not what rotwiz expects.
 */

/* Where a value sits in the input: ["rotateAtUtc", "hours"]. */
#define SB_ZPATH_MAX 4
struct sb_zpath {
	const char *key[SB_ZPATH_MAX];
	int depth;
};

/* path + key, as a new path (keys past SB_ZPATH_MAX are dropped). */
struct sb_zpath sb_zpath_at(const struct sb_zpath *parent, const char *key);

struct sb_zod {
	cJSON *issues;	/* array */
};

void sb_zod_init(struct sb_zod *z);
int sb_zod_failed(const struct sb_zod *z);
/* Hands the issue array to the caller and leaves an empty one behind. */
cJSON *sb_zod_take(struct sb_zod *z);
void sb_zod_free(struct sb_zod *z);

/*
 * The member `key` of an object, or NULL.  JSON.parse keeps the last of
 * repeated keys, so this returns the last one too.
 */
const cJSON *sb_json_get(const cJSON *object, const char *key);

/* z.string() with the refinements Infisical chains onto it. */
struct sb_zstring_rule {
	int optional;		/* undefined is fine */
	int nullable;		/* null is fine (zod .nullish()) */
	int trim;
	long min;		/* -1: no minimum */
	const char *min_msg;	/* NULL: zod's own words */
	long max;		/* -1: no maximum */
	const char *max_msg;
	int uuid;
	const char *slug_msg;	/* non-NULL: Infisical's slugSchema refinement */
	int secret_name;	/* no ':' and no '/' */
};

/*
 * Checks value (NULL: absent).  Returns 0 when it passed; then *out is the
 * value after trimming (malloc'd), or NULL when it was absent or null.
 * Returns -1 when issues were added (*out is NULL).
 */
int sb_zod_string(struct sb_zod *z, const struct sb_zpath *path, const cJSON *value,
		  const struct sb_zstring_rule *rule, char **out);

struct sb_znumber_rule {
	int optional;
	int coerce;		/* z.coerce.number(): Number(value) first */
	int has_min, has_max;
	double min, max;
};

/* Returns 1 with *out set, 0 when absent and optional, -1 on issues. */
int sb_zod_number(struct sb_zod *z, const struct sb_zpath *path, const cJSON *value,
		  const struct sb_znumber_rule *rule, double *out);

/* z.boolean(): 1 with *out set, 0 when absent and optional, -1 on issues. */
int sb_zod_boolean(struct sb_zod *z, const struct sb_zpath *path, const cJSON *value,
		   int optional, int *out);

/* z.object(): 1 when an object, 0 when absent and optional, -1 on issues. */
int sb_zod_object(struct sb_zod *z, const struct sb_zpath *path, const cJSON *value,
		  int optional);

/*
 * z.enum(options) over a NULL-terminated list: 1 with *out pointing into
 * options, 0 when absent and optional, -1 on issues.
 */
int sb_zod_enum(struct sb_zod *z, const struct sb_zpath *path, const cJSON *value,
		const char *const *options, int optional, const char **out);

#endif
