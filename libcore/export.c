#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/strbuf.h"
#include "forms/body.h"
#include "libcore/export.h"
#include "libcore/signin.h"

void
core_export_paths(const struct app *app, char *json, char *sh, size_t pathsz)
{
	const char *name = rw_answers_get(&app->answers, RW_FIELD_NAME);
	char safe[80];
	size_t i;

	/* The name rule makes it a slug; anything else must not make a path of it. */
	for (i = 0; name[i] && i + 1 < sizeof(safe); i++) {
		char c = name[i];

		safe[i] = ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') ?
			  c : '-';
	}
	safe[i] = '\0';
	snprintf(json, pathsz, "./rotwiz-%s.json", safe[0] ? safe : "rotation");
	snprintf(sh, pathsz, "./rotwiz-%s.sh", safe[0] ? safe : "rotation");
}

/* Writes text to path (O_EXCL unless overwrite).  0, or -1 with errno. */
static int
write_file(const char *path, const char *text, int mode, int overwrite)
{
	size_t len = strlen(text), done = 0;
	ssize_t n;
	int fd, saved;

	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW |
		  (overwrite ? O_TRUNC : O_EXCL), mode);
	if (fd < 0)
		return -1;
	while (done < len) {
		n = write(fd, text + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			saved = n < 0 ? errno : EIO;
			close(fd);
			errno = saved;
			return -1;
		}
		done += (size_t) n;
	}
	return close(fd);
}

enum core_export_result
core_export_write(const struct app *app, int overwrite, char *msg, size_t msgsz)
{
	char json[128], sh[128], *body, *curl = NULL, *script = NULL, *doc = NULL;
	enum core_export_result result = CORE_EXPORT_FAILED;
	int have_json, have_sh;

	core_export_paths(app, json, sh, sizeof(json));
	have_json = access(json, F_OK) == 0;
	have_sh = access(sh, F_OK) == 0;
	if (!overwrite && (have_json || have_sh)) {
		snprintf(msg, msgsz, "%s%s%s already exist%s here. Overwrite %s?",
			 have_json ? json : "", have_json && have_sh ? " and " : "", have_sh ? sh : "",
			 have_json && have_sh ? "" : "s", have_json && have_sh ? "both" : "it");
		return CORE_EXPORT_EXISTS;
	}
	body = rw_body_build(&app->answers);
	/* The same command as Review shows, with the same server. */
	if (body)
		curl = rw_curl_command(app->api_base ? app->api_base : SIGNIN_DEFAULT_DOMAIN "/api",
				       body);
	if (curl)
		script = strbuf_format("#!/bin/sh\n# Creates the Azure Client Secret rotation whose "
				       "body is in %s, as rotwiz's Review showed it.\n# The token "
				       "is read from the environment; it is never written here.\n"
				       ": \"${INFISICAL_TOKEN:?export INFISICAL_TOKEN first}\"\n%s\n",
				       json + 2, curl);
	if (body)
		doc = strbuf_format("%s\n", body);
	if (!script || !doc) {
		snprintf(msg, msgsz, "Could not write the files: out of memory.");
	} else if (write_file(json, doc, 0644, overwrite) < 0) {
		snprintf(msg, msgsz, "Could not write %s: %s.", json, strerror(errno));
	} else if (write_file(sh, script, 0755, overwrite) < 0) {
		snprintf(msg, msgsz, "Wrote %s, but could not write %s: %s.", json, sh,
			 strerror(errno));
	} else {
		snprintf(msg, msgsz, "Wrote the body to %s and the curl command to %s.", json, sh);
		result = CORE_EXPORT_WRITTEN;
	}
	free(body);
	free(curl);
	free(script);
	free(doc);
	return result;
}
