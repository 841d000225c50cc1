#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libcore/signin.h"
#include "net/url.h"
#include "common/secret.h"

#define TOKEN_FILE_MAX (16u * 1024)
#define CA_FILE_MAX (8u * 1024 * 1024)	/* a system bundle is about 200 KiB */
#define PEM_CERT "-----BEGIN CERTIFICATE-----"

static enum report_style
style_of(const struct app *app)
{
	return app->mode == APP_MODE_BATCH ? REPORT_CLI : REPORT_WIZARD;
}

enum rw_status
signin_api_base(const char *domain_flag, char **api_base, char *msg, size_t msgsz)
{
	static const char *const vars[] = { "INFISICAL_DOMAIN", "INFISICAL_API_URL" };
	const char *url = domain_flag, *source = "--domain";
	size_t i;

	free(*api_base);
	*api_base = NULL;
	for (i = 0; !url && i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);

		if (v && *v) {
			url = v;
			source = vars[i];
		}
	}
	if (!url) {
		url = SIGNIN_DEFAULT_DOMAIN;
		source = NULL;
	}
	return rw_url_normalize(url, source, api_base, msg, msgsz);
}

/* Copies a variable; a secret one is then wiped in place and unset. */
static char *
take_env(const char *name, int secret)
{
	char *v = getenv(name), *copy = NULL;

	if (v && *v && !(copy = strdup(v)))
		return NULL;
	if (v && secret) {
		secret_wipe(v, strlen(v));
		unsetenv(name);
	}
	return copy;
}

void
signin_wipe_environment(void)
{
	static const char *const names[] = {
		"INFISICAL_TOKEN", "INFISICAL_UNIVERSAL_AUTH_ACCESS_TOKEN",
		"INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET",
	};
	char *copy;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		copy = take_env(names[i], 1);
		secret_free(&copy);
	}
}

/* Trims surrounding white space in place (pasted tokens end in newlines). */
static void
trim(char *s)
{
	size_t len = strlen(s), skip = 0;

	while (len > 0 && isspace((unsigned char) s[len - 1]))
		s[--len] = '\0';
	while (isspace((unsigned char) s[skip]))
		skip++;
	if (skip)
		memmove(s, s + skip, len - skip + 1);
}

static enum rw_status
read_token_file(const char *path, char **token, char *msg, size_t msgsz)
{
	char buf[TOKEN_FILE_MAX + 1];
	struct stat st;
	size_t len = 0, cut;
	ssize_t n;
	int fd;

	msg[0] = '\0';
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 || fstat(fd, &st) < 0) {
		snprintf(msg, msgsz, "cannot read the token file %s: %s -- check --token-file",
			 path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return RW_EIO;
	}
	if (S_ISDIR(st.st_mode)) {
		snprintf(msg, msgsz, "the token file %s is a directory -- give --token-file "
			 "a file whose first line is the token", path);
		close(fd);
		return RW_EIO;
	}
	while (len < TOKEN_FILE_MAX &&
	       (n = read(fd, buf + len, TOKEN_FILE_MAX - len)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			snprintf(msg, msgsz, "cannot read the token file %s: %s -- check "
				 "--token-file", path, strerror(errno));
			close(fd);
			secret_wipe(buf, len);
			return RW_EIO;
		}
		len += (size_t) n;
		if (memchr(buf, '\n', len))
			break;
	}
	close(fd);
	buf[len] = '\0';
	cut = strcspn(buf, "\n");
	if (cut == len && len == TOKEN_FILE_MAX) {
		snprintf(msg, msgsz, "the token file %s has no line break in its first 16 KiB "
			 "-- its first line must be the access token", path);
		secret_wipe(buf, len);
		return RW_EIO;
	}
	buf[cut] = '\0';
	trim(buf);
	if (!buf[0]) {
		snprintf(msg, msgsz, "the token file %s has an empty first line -- put the "
			 "access token on it", path);
		secret_wipe(buf, len);
		return RW_EIO;
	}
	*token = strdup(buf);
	secret_wipe(buf, len);
	if (!*token) {
		snprintf(msg, msgsz, "out of memory");
		return RW_ENOMEM;
	}
	if (S_ISREG(st.st_mode) && (st.st_mode & (S_IRWXG | S_IRWXO)))
		snprintf(msg, msgsz, "the token file %s can be read by others (mode %04o) -- "
			 "chmod 600 %s", path, (unsigned) (st.st_mode & 07777), path);
	return RW_OK;
}

