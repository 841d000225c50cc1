#ifndef ROTWIZ_SANDBOX_PRESENT_H
#define ROTWIZ_SANDBOX_PRESENT_H

#include <stdint.h>

#include <cjson/cJSON.h>

#include "sandbox/world.h"

/*
 * The world's objects in the JSON shapes Infisical answers with
 * (doc/api.md s.2, s.6 and s.11).  Each returns a new object the
 * caller owns, or NULL when out of memory.
 */

cJSON *sb_json_project(const struct sb_project *project, int include_roles);
/* A direct child folder; relative_path non-NULL adds relativePath (recursive listings). */
cJSON *sb_json_folder(const struct sb_folder *folder, const char *relative_path);
/* rotation_id: the rotation that wrote the secret (isRotatedSecret), or NULL. */
cJSON *sb_json_secret(const struct sb_secret *secret, int show_value, const char *rotation_id);
cJSON *sb_json_connection(const struct sb_connection *connection);
/* The short form of the /available list. */
cJSON *sb_json_connection_brief(const struct sb_connection *connection);
cJSON *sb_json_rotation(const struct sb_rotation *rotation);

#endif
