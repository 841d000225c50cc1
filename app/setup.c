#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "libcore/report.h"
#include "common/term.h"
#include "app/setup.h"
#include "libcore/signin.h"
#include "common/strbuf.h"
#include "forms/body.h"
#include "forms/rows.h"
#include "forms/schedule.h"

static int setup_connect(struct app *app);

/*
 * The whole file into a new NUL-terminated buffer.  0, or -1 with errno
 * (EFBIG when larger than SETUP_FILE_MAX).
 */
static int
read_small_file(const char *path, char **out, size_t *outlen)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	size_t len;
	int saved;

	if (!fp)
		return -1;
	if (!(buf = malloc(SETUP_FILE_MAX + 1))) {
		fclose(fp);
		errno = ENOMEM;
		return -1;
	}
	len = fread(buf, 1, SETUP_FILE_MAX + 1, fp);
	if (ferror(fp) || len > SETUP_FILE_MAX) {
		saved = ferror(fp) ? errno : EFBIG;
		fclose(fp);
		free(buf);
		errno = saved ? saved : EIO;
		return -1;
	}
	fclose(fp);
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	return 0;
}

static void
prefill(struct app *app, enum rw_field field, const char *env_value, const char *file_value)
{
	if (rw_answers_is_set(&app->answers, field))
		return;
	if (env_value && *env_value)
		rw_answers_set(&app->answers, field, env_value);
	else if (file_value)
		rw_answers_set(&app->answers, field, file_value);
}

void
setup_prefill_where(struct app *app)
{
	char *text = NULL, *workspace = NULL, *environment = NULL;
	size_t len;

	/* The Infisical CLI's project file; anything odd in it is ignored. */
	if (read_small_file(".infisical.json", &text, &len) == 0) {
		rw_project_file_parse(text, len, &workspace, &environment);
		free(text);
	}
	prefill(app, RW_FIELD_PROJECT, getenv("INFISICAL_PROJECT_ID"), workspace);
	prefill(app, RW_FIELD_ENVIRONMENT, getenv("INFISICAL_ENVIRONMENT"), environment);
	prefill(app, RW_FIELD_SECRET_PATH, getenv("INFISICAL_SECRET_PATH"), NULL);
	free(workspace);
	free(environment);
}

/* ROTWIZ_TIMEOUT_MS: whole milliseconds, 1 to one hour.  0 or -1. */
static int
read_timeout(struct app *app)
{
	const char *v = getenv("ROTWIZ_TIMEOUT_MS");
	char *end;
	long ms;

	if (!v || !*v)
		return 0;
	errno = 0;
	ms = strtol(v, &end, 10);
	if (errno || *end || ms < 1 || ms > 3600000L) {
		rw_term_printf(stderr, "rotwiz: ROTWIZ_TIMEOUT_MS must be a whole number of milliseconds "
			"from 1 to 3600000, got \"%.20s\" -- fix or unset it\n", v);
		return -1;
	}
	app->timeout_ms = ms;
	return 0;
}

/*
 * Each given value alone, flags over the file: a bad file value that a
 * flag replaces is not worth a word.
 */
static void
take_answers(struct app *app, const struct rw_answers *flags, const struct rw_answers *file,
	     struct rw_problems *problems)
{
	char msg[RW_MESSAGE_MAX];
	int i;

	for (i = 0; i < RW_FIELD_COUNT; i++) {
		enum rw_field f = (enum rw_field) i;
		const char *value;
		int from_flag = rw_answers_is_set(flags, f);

		if (!from_flag && !rw_answers_is_set(file, f))
			continue;
		value = rw_answers_get(from_flag ? flags : file, f);
		rw_answers_set(&app->answers, f, value);
		if (rw_validate_field(f, value, msg, sizeof(msg)) == RW_OK)
			continue;
		if (from_flag)
			rw_problems_add(problems, f, "%s", msg);
		else
			rw_problems_add(problems, f, "%s: %s", app->opt.from_file, msg);
	}
}

/*
 * --rotate-at-local in flag mode: what is sent is UTC, so say both (the
 * screens and plain mode show it on their Schedule step).
 */
static void
say_rotate_at_local(const struct app *app)
{
	char both[256];

	rw_schedule_both_zones(time(NULL), atoi(rw_answers_get(&app->answers, RW_FIELD_HOURS)),
			       atoi(rw_answers_get(&app->answers, RW_FIELD_MINUTES)), 1, both,
			       sizeof(both));
	rw_term_printf(stderr, "rotwiz: --rotate-at-local %s: %s\n", app->opt.rotate_at_local, both);
}

