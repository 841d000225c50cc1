#ifndef ROTWIZ_FORMS_BODY_H
#define ROTWIZ_FORMS_BODY_H

/*
 * Answers <-> the create body of POST /api/v2/secret-rotations/azure-client-secret
 * (doc/api.md section 1), and the equivalent curl command.
 * cJSON stays inside body.c.
 */

#include <stddef.h>

#include "common/status.h"
#include "forms/field.h"
#include "forms/validate.h"

/*
 * The JSON body, pretty-printed, for answers that passed rw_validate_step()
 * for every step.  rotateAtUtc, rotationInterval and isAutoRotationEnabled
 * are always sent; description and parameters.appName are left out when
 * empty.  Values go through rw_normalize_field(); an unanswered number
 * takes its field's default.  (Answers that did not pass are still sent
 * faithfully, a number that is not one as a string, so a server names the
 * problem; the wizard never sends those.)  Caller frees with free().
 * NULL when out of memory.
 */
char *rw_body_build(const struct rw_answers *answers);

/*
 * An update (PATCH) body with only the keys whose fields are set in
 * changes: name, description, isAutoRotationEnabled, rotationInterval,
 * rotateAtUtc (both hours and minutes: set both), secretsMapping (both
 * names: set both).  Values as rw_body_build() sends them.  Caller frees;
 * NULL when out of memory.
 */
char *rw_body_build_update(const struct rw_answers *changes);

/*
 * A create body (a --from-file) into answers: every known key becomes the
 * text of its field (numbers as written: 11.5 stays "11.5" for the
 * validator to refuse).  Wrong types, unknown shapes and broken JSON are
 * refused with problems naming the key.  Keys the server would drop
 * (unknown ones) are refused too, since they are likely typos.
 * Returns RW_OK or RW_EUSAGE (with *problems filled).
 *
 * Details: keys absent from the body leave their answers untouched (so
 * defaults and flags can fill them); a null description sets it to "";
 * rotationInterval may be a number or a string (the server coerces it);
 * isAutoRotationEnabled becomes "yes"/"no".  Problems name the key as a
 * dotted path ("rotateAtUtc.hours") and are appended to *problems (start
 * zeroed).  Refused before parsing: more than RW_BODY_MAX bytes, NUL bytes,
 * "\u0000" escapes (a value would be cut short), nesting deeper than 16.
 * On refusal answers may hold the keys read before the problem.
 * RW_ENOMEM when out of memory.
 */
enum rw_status rw_body_parse(const char *json, size_t len, struct rw_answers *answers,
			     struct rw_problems *problems);

/* The largest body rw_body_parse() accepts. */
#define RW_BODY_MAX (1024 * 1024)

/* How long a pipe or FIFO may stay silent before rw_body_parse_file() gives up. */
#define RW_BODY_WAIT_MS 30000L

/*
 * rw_body_parse() on a file's contents ("-": standard input), read up to
 * RW_BODY_MAX bytes.  A pipe or FIFO (`--from-file <(...)`) is read as its
 * writer writes, but one that gives nothing for wait_ms (0: RW_BODY_WAIT_MS),
 * such as a FIFO nobody writes to, is given up on.  RW_EIO (with a problem
 * naming the file and the reason) when it cannot be read, else as
 * rw_body_parse().
 */
enum rw_status rw_body_parse_file(const char *path, long wait_ms, struct rw_answers *answers,
				  struct rw_problems *problems);

struct strbuf;
/*
 * The reading half of rw_body_parse_file(), with a limit of max bytes:
 * the whole text into *text (caller frees with strbuf_free()).  RW_EIO
 * (a problem naming the file) when it cannot be read, RW_EUSAGE when it
 * is larger than max.
 */
enum rw_status rw_body_read_file(const char *path, long wait_ms, size_t max, struct strbuf *text,
				 struct rw_problems *problems);

/*
 * `curl` command line that sends body to api_base, with the token as
 * "$INFISICAL_TOKEN" (never the token itself), quoted for a POSIX shell.
 * api_base is the server's ".../api" (trailing slashes dropped).  Caller
 * frees; NULL when out of memory or an argument is NULL.
 */
char *rw_curl_command(const char *api_base, const char *body);

/*
 * The Infisical CLI's project file (.infisical.json): its "workspaceId"
 * and "defaultEnvironment" strings, non-empty, as new strings in
 * *workspace_id and *environment (caller frees; NULL when absent).
 * Anything odd in the file is ignored, and a file holding a NUL byte or
 * "\u0000" is odd (its value would be cut short, not refused).
 */
void rw_project_file_parse(const char *text, size_t len, char **workspace_id, char **environment);

/*
 * 1 when JSON text of len bytes holds the escape "\u0000" inside a string
 * (cJSON would turn it into a NUL that silently cuts the string short).
 */
int rw_json_has_nul_escape(const char *text, size_t len);

#endif
