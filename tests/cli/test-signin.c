#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libcore/app.h"
#include "net/url.h"
#include "app/setup.h"
#include "libcore/signin.h"
#include "tests/tap.h"

static int
has(const char *haystack, const char *needle)
{
	return haystack && strstr(haystack, needle) != NULL;
}

static void
clear_env(void)
{
	static const char *const vars[] = {
		"INFISICAL_DOMAIN", "INFISICAL_API_URL", "INFISICAL_TOKEN",
		"INFISICAL_UNIVERSAL_AUTH_ACCESS_TOKEN", "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID",
		"INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", "INFISICAL_PROJECT_ID",
		"INFISICAL_ENVIRONMENT", "INFISICAL_SECRET_PATH", "ACCESSIBLE", "NO_COLOR",
	};
	size_t i;

	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		unsetenv(vars[i]);
}

/* A URL fit for a TAP test name: no spaces or line breaks. */
static const char *
tidy(const char *text)
{
	static char buf[128];
	size_t i;

	for (i = 0; text[i] && i + 1 < sizeof(buf); i++)
		buf[i] = (text[i] == ' ' || text[i] == '\n') ? '_' : text[i];
	buf[i] = '\0';
	return buf;
}

static void
test_urls(void)
{
	static const struct { const char *url, *want; } good[] = {
		{ "https://us.infisical.com", "https://us.infisical.com/api" },
		{ "https://us.infisical.com/", "https://us.infisical.com/api" },
		{ "https://us.infisical.com/api", "https://us.infisical.com/api" },
		{ "https://us.infisical.com/api//", "https://us.infisical.com/api" },
		{ "  https://eu.infisical.com\n", "https://eu.infisical.com/api" },
		{ "eu.infisical.com", "https://eu.infisical.com/api" },
		{ "HTTPS://Vault.Example:8443/infisical/", "https://Vault.Example:8443/infisical/api" },
		{ "http://127.0.0.1:8080", "http://127.0.0.1:8080/api" },
		{ "http://127.200.3.4/api", "http://127.200.3.4/api" },
		{ "http://localhost:1", "http://localhost:1/api" },
		{ "http://LOCALHOST", "http://LOCALHOST/api" },
		{ "http://[::1]:9000/", "http://[::1]:9000/api" },
		{ "http://[::ffff:127.0.0.1]", "http://[::ffff:127.0.0.1]/api" },
	};
	static const struct { const char *url, *says; } bad[] = {
		{ "http://10.0.0.1", "http://" },
		{ "http://example.com/api", "unencrypted" },
		{ "http://127.0.0.1.evil.example", "unencrypted" },
		{ "http://localhost.evil.example", "unencrypted" },
		{ "http://0x7f000001", "unencrypted" },
		{ "http://[::2]", "unencrypted" },
		{ "ftp://files.example", "https://" },
		{ "https://", "no host" },
		{ "", "empty" },
		{ "https://host:0", "port" },
		{ "https://host:99999", "port" },
		{ "https://host:12ab", "port" },
		{ "https://host:", "port" },
		{ "https://host/?x=1", "query" },
		{ "https://ho st", "a space at character 11" },
		{ "https://host/a b", "a space at character 15" },
		{ "https://host/\x1b[2J", "control character (byte 0x1b) at character 14" },
		{ "https://h\xc3\xa9st", "non-ASCII character (byte 0xc3) at character 10" },
		{ "https://[::1", "unclosed" },
	};
	char msg[512], *base = NULL;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		enum rw_status st = rw_url_normalize(good[i].url, NULL, &base, msg, sizeof(msg));

		ok(st == RW_OK && base && strcmp(base, good[i].want) == 0, "url_%s_becomes_%s",
		   tidy(good[i].url), good[i].want);
		if (st != RW_OK)
			diag("%s", msg);
		free(base);
		base = NULL;
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		enum rw_status st = rw_url_normalize(bad[i].url, NULL, &base, msg, sizeof(msg));

		ok(st == RW_EUSAGE && !base && has(msg, bad[i].says), "url_%s_is_refused_saying_%s",
		   tidy(bad[i].url), bad[i].says);
		if (st == RW_EUSAGE)
			diag("%s", msg);
		free(base);
		base = NULL;
	}
	ok(rw_url_normalize("https://admin:hunter2@vault.example", NULL, &base, msg, sizeof(msg)) ==
	   RW_EUSAGE && !has(msg, "hunter2"), "url_with_password_is_refused_without_echoing_it");
}