/*
 * A file of many rotations: the flags over every row (flags override the
 * file), each value checked alone; the rows' problems are printed later
 * with the rest (app/batch.c), so that all of them come at once.  A
 * problem of the flags alone is printed here.  Returns setup_run()'s codes.
 */
static int
take_rows(struct app *app, const struct rw_answers *flags, struct rw_problems *problems)
{
	struct rw_rows *rows = app->rows;
	char msg[RW_MESSAGE_MAX];
	size_t r;
	int i;

	if (!app->opt.yes && !app->opt.dry_run && !app->opt.print_curl &&
	    !app->opt.print_terraform) {
		rw_term_printf(stderr, "rotwiz: %s holds %s of %zu rotation%s: those are made in flag "
			"mode -- add --yes to create them (--dry-run to check them first)\n",
			app->opt.from_file, rw_rows_format_name(rows->format), rows->count,
			rows->count == 1 ? "" : "s");
		return rw_status_exit_code(RW_EUSAGE);
	}
	for (i = 0; i < RW_FIELD_COUNT; i++) {
		enum rw_field f = (enum rw_field) i;

		if (!rw_answers_is_set(flags, f))
			continue;
		rw_answers_set(&app->answers, f, rw_answers_get(flags, f));
		for (r = 0; r < rows->count; r++)
			if (rw_answers_set(&rows->row[r].answers, f, rw_answers_get(flags, f)) < 0) {
				rw_term_printf(stderr, "rotwiz: out of memory\n");
				return rw_status_exit_code(RW_ENOMEM);
			}
		if (rw_validate_field(f, rw_answers_get(flags, f), msg, sizeof(msg)) != RW_OK)
			rw_problems_add(problems, f, "%s", msg);
	}
	if (problems->count) {
		report_problems(stderr, problems);
		return rw_status_exit_code(RW_EINVAL);
	}
	setup_prefill_where(app);
	if (app->opt.demo) {
		signin_wipe_environment();
		return -1;
	}
	return setup_connect(app);
}

int
setup_run(struct app *app, const struct rw_answers *flags,
	  const struct rw_problems *flag_problems)
{
	struct rw_problems problems = *flag_problems, file_problems;
	struct rw_answers file;
	struct rw_rows *rows;
	const char *v;
	int i;
	enum rw_status st;

	v = getenv("NO_COLOR");
	if (v && *v)
		app->opt.no_color = 1;
	if (read_timeout(app) < 0)
		return rw_status_exit_code(RW_EUSAGE);

	rw_answers_init(&file);
	if (app->opt.from_file) {
		if (!(rows = calloc(1, sizeof(*rows)))) {
			rw_term_printf(stderr, "rotwiz: out of memory\n");
			return rw_status_exit_code(RW_ENOMEM);
		}
		rw_rows_init(rows);
		st = rw_rows_parse_file(app->opt.from_file, app->timeout_ms, rows);
		if (st != RW_ENOMEM && st != RW_EIO && rows->format != RW_ROWS_BODY) {
			/* Many rotations: each row is checked with the flags over it (app/batch.c). */
			app->rows = rows;
			return take_rows(app, flags, &problems);
		}
		/* One body: as it always was. */
		file_problems = rows->problems;
		if (rows->count && rw_answers_copy(&file, &rows->row[0].answers) < 0)
			st = RW_ENOMEM;
		rw_rows_free(rows);
		free(rows);
		if (st == RW_ENOMEM) {
			rw_term_printf(stderr, "rotwiz: out of memory\n");
			rw_answers_free(&file);
			return rw_status_exit_code(RW_ENOMEM);
		}
		for (i = 0; i < file_problems.count; i++) {
			/* A read failure names the file itself; a content problem only the key. */
			if (st == RW_EIO)
				rw_problems_add(&problems, RW_FIELD_NONE, "%s -- check --from-file",
						file_problems.item[i].message);
			else
				rw_problems_add(&problems, RW_FIELD_NONE, "%s: %s -- fix the file",
						app->opt.from_file, file_problems.item[i].message);
		}
		if (st != RW_OK && !file_problems.count)
			rw_problems_add(&problems, RW_FIELD_NONE, "%s: not a create body -- fix "
					"the file", app->opt.from_file);
	}
	take_answers(app, flags, &file, &problems);
	rw_answers_free(&file);
	if (problems.count) {
		report_problems(stderr, &problems);
		return rw_status_exit_code(RW_EINVAL);
	}
	if (app->opt.rotate_at_local && (app->opt.yes || app->opt.dry_run || app->opt.print_curl))
		say_rotate_at_local(app);
	setup_prefill_where(app);

	/* --demo's sandbox brings its own URL and token (app/demo.c). */
	if (app->opt.demo) {
		signin_wipe_environment();
		return -1;
	}
	return setup_connect(app);
}

