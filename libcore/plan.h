#ifndef ROTWIZ_CORE_PLAN_H
#define ROTWIZ_CORE_PLAN_H

/*
 * Many rotations from marked Azure apps (issue 13, the curses side of
 * decision 29): the rotation and secret names each app gets from the
 * templates ({app}, {APP} as core_batch_slug/core_batch_upper make them),
 * checked by the one validator (forms/validate.c) and made unique against
 * the folder's secret names, its rotations' names and each other (-2, -3
 * on a rotation name; _2, _3 on a secret-name pair, as core_batch_names
 * does), and whether the app already has a rotation in the folder.
 */

#include <stddef.h>

#include "forms/validate.h"
#include "libcore/names.h"
#include "net/response.h"

#define CORE_PLAN_NAME_TEMPLATE "{app}-client-secret"
#define CORE_PLAN_ID_TEMPLATE "{APP}_CLIENT_ID"
#define CORE_PLAN_SECRET_TEMPLATE "{APP}_CLIENT_SECRET"

struct core_plan_app {
	const char *object_id, *client_id, *name;	/* borrowed */
};

struct core_plan_row {
	char name[CORE_NAME_MAX];	/* the rotation's name */
	char map_id[CORE_NAME_MAX];	/* secretsMapping.clientId */
	char map_secret[CORE_NAME_MAX];	/* secretsMapping.clientSecret */
	char problem[RW_MESSAGE_MAX + 64];	/* "" or the first refusal: field, rule, value */
	char existing[CORE_NAME_MAX];	/* "" or the folder's rotation of this app already */
};

/*
 * The template with {app} and {APP} put in for app_name (AZURE / azure
 * without one); a name template's {app} is cut so that the whole stays
 * within the slug rule's 64 characters.  is_name: a rotation-name template.
 */
void core_plan_expand(const char *tmpl, const char *app_name, int is_name, char *out,
		      size_t outsz);

enum core_plan_template {
	CORE_PLAN_TMPL_NAME,		/* the rotation's name */
	CORE_PLAN_TMPL_ID,		/* secretsMapping.clientId */
	CORE_PLAN_TMPL_SECRET,		/* secretsMapping.clientSecret */
	CORE_PLAN_TMPL_COUNT
};

/*
 * Whether the template can make a valid name for any app: what it makes of
 * an app called "app" is checked by the one validator (its {app} / {APP}
 * stand for letters only, so only the fixed text can break a rule).  0, or
 * -1 with msg naming the template, its value, what it made and the rule.
 * A template without {app} / {APP} is not refused: every row's name is the
 * same, and core_plan_build's -2, -3 / _2, _3 make them unique.
 */
int core_plan_check_template(enum core_plan_template which, const char *tmpl, char *msg,
			     size_t msgsz);

/*
 * rows[i] for apps[i], in order: the names from the templates, or the
 * names already in rows[i] when keep is set (a row edited by hand keeps
 * its names; they are still checked and counted against the others).
 * taken: the folder's secret names; rotations: the project's rotations
 * (only those in environment and folder count).  A clash with them or an
 * earlier row gets the next free suffix; an edited row that clashes is a
 * problem instead (what the user typed is not changed).  Returns the
 * number of rows with a problem, or -1 when out of memory.
 */
int core_plan_build(const struct core_plan_app *apps, size_t n, const char *name_tmpl,
		    const char *id_tmpl, const char *secret_tmpl, const int *keep,
		    const struct rw_name_list *taken, const struct rw_rotation_list *rotations,
		    const char *environment, const char *folder, struct core_plan_row *rows);

#endif