static void
test_api_base_sources(void)
{
	char msg[512], *base = NULL;

	clear_env();
	ok(signin_api_base(NULL, &base, msg, sizeof(msg)) == RW_OK &&
	   strcmp(base, "https://us.infisical.com/api") == 0, "default_server_is_us_cloud");
	setenv("INFISICAL_API_URL", "https://legacy.example/api", 1);
	ok(signin_api_base(NULL, &base, msg, sizeof(msg)) == RW_OK &&
	   strcmp(base, "https://legacy.example/api") == 0, "infisical_api_url_is_read");
	setenv("INFISICAL_DOMAIN", "https://eu.infisical.com", 1);
	ok(signin_api_base(NULL, &base, msg, sizeof(msg)) == RW_OK &&
	   strcmp(base, "https://eu.infisical.com/api") == 0,
	   "infisical_domain_wins_over_infisical_api_url");
	ok(signin_api_base("http://127.0.0.1:5/", &base, msg, sizeof(msg)) == RW_OK &&
	   strcmp(base, "http://127.0.0.1:5/api") == 0, "domain_flag_wins_over_environment");
	setenv("INFISICAL_DOMAIN", "http://192.168.1.10", 1);
	ok(signin_api_base(NULL, &base, msg, sizeof(msg)) == RW_EUSAGE && base == NULL &&
	   has(msg, "INFISICAL_DOMAIN"), "bad_environment_url_is_named_by_its_variable");
	ok(signin_api_base("http://10.0.0.1", &base, msg, sizeof(msg)) == RW_EUSAGE &&
	   has(msg, "--domain"), "bad_flag_url_is_named_by_its_flag");
	free(base);
	clear_env();
}

static char *
write_file(const char *dir, const char *name, const char *text, mode_t mode)
{
	static char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t) strlen(text))
		return NULL;
	close(fd);
	chmod(path, mode);
	return path;
}

static void
test_credentials(const char *dir)
{
	struct app app;
	char msg[512];
	int found;
	enum rw_status st;

	clear_env();
	app_init(&app);
	st = signin_load_credentials(&app, &found, msg, sizeof(msg));
	ok(st == RW_OK && !found && !app.credentials_given, "no_credentials_is_not_an_error_yet");
	ok(signin_connect(&app, msg, sizeof(msg)) == RW_EUSAGE && has(msg, "INFISICAL_TOKEN"),
	   "connect_without_credentials_names_the_ways_in");
	app_free(&app);

	app_init(&app);
	setenv("INFISICAL_TOKEN", " env-token-1 \n", 1);
	setenv("INFISICAL_UNIVERSAL_AUTH_ACCESS_TOKEN", "ua-token-2", 1);
	st = signin_load_credentials(&app, &found, msg, sizeof(msg));
	ok(st == RW_OK && found && app.token && strcmp(app.token, "env-token-1") == 0,
	   "infisical_token_is_read_and_trimmed");
	ok(!getenv("INFISICAL_TOKEN") && !getenv("INFISICAL_UNIVERSAL_AUTH_ACCESS_TOKEN"),
	   "token_variables_are_wiped_from_the_environment");
	app_free(&app);

	app_init(&app);
	setenv("INFISICAL_UNIVERSAL_AUTH_ACCESS_TOKEN", "ua-token-2", 1);
	st = signin_load_credentials(&app, &found, msg, sizeof(msg));
	ok(st == RW_OK && found && strcmp(app.token, "ua-token-2") == 0,
	   "universal_auth_access_token_is_read");
	app_free(&app);

	app_init(&app);
	setenv("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", "cid", 1);
	setenv("INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", "csecret", 1);
	st = signin_load_credentials(&app, &found, msg, sizeof(msg));
	ok(st == RW_OK && found && !app.token && strcmp(app.ua_client_id, "cid") == 0 &&
	   strcmp(app.ua_client_secret, "csecret") == 0 && !app.token_is_user_session,
	   "universal_auth_pair_is_read");
	ok(!getenv("INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET"), "client_secret_is_wiped_from_the_environment");
	app_free(&app);

	app_init(&app);
	unsetenv("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID");
	setenv("INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", "csecret", 1);
	st = signin_load_credentials(&app, &found, msg, sizeof(msg));
	ok(st == RW_EUSAGE && !found && has(msg, "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID"),
	   "half_a_universal_auth_pair_is_refused");
	app_free(&app);

	app_init(&app);
	setenv("INFISICAL_TOKEN", "env-token-1", 1);
	app.opt.token_file = write_file(dir, "token", "  file-token-3\t\r\nsecond line\n", 0600);
	st = signin_load_credentials(&app, &found, msg, sizeof(msg));
	ok(st == RW_OK && found && strcmp(app.token, "file-token-3") == 0 && msg[0] == '\0',
	   "token_file_first_line_wins_over_the_environment");
	app_free(&app);

	app_init(&app);
	app.opt.token_file = write_file(dir, "token", "file-token-3", 0644);
	st = signin_load_credentials(&app, &found, msg, sizeof(msg));
	ok(st == RW_OK && found && strcmp(app.token, "file-token-3") == 0 &&
	   has(msg, "chmod 600") && !has(msg, "file-token-3"),
	   "token_file_others_can_read_is_taken_with_a_warning");
	app_free(&app);

	app_init(&app);
	app.opt.token_file = write_file(dir, "token", " \n", 0600);
	ok(signin_load_credentials(&app, &found, msg, sizeof(msg)) == RW_EIO && !found &&
	   has(msg, "empty"), "empty_token_file_is_refused");
	app_free(&app);

	app_init(&app);
	app.opt.token_file = "/nonexistent/rotwiz-token";
	ok(signin_load_credentials(&app, &found, msg, sizeof(msg)) == RW_EIO &&
	   has(msg, "/nonexistent/rotwiz-token") && has(msg, "--token-file"),
	   "missing_token_file_is_named");
	app_free(&app);

	app_init(&app);
	app.opt.token_file = dir;
	ok(signin_load_credentials(&app, &found, msg, sizeof(msg)) == RW_EIO &&
	   has(msg, "directory"), "directory_as_token_file_is_refused");
	app_free(&app);

	setenv("INFISICAL_TOKEN", "t1", 1);
	setenv("INFISICAL_UNIVERSAL_AUTH_ACCESS_TOKEN", "t2", 1);
	setenv("INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", "s3", 1);
	setenv("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", "id4", 1);
	signin_wipe_environment();
	ok(!getenv("INFISICAL_TOKEN") && !getenv("INFISICAL_UNIVERSAL_AUTH_ACCESS_TOKEN") &&
	   !getenv("INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET") &&
	   getenv("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID"),
	   "wipe_environment_removes_the_secrets_only");
	unsetenv("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID");

	app_init(&app);
	app.token = strdup("t");
	app.api_base = strdup("https://us.infisical.com/api");
	app.opt.cacert = "/nonexistent/ca.pem";
	ok(signin_open(&app, msg, sizeof(msg)) == RW_EUSAGE && has(msg, "--cacert") &&
	   app.api == NULL, "unreadable_cacert_is_refused_before_connecting");
	app_free(&app);
	clear_env();
}