/*
 * --cacert must name a PEM file with a certificate in it: libcurl says only
 * "error setting certificate file" for an empty file or a DER one, and the
 * usual advice for a TLS failure ("pass --cacert FILE") would mislead.
 */
static enum rw_status
check_ca_file(const char *path, char *msg, size_t msgsz)
{
	char *buf;
	ssize_t n;
	size_t len = 0;
	struct stat st;
	int fd, found;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0 || fstat(fd, &st) < 0) {
		snprintf(msg, msgsz, "cannot read the CA file %s: %s -- check --cacert", path,
			 strerror(errno));
		if (fd >= 0)
			close(fd);
		return RW_EUSAGE;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(msg, msgsz, "the CA file %s is not a regular file -- give --cacert the "
			 "PEM file of the CA that signed the server's certificate", path);
		close(fd);
		return RW_EUSAGE;
	}
	if (!(buf = malloc(CA_FILE_MAX + 1))) {
		close(fd);
		snprintf(msg, msgsz, "out of memory");
		return RW_ENOMEM;
	}
	while (len < CA_FILE_MAX && (n = read(fd, buf + len, CA_FILE_MAX - len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		len += (size_t) n;
	}
	close(fd);
	buf[len] = '\0';
	found = strstr(buf, PEM_CERT) != NULL;	/* a PEM file holds no NUL before it */
	free(buf);
	if (!found) {
		snprintf(msg, msgsz, "the CA file %s holds no PEM certificate (no \"" PEM_CERT
			 "\" line%s) -- give --cacert the PEM file of the CA that signed the "
			 "server's certificate", path, len ? "" : "; it is empty");
		return RW_EUSAGE;
	}
	return RW_OK;
}

enum rw_status
signin_load_credentials(struct app *app, int *found, char *msg, size_t msgsz)
{
	char *env_token = take_env("INFISICAL_TOKEN", 1);
	char *env_ua_token = take_env("INFISICAL_UNIVERSAL_AUTH_ACCESS_TOKEN", 1);
	char *ua_secret = take_env("INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", 1);
	char *ua_id = take_env("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", 0);
	enum rw_status st = RW_OK;

	msg[0] = '\0';
	*found = 0;
	if (app->token || (app->ua_client_id && app->ua_client_secret)) {
		/* --demo or a sign-in screen got there first. */
	} else if (app->opt.token_file) {
		st = read_token_file(app->opt.token_file, &app->token, msg, msgsz);
		app->token_is_user_session = 1;
	} else if (env_token) {
		trim(env_token);
		app->token = env_token;
		env_token = NULL;
		app->token_is_user_session = 1;
	} else if (env_ua_token) {
		trim(env_ua_token);
		app->token = env_ua_token;
		env_ua_token = NULL;
		app->token_is_user_session = 0;
	} else if (ua_id && ua_secret) {
		app->ua_client_id = ua_id;
		app->ua_client_secret = ua_secret;
		ua_id = ua_secret = NULL;
		app->token_is_user_session = 0;
	} else if (ua_id || ua_secret) {
		snprintf(msg, msgsz, "%s is set but %s is not -- Universal Auth needs both",
			 ua_id ? "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID" :
				 "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET",
			 ua_id ? "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET" :
				 "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID");
		st = RW_EUSAGE;
	}
	if (st == RW_OK && app->token && !app->token[0])
		secret_free(&app->token);
	secret_free(&env_token);
	secret_free(&env_ua_token);
	secret_free(&ua_secret);
	free(ua_id);
	*found = st == RW_OK && (app->token || (app->ua_client_id && app->ua_client_secret));
	app->credentials_given = *found;
	return st;
}

enum rw_status
signin_open(struct app *app, char *msg, size_t msgsz)
{
	struct rw_api_config config;
	enum rw_status st;

	msg[0] = '\0';
	rw_api_free(&app->api);
	rw_project_list_free(&app->projects);
	app->projects_loaded = 0;
	app->signed_in = 0;
	if (!app->api_base) {
		snprintf(msg, msgsz, "no server URL -- give one with --domain");
		return RW_EUSAGE;
	}
	if (app->opt.cacert && (st = check_ca_file(app->opt.cacert, msg, msgsz)) != RW_OK)
		return st;
	memset(&config, 0, sizeof(config));
	config.api_base = app->api_base;
	config.cacert = app->opt.cacert;
	/* libcurl's chatter never reaches the terminal: only this file, on request. */
	config.debug_log = getenv("ROTWIZ_DEBUG_LOG");
	if (config.debug_log && !config.debug_log[0])
		config.debug_log = NULL;
	if (app->timeout_ms > 0) {
		config.total_timeout_ms = app->timeout_ms;
		config.connect_timeout_ms = app->timeout_ms < 10000 ? app->timeout_ms : 10000;
	}
	st = rw_api_new(&config, &app->api);
	if (st == RW_OK && app->token)
		st = rw_api_set_token(app->api, app->token);
	if (st == RW_EUSAGE)
		/* rw_url_normalize() made api_base by the same rule: only a bug gets here. */
		snprintf(msg, msgsz, "the server URL %s is refused: rotwiz talks https://, or "
			 "http:// to a loopback address only -- check the server URL", app->api_base);
	else if (st == RW_EINVAL)
		snprintf(msg, msgsz, "the access token holds a line break or another control "
			 "character, which cannot go into an HTTP header -- copy the token again as "
			 "one line (INFISICAL_TOKEN, --token-file or the sign-in prompt)");
	else if (st == RW_EIO && rw_api_library_error())
		snprintf(msg, msgsz, "%s", rw_api_library_error());
	else if (st != RW_OK)
		snprintf(msg, msgsz, "%s", rw_status_message(st));
	if (st != RW_OK)
		rw_api_free(&app->api);
	return st;
}

enum rw_status
signin_take_login(struct app *app, struct rw_result *result, char *msg, size_t msgsz)
{
	enum rw_status st = result->status;

	msg[0] = '\0';
	if (st != RW_OK) {
		report_failure(result, app->api_base, NULL, style_of(app), msg, msgsz);
		return st;
	}
	secret_free(&app->token);
	if (!result->u.login.access_token || !*result->u.login.access_token) {
		snprintf(msg, msgsz, "the Universal Auth login answered without a token -- is "
			 "%s an Infisical server?", app->api_base);
		return RW_EPROTO;
	}
	if (!(app->token = strdup(result->u.login.access_token)))
		st = RW_ENOMEM;
	secret_free(&result->u.login.access_token);
	if (st == RW_OK && (st = rw_api_set_token(app->api, app->token)) == RW_EINVAL) {
		snprintf(msg, msgsz, "the Universal Auth login answered with a token that holds "
			 "a control character -- is %s an Infisical server?", app->api_base);
		return RW_EPROTO;
	}
	if (st != RW_OK) {
		snprintf(msg, msgsz, "%s", rw_status_message(st));
		return st;
	}
	secret_free(&app->ua_client_secret);
	app->token_is_user_session = 0;
	return RW_OK;
}

enum rw_status
signin_take_projects(struct app *app, struct rw_result *result, char *msg, size_t msgsz)
{
	msg[0] = '\0';
	if (result->status != RW_OK) {
		report_failure(result, app->api_base, NULL, style_of(app), msg, msgsz);
		return result->status;
	}
	rw_project_list_free(&app->projects);
	app->projects = result->u.projects;
	memset(&result->u.projects, 0, sizeof(result->u.projects));
	app->projects_loaded = 1;
	app->signed_in = 1;
	return RW_OK;
}

enum rw_status
signin_connect(struct app *app, char *msg, size_t msgsz)
{
	struct rw_result result;
	enum rw_status st;

	msg[0] = '\0';
	if (!app->token && !(app->ua_client_id && app->ua_client_secret)) {
		snprintf(msg, msgsz, "no credentials -- set INFISICAL_TOKEN, or "
			 "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID and INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET, "
			 "or pass --token-file FILE");
		return RW_EUSAGE;
	}
	if ((st = signin_open(app, msg, msgsz)) != RW_OK)
		return st;
	if (!app->token) {
		rw_api_wait_for(app->api, rw_api_login(app->api, app->ua_client_id, app->ua_client_secret,
					    NULL), &result);
		st = signin_take_login(app, &result, msg, msgsz);
		rw_result_free(&result);
		if (st != RW_OK)
			return st;
	}
	rw_api_wait_for(app->api, rw_api_projects(app->api, NULL), &result);
	st = signin_take_projects(app, &result, msg, msgsz);
	rw_result_free(&result);
	return st;
}

void
signin_forget(struct app *app)
{
	secret_free(&app->token);
	secret_free(&app->ua_client_secret);
	free(app->ua_client_id);
	app->ua_client_id = NULL;
	rw_api_free(&app->api);
	rw_project_list_free(&app->projects);
	app->projects_loaded = 0;
	app->signed_in = 0;
	app->credentials_given = 0;
}