/* The server's URL and the credentials, when this run will send. */
static int
setup_connect(struct app *app)
{
	char msg[1024];
	int found = 0;
	enum rw_status st;

	if (signin_api_base(app->opt.domain, &app->api_base, msg, sizeof(msg)) != RW_OK) {
		rw_term_printf(stderr, "rotwiz: %s\n", msg);
		return rw_status_exit_code(RW_EUSAGE);
	}
	/* A pure --dry-run / --print-curl / --print-terraform sends nothing: no credentials. */
	if ((app->opt.dry_run || app->opt.print_curl || app->opt.print_terraform) && !app->opt.yes &&
	    !app->opt.command)
		return -1;
	st = signin_load_credentials(app, &found, msg, sizeof(msg));
	if (st != RW_OK) {
		rw_term_printf(stderr, "rotwiz: %s\n", msg);
		return rw_status_exit_code(st);
	}
	if (msg[0])
		rw_term_printf(stderr, "rotwiz: warning: %s\n", msg);
	return -1;
}

/* The flags of the required fields still unanswered after the defaults. */
static void
missing_fields(const struct app *app, struct strbuf *sb)
{
	struct rw_answers all;
	int i;

	rw_answers_init(&all);
	if (rw_answers_copy(&all, &app->answers) < 0 || rw_answers_apply_defaults(&all) < 0) {
		rw_answers_free(&all);
		return;
	}
	for (i = 0; i < RW_FIELD_COUNT; i++) {
		const struct rw_field_info *info = rw_field_info((enum rw_field) i);

		if (info->required && !rw_answers_is_set(&all, (enum rw_field) i))
			strbuf_printf(sb, "%s--%s", sb->len ? ", " : "", info->flag);
	}
	if (!app->credentials_given && !app->opt.demo)
		strbuf_printf(sb, "%scredentials (INFISICAL_TOKEN or --token-file)",
			      sb->len ? ", " : "");
	rw_answers_free(&all);
}

int
setup_choose_mode(struct app *app, int stdin_is_tty)
{
	const char *accessible = getenv("ACCESSIBLE"), *term = getenv("TERM");
	struct strbuf missing = STRBUF_INIT;

	if (app->opt.yes || app->opt.dry_run || app->opt.print_curl || app->opt.print_terraform) {
		app->mode = APP_MODE_BATCH;
		return -1;
	}
	if (!stdin_is_tty && !app->opt.plain) {
		missing_fields(app, &missing);
		if (missing.len)
			rw_term_printf(stderr, "rotwiz: stdin is not a terminal, so rotwiz will not ask; "
				"missing: %s -- give them and add --yes, or use --plain to answer "
				"line by line\n", strbuf_str(&missing));
		else
			rw_term_printf(stderr, "rotwiz: stdin is not a terminal, so rotwiz will not ask "
				"-- add --yes to create with these values (--dry-run to check them), "
				"or use --plain\n");
		strbuf_free(&missing);
		return rw_status_exit_code(RW_EUSAGE);
	}
	if (app->opt.plain || (accessible && *accessible && strcmp(accessible, "0") != 0)) {
		app->mode = APP_MODE_PLAIN;
	} else if (term && strcmp(term, "dumb") == 0) {
		/*
		 * Unlike --plain and ACCESSIBLE, TERM=dumb is often not the
		 * user's choice (an editor's shell, a CI runner): say why the
		 * screens did not come.
		 */
		rw_term_printf(stderr, "rotwiz: TERM=dumb: using plain mode; --plain does the same\n");
		app->mode = APP_MODE_PLAIN;
	} else {
		app->mode = APP_MODE_CURSES;
	}
	return -1;
}