static void
test_prefill(const char *dir)
{
	struct app app;
	char cwd[4096];

	clear_env();
	if (!getcwd(cwd, sizeof(cwd)) || chdir(dir) != 0) {
		ok(0, "chdir to the test folder");
		return;
	}
	write_file(".", ".infisical.json",
		   "{\"workspaceId\": \"ws-1\", \"defaultEnvironment\": \"staging\"}", 0644);
	app_init(&app);
	setenv("INFISICAL_ENVIRONMENT", "dev", 1);
	setenv("INFISICAL_SECRET_PATH", "/azure", 1);
	setup_prefill_where(&app);
	is_str(rw_answers_get(&app.answers, RW_FIELD_PROJECT), "ws-1",
	       "infisical_json_workspace_fills_the_project");
	is_str(rw_answers_get(&app.answers, RW_FIELD_ENVIRONMENT), "dev",
	       "environment_variable_wins_over_infisical_json");
	is_str(rw_answers_get(&app.answers, RW_FIELD_SECRET_PATH), "/azure",
	       "secret_path_comes_from_the_environment");
	app_free(&app);

	app_init(&app);
	rw_answers_set(&app.answers, RW_FIELD_PROJECT, "from-flag");
	setenv("INFISICAL_PROJECT_ID", "from-env", 1);
	setup_prefill_where(&app);
	is_str(rw_answers_get(&app.answers, RW_FIELD_PROJECT), "from-flag",
	       "given_project_wins_over_everything");
	app_free(&app);

	clear_env();
	write_file(".", ".infisical.json", "{\"workspaceId\": 7, \"defaultEnvironment\": [", 0644);
	app_init(&app);
	setup_prefill_where(&app);
	ok(!rw_answers_is_set(&app.answers, RW_FIELD_PROJECT) &&
	   !rw_answers_is_set(&app.answers, RW_FIELD_ENVIRONMENT),
	   "broken_infisical_json_is_ignored");
	app_free(&app);

	write_file(".", ".infisical.json", "[\"ws\"]", 0644);
	app_init(&app);
	setup_prefill_where(&app);
	ok(!rw_answers_is_set(&app.answers, RW_FIELD_PROJECT), "infisical_json_array_is_ignored");
	app_free(&app);
	unlink(".infisical.json");
	if (chdir(cwd) != 0)
		diag("could not go back to %s", cwd);
}

