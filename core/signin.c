#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/signin.h"
#include "common/secret.h"

#define URL_MAX 2048
#define TOKEN_FILE_MAX (16u * 1024)

static enum report_style
style_of(const struct app *app)
{
	return app->mode == APP_MODE_BATCH ? REPORT_CLI : REPORT_WIZARD;
}

/* 127.0.0.0/8, localhost, ::1 (and ::ffff:127.x): decided from the text, never by a lookup. */
static int
is_loopback(const char *host)
{
	unsigned char addr[16];

	if (strcasecmp(host, "localhost") == 0)
		return 1;
	if (inet_pton(AF_INET, host, addr) == 1)
		return addr[0] == 127;
	if (inet_pton(AF_INET6, host, addr) == 1) {
		static const unsigned char v4mapped[12] = {
			0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff,
		};
		size_t i;

		if (memcmp(addr, v4mapped, 12) == 0)
			return addr[12] == 127;
		for (i = 0; i < 15; i++)
			if (addr[i])
				return 0;
		return addr[15] == 1;
	}
	return 0;
}

static int
valid_host_name(const char *host)
{
	const char *p;

	for (p = host; *p; p++)
		if (!isalnum((unsigned char) *p) && *p != '.' && *p != '-' && *p != '_')
			return 0;
	return p != host;
}

/*
 * The work of signin_normalize_url; source names where the URL came from
 * ("--domain", "INFISICAL_DOMAIN") in messages, or NULL.
 */
static enum rw_status
normalize(const char *url, const char *source, char **api_base, char *msg, size_t msgsz)
{
	char text[URL_MAX], host[256], from[64] = "";
	unsigned char addr[16];
	const char *start, *end, *rest, *auth_end, *host_start, *host_end, *port = NULL;
	size_t len, plen;
	int https;

	if (source)
		snprintf(from, sizeof(from), " (from %s)", source);
	for (start = url; isspace((unsigned char) *start); start++)
		;
	for (end = start + strlen(start); end > start && isspace((unsigned char) end[-1]); end--)
		;
	len = (size_t) (end - start);
	if (len == 0) {
		snprintf(msg, msgsz, "the server URL%s is empty -- give one such as %s",
			 from, SIGNIN_DEFAULT_DOMAIN);
		return RW_EUSAGE;
	}
	if (len >= sizeof(text)) {
		snprintf(msg, msgsz, "the server URL%s is too long -- give one such as %s",
			 from, SIGNIN_DEFAULT_DOMAIN);
		return RW_EUSAGE;
	}
	memcpy(text, start, len);
	text[len] = '\0';

	if ((rest = strstr(text, "://"))) {
		size_t slen = (size_t) (rest - text);

		if (slen == 5 && strncasecmp(text, "https", 5) == 0)
			https = 1;
		else if (slen == 4 && strncasecmp(text, "http", 4) == 0)
			https = 0;
		else {
			snprintf(msg, msgsz, "the server URL%s must start with https:// -- got "
				 "\"%.*s://\"", from, (int) (slen > 16 ? 16 : slen), text);
			return RW_EUSAGE;
		}
		rest += 3;
	} else {
		https = 1;	/* "eu.infisical.com" means what a browser would make of it */
		rest = text;
	}
	if (strpbrk(rest, "?#")) {
		snprintf(msg, msgsz, "the server URL%s has a ?query or #fragment -- give only "
			 "the address, such as %s", from, SIGNIN_DEFAULT_DOMAIN);
		return RW_EUSAGE;
	}
	auth_end = rest + strcspn(rest, "/");
	if (memchr(rest, '@', (size_t) (auth_end - rest))) {
		snprintf(msg, msgsz, "the server URL%s holds a user name or password, which "
			 "rotwiz does not use -- remove the part before \"@\"; credentials come "
			 "from INFISICAL_TOKEN or --token-file", from);
		return RW_EUSAGE;
	}
	host_start = rest;
	if (*rest == '[') {
		host_start = rest + 1;
		host_end = memchr(host_start, ']', (size_t) (auth_end - host_start));
		if (!host_end) {
			snprintf(msg, msgsz, "the server URL%s has an unclosed [ -- write an IPv6 "
				 "address as http://[::1]:8080", from);
			return RW_EUSAGE;
		}
		if (host_end + 1 < auth_end) {
			if (host_end[1] != ':') {
				snprintf(msg, msgsz, "the server URL%s is not a URL -- give one "
					 "such as %s", from, SIGNIN_DEFAULT_DOMAIN);
				return RW_EUSAGE;
			}
			port = host_end + 2;
		}
	} else {
		host_end = memchr(rest, ':', (size_t) (auth_end - rest));
		if (host_end)
			port = host_end + 1;
		else
			host_end = auth_end;
	}
	if ((size_t) (host_end - host_start) >= sizeof(host) || host_end == host_start) {
		snprintf(msg, msgsz, "the server URL%s has no host name -- give one such as %s",
			 from, SIGNIN_DEFAULT_DOMAIN);
		return RW_EUSAGE;
	}
	memcpy(host, host_start, (size_t) (host_end - host_start));
	host[host_end - host_start] = '\0';
	if (*rest == '[' ? inet_pton(AF_INET6, host, addr) != 1 : !valid_host_name(host)) {
		snprintf(msg, msgsz, "the server URL%s has a host name that is not one: \"%.60s\"",
			 from, host);
		return RW_EUSAGE;
	}
	if (port) {
		size_t digits = (size_t) (auth_end - port);
		long value = digits ? strtol(port, NULL, 10) : 0;

		if (!digits || digits > 5 || strspn(port, "0123456789") < digits ||
		    value < 1 || value > 65535) {
			snprintf(msg, msgsz, "the server URL%s has a bad port -- a port is a "
				 "number from 1 to 65535", from);
			return RW_EUSAGE;
		}
	}
	if (!https && !is_loopback(host)) {
		snprintf(msg, msgsz, "plain http:// to %s%s is refused: the token would cross the "
			 "network unencrypted -- use https://, or http:// only for 127.0.0.1, "
			 "localhost or ::1", host, from);
		return RW_EUSAGE;
	}

	/* The path: without trailing slashes, and ending in /api. */
	plen = strlen(auth_end);
	while (plen > 0 && auth_end[plen - 1] == '/')
		plen--;
	len = strlen(https ? "https://" : "http://") + (size_t) (auth_end - rest) + plen + 5;
	if (!(*api_base = malloc(len))) {
		snprintf(msg, msgsz, "out of memory");
		return RW_ENOMEM;
	}
	snprintf(*api_base, len, "%s%.*s%.*s%s", https ? "https://" : "http://",
		 (int) (auth_end - rest), rest, (int) plen, auth_end,
		 plen >= 4 && strncmp(auth_end + plen - 4, "/api", 4) == 0 ? "" : "/api");
	return RW_OK;
}

enum rw_status
signin_normalize_url(const char *url, char **api_base, char *msg, size_t msgsz)
{
	*api_base = NULL;
	return normalize(url ? url : "", NULL, api_base, msg, msgsz);
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
	return normalize(url, source, api_base, msg, msgsz);
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
	if (app->opt.cacert && access(app->opt.cacert, R_OK) != 0) {
		snprintf(msg, msgsz, "cannot read the CA file %s: %s -- check --cacert",
			 app->opt.cacert, strerror(errno));
		return RW_EUSAGE;
	}
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
	if (st != RW_OK) {
		snprintf(msg, msgsz, "%s", rw_status_message(st));
		rw_api_free(&app->api);
	}
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
	if (st == RW_OK)
		st = rw_api_set_token(app->api, app->token);
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
