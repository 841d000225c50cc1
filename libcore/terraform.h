#ifndef ROTWIZ_CORE_TERRAFORM_H
#define ROTWIZ_CORE_TERRAFORM_H

/*
 * The same rotations as Terraform (issue 13): the provider's resource
 * infisical_secret_rotation_azure_client_secret (doc/api.md s.9), its
 * attribute names, with the provider's caveats as comments.  For
 * --print-terraform (flag mode) and `rotwiz show --print-terraform`.
 */

#include <stddef.h>

#include "common/strbuf.h"
#include "forms/field.h"
#include "net/response.h"

/* The caveats, as HCL comments, once at the top of the output. */
void core_terraform_header(struct strbuf *sb);

/*
 * One resource block for rot (its name, description, project_id,
 * environment_slug, folder_path, connection_id, object_id, client_id,
 * map_client_*, auto_rotation, interval_days, hours, minutes; app_name
 * has no attribute and is left out).  Its label is the name made an HCL
 * identifier (a-z, 0-9, '_'; a leading digit gets "r_"), with _2, _3
 * when labels (the labels so far, may be NULL) has it; the label is added
 * to labels.  Strings are escaped for HCL ("\"", "\\", control
 * characters, and "${" / "%{" doubled so that nothing is interpolated).
 * Returns 0, or -1 when out of memory.
 */
int core_terraform_resource(struct strbuf *sb, const struct rw_rotation *rot,
			    struct rw_name_list *labels);

/*
 * The header and a resource for each of rots, as one text (caller frees);
 * NULL when out of memory.
 */
char *core_terraform_text(const struct rw_rotation *const *rots, size_t n);

/*
 * A rotation as answers describe it (normalized, defaults applied), for
 * core_terraform_resource(): its pointers borrow from answers.
 */
void core_terraform_from_answers(const struct rw_answers *answers, struct rw_rotation *rot);

#endif
