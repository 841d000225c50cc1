#ifndef ROTWIZ_FORMS_BODY_H
#define ROTWIZ_FORMS_BODY_H

/*
 * Answers <-> the create body of POST /api/v2/secret-rotations/azure-client-secret
 * (infisical-api.md section 1), and the equivalent curl command.
 * cJSON stays inside body.c.
 */

#include <stddef.h>

#include "common/status.h"
#include "forms/field.h"
#include "forms/validate.h"

/*
 * The JSON body, pretty-printed, for answers that passed rw_validate_step()
 * for every step.  rotateAtUtc, rotationInterval and isAutoRotationEnabled
 * are always sent; description is left out when empty.  Caller frees.
 * NULL when out of memory.
 */
char *rw_body_build(const struct rw_answers *answers);

/*
 * A create body (a --from-file) into answers: every known key becomes the
 * text of its field (numbers as written: 11.5 stays "11.5" for the
 * validator to refuse).  Wrong types, unknown shapes and broken JSON are
 * refused with problems naming the key.  Keys the server would drop
 * (unknown ones) are refused too, since they are likely typos.
 * Returns RW_OK or RW_EUSAGE (with *problems filled).
 */
enum rw_status rw_body_parse(const char *json, size_t len, struct rw_answers *answers,
			     struct rw_problems *problems);

/*
 * `curl` command line that sends body to api_base, with the token as
 * "$INFISICAL_TOKEN" (never the token itself), quoted for a POSIX shell.
 * Caller frees.
 */
char *rw_curl_command(const char *api_base, const char *body);

#endif