/* Runs setup_choose_mode with stderr caught in buf. */
static int
choose(struct app *app, int tty, char *buf, size_t bufsz)
{
	FILE *fp = tmpfile();
	int saved = dup(2), rc;
	size_t n;

	fflush(stderr);
	dup2(fileno(fp), 2);
	rc = setup_choose_mode(app, tty);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(fp);
	n = fread(buf, 1, bufsz - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return rc;
}

static void
test_modes(void)
{
	struct app app;
	char err[2048];

	clear_env();
	setenv("TERM", "xterm", 1);
	app_init(&app);
	ok(choose(&app, 0, err, sizeof(err)) == 2 && has(err, "--name") && has(err, "--project") &&
	   has(err, "--connection") && has(err, "--object-id") && has(err, "--client-id") &&
	   has(err, "INFISICAL_TOKEN") && !has(err, "--secret-path") && !has(err, "--interval"),
	   "no_terminal_without_yes_lists_what_is_missing");
	ok(strchr(err, '\n') == err + strlen(err) - 1, "no_terminal_message_is_one_line");
	diag("%.*s", (int) strcspn(err, "\n"), err);

	rw_answers_set(&app.answers, RW_FIELD_NAME, "n");
	ok(choose(&app, 0, err, sizeof(err)) == 2 && !has(err, "--name,"),
	   "given_answers_are_not_listed_as_missing");

	app.opt.plain = 1;
	ok(choose(&app, 0, err, sizeof(err)) == -1 && app.mode == APP_MODE_PLAIN,
	   "plain_answers_from_a_pipe");
	app.opt.plain = 0;
	app.opt.dry_run = 1;
	ok(choose(&app, 0, err, sizeof(err)) == -1 && app.mode == APP_MODE_BATCH,
	   "dry_run_needs_no_terminal");
	app.opt.dry_run = 0;
	ok(choose(&app, 1, err, sizeof(err)) == -1 && app.mode == APP_MODE_CURSES,
	   "a_terminal_gets_the_screens");
	ok(!err[0], "the_screens_are_chosen_silently");
	setenv("TERM", "dumb", 1);
	ok(choose(&app, 1, err, sizeof(err)) == -1 && app.mode == APP_MODE_PLAIN,
	   "term_dumb_gets_line_prompts");
	/* TERM=dumb may be an accident (an editor's shell): the switch is said, once. */
	ok(strcmp(err, "rotwiz: TERM=dumb: using plain mode; --plain does the same\n") == 0,
	   "term_dumb_says_so_in_one_line");
	diag("%.*s", (int) strcspn(err, "\n"), err);
	app.opt.plain = 1;
	ok(choose(&app, 1, err, sizeof(err)) == -1 && app.mode == APP_MODE_PLAIN && !err[0],
	   "term_dumb_with_plain_says_nothing");
	app.opt.plain = 0;
	setenv("TERM", "xterm", 1);
	setenv("ACCESSIBLE", "1", 1);
	ok(choose(&app, 1, err, sizeof(err)) == -1 && app.mode == APP_MODE_PLAIN,
	   "accessible_gets_line_prompts");
	/* ACCESSIBLE=1 is the user's own choice: nothing to tell. */
	ok(!err[0], "accessible_says_nothing");
	setenv("TERM", "dumb", 1);
	ok(choose(&app, 1, err, sizeof(err)) == -1 && app.mode == APP_MODE_PLAIN && !err[0],
	   "term_dumb_with_accessible_says_nothing");
	setenv("TERM", "dumb", 1);
	ok(choose(&app, 0, err, sizeof(err)) == 2, "term_dumb_without_a_terminal_still_refuses");
	app.opt.yes = 1;
	ok(choose(&app, 0, err, sizeof(err)) == -1 && app.mode == APP_MODE_BATCH,
	   "yes_needs_no_terminal");
	app_free(&app);
	clear_env();
}

int
main(void)
{
	char dir[] = "/tmp/rotwiz-test-signin.XXXXXX";

	if (!mkdtemp(dir)) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	test_urls();
	test_api_base_sources();
	test_credentials(dir);
	test_prefill(dir);
	test_modes();
	unlink(write_file(dir, "token", "", 0600));
	rmdir(dir);
	return done_testing();
}
