#ifndef ROTWIZ_SANDBOX_RAND_H
#define ROTWIZ_SANDBOX_RAND_H

#include <stddef.h>

/*
 * Random values the sandbox hands out: ids, request ids, access tokens and
 * Azure-looking client secrets.  All come from getrandom(2), so two
 * sandboxes never issue the same token.
 */

#define SB_UUID_LEN 36

/* A version 4 UUID in lower case: out needs SB_UUID_LEN + 1 bytes. */
void sb_uuid4(char *out);

/* len characters from [A-Za-z0-9], NUL-terminated: out needs len + 1 bytes. */
void sb_random_alnum(char *out, size_t len);

/*
 * A client secret shaped like the ones Azure issues: three characters,
 * "8Q~", then 34 characters from [A-Za-z0-9._~-] (40 in all).
 */
#define SB_AZURE_SECRET_LEN 40
void sb_azure_secret_text(char *out);

/* A new access token shaped like a JWT (header.payload.signature); caller frees. */
char *sb_access_token_new(void);

#endif
