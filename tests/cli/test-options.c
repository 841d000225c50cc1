#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/options.h"
#include "tests/tap.h"

/* One parse of a NULL-terminated argv; the outputs are kept for checks. */
struct parsed {
	struct app_options opt;
	struct rw_answers flags;
	struct rw_problems problems;
	enum options_action action;
	enum rw_status status;
	char msg[512];
	char *argv[64];		/* writable copies: getopt may permute them */
};

static void
parse(struct parsed *p, const char *const *argv)
{
	int argc = 0;

	memset(p, 0, sizeof(*p));
	for (argc = 0; argv[argc] && argc < 63; argc++)
		p->argv[argc] = strdup(argv[argc]);
	rw_answers_init(&p->flags);
	p->status = options_parse(argc, p->argv, &p->opt, &p->flags, &p->problems, &p->action,
				  p->msg, sizeof(p->msg));
}

static void
finish(struct parsed *p)
{
	int i;

	for (i = 0; p->argv[i]; i++)
		free(p->argv[i]);
	rw_answers_free(&p->flags);
}

static int
has(const char *haystack, const char *needle)
{
	return haystack && strstr(haystack, needle) != NULL;
}

static int
is_long_option(const char *name, size_t len)
{
	const char *o;
	size_t i;

	for (i = 0; (o = options_long_name(i)); i++)
		if (strlen(o) == len && strncmp(o, name, len) == 0)
			return 1;
	return 0;
}

static void
test_token_is_never_an_option(void)
{
	const char *a1[] = { "rotwiz", "--token", "s3cr3t-value", NULL };
	const char *a2[] = { "rotwiz", "--token=s3cr3t-value", NULL };
	const char *a3[] = { "rotwiz", "--tok", "s3cr3t-value", NULL };
	const char *a4[] = { "rotwiz", "--yes", "--token", NULL };
	const char *const *cases[] = { a1, a2, a3, a4 };
	struct parsed p;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		parse(&p, cases[i]);
		ok(p.status == RW_EUSAGE && has(p.msg, "INFISICAL_TOKEN") &&
		   has(p.msg, "--token-file") && !has(p.msg, "s3cr3t"),
		   "token_flag_is_refused_naming_the_ways_in_and_hiding_the_value (%s)",
		   cases[i][1]);
		ok(p.opt.token_file == NULL, "token_flag_is_not_taken_for_token_file (%s)",
		   cases[i][1]);
		finish(&p);
	}
}

static void
test_usage_errors(void)
{
	const char *unknown[] = { "rotwiz", "--nmae", "x", NULL };
	const char *glued[] = { "rotwiz", "--frobnicate=hunter2", NULL };
	const char *missing[] = { "rotwiz", "--name", NULL };
	const char *novalue[] = { "rotwiz", "--yes=1", NULL };
	const char *stray[] = { "rotwiz", "--yes", "create", NULL };
	const char *pasted[] = { "rotwiz", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0b2tlbiJ9.c2lnbmF0dXJl", NULL };
	const char *shortopt[] = { "rotwiz", "-x", NULL };
	const char *abbrev[] = { "rotwiz", "--map-client", "X", NULL };
	const char *unique[] = { "rotwiz", "--map-client-s", "X", NULL };
	struct parsed p;

	parse(&p, unknown);
	ok(p.status == RW_EUSAGE && has(p.msg, "'--nmae'") && has(p.msg, "did you mean --name"),
	   "unknown_option_is_named_with_the_nearest_one");
	diag("%s", p.msg);
	finish(&p);

	parse(&p, glued);
	ok(p.status == RW_EUSAGE && has(p.msg, "--frobnicate") && !has(p.msg, "hunter2"),
	   "unknown_option_never_echoes_its_glued_value");
	finish(&p);

	parse(&p, missing);
	ok(p.status == RW_EUSAGE && has(p.msg, "'--name' needs a value"),
	   "option_without_its_value_says_so");
	finish(&p);

	parse(&p, novalue);
	ok(p.status == RW_EUSAGE && has(p.msg, "'--yes' takes no value"),
	   "switch_given_a_value_is_refused");
	finish(&p);

	parse(&p, stray);
	ok(p.status == RW_EUSAGE && has(p.msg, "'create'"), "stray_word_is_refused_and_named");
	finish(&p);

	parse(&p, pasted);
	ok(p.status == RW_EUSAGE && !has(p.msg, "eyJ"), "long_stray_word_is_not_echoed");
	finish(&p);

	parse(&p, abbrev);
	ok(p.status == RW_EUSAGE && has(p.msg, "ambiguous") && has(p.msg, "--map-client-id or "
	   "--map-client-secret?"), "ambiguous_abbreviation_names_the_candidates");
	diag("%s", p.msg);
	finish(&p);

	parse(&p, unique);
	ok(p.status == RW_OK && strcmp(rw_answers_get(&p.flags, RW_FIELD_MAP_CLIENT_SECRET), "X") == 0,
	   "unique_abbreviation_is_taken");
	finish(&p);

	parse(&p, shortopt);
	ok(p.status == RW_EUSAGE && has(p.msg, "'-x'"), "unknown_short_option_is_named");
	finish(&p);

	ok(!strchr(p.msg, '\n'), "usage_message_is_one_line");
}

static void
test_rotate_at(void)
{
	static const struct {
		const char *text, *hours, *minutes;
		int problems;
		const char *says;
		enum rw_field field;
	} cases[] = {
		{ "24:00", NULL, NULL, 1, "midnight is 00:00", RW_FIELD_HOURS },
		{ "07:60", NULL, NULL, 1, "00 to 59", RW_FIELD_MINUTES },
		{ "25:61", NULL, NULL, 2, "00 to 23", RW_FIELD_HOURS },
		{ "7", NULL, NULL, 1, "07:00", RW_FIELD_HOURS },
		{ "7:5", NULL, NULL, 1, "HH:MM", RW_FIELD_HOURS },
		{ "", NULL, NULL, 1, "HH:MM", RW_FIELD_HOURS },
		{ "-1:00", NULL, NULL, 1, "HH:MM", RW_FIELD_HOURS },
		{ "007:00", NULL, NULL, 1, "HH:MM", RW_FIELD_HOURS },
		{ "7:05:00", NULL, NULL, 1, "HH:MM", RW_FIELD_HOURS },
		{ "7h05", NULL, NULL, 1, "HH:MM", RW_FIELD_HOURS },
		{ "７:05", NULL, NULL, 1, "HH:MM", RW_FIELD_HOURS },
		{ "7:05", "7", "5", 0, NULL, RW_FIELD_NONE },
		{ "00:00", "0", "0", 0, NULL, RW_FIELD_NONE },
		{ "23:59", "23", "59", 0, NULL, RW_FIELD_NONE },
	};
	struct rw_problems problems;
	struct rw_answers answers;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int n;

		memset(&problems, 0, sizeof(problems));
		rw_answers_init(&answers);
		n = options_parse_rotate_at(cases[i].text, &answers, &problems);
		if (cases[i].problems) {
			ok(n == cases[i].problems && problems.count == n &&
			   problems.item[0].field == cases[i].field &&
			   has(problems.item[0].message, cases[i].says) &&
			   has(problems.item[0].message, "--rotate-at") &&
			   !rw_answers_is_set(&answers, RW_FIELD_HOURS) &&
			   !rw_answers_is_set(&answers, RW_FIELD_MINUTES),
			   "rotate_at_%s_is_refused_saying_%s", cases[i].text, cases[i].says);
			if (problems.count)
				diag("%s", problems.item[0].message);
		} else {
			ok(n == 0 && problems.count == 0 &&
			   strcmp(rw_answers_get(&answers, RW_FIELD_HOURS), cases[i].hours) == 0 &&
			   strcmp(rw_answers_get(&answers, RW_FIELD_MINUTES), cases[i].minutes) == 0,
			   "rotate_at_%s_sets_hours_%s_minutes_%s", cases[i].text, cases[i].hours,
			   cases[i].minutes);
		}
		rw_answers_free(&answers);
	}
}

static void
test_flags_fill_answers(void)
{
	const char *argv[] = {
		"rotwiz", "--name", "first", "--name=second", "--description", "",
		"--project", "p1", "--environment", "dev", "--secret-path", "/a",
		"--connection", "c", "--object-id", "o", "--client-id", "ci",
		"--app-name", "App", "--interval", "7.5", "--rotate-at", "7:05",
		"--no-auto-rotation", "--map-client-id", "ID", "--map-client-secret", "SECRET",
		"--from-file", "body.json", "--dry-run", "--print-curl", "--json", "--yes",
		"--plain", "--demo", "--domain", "https://x", "--token-file", "tf",
		"--cacert", "ca.pem", "--no-color", NULL,
	};
	struct parsed p;

	parse(&p, argv);
	ok(p.status == RW_OK && p.action == OPTIONS_RUN && p.problems.count == 0,
	   "every_option_parses_together");
	is_str(rw_answers_get(&p.flags, RW_FIELD_NAME), "second", "last_name_flag_wins");
	ok(rw_answers_is_set(&p.flags, RW_FIELD_DESCRIPTION) &&
	   !*rw_answers_get(&p.flags, RW_FIELD_DESCRIPTION), "empty_description_is_an_answer");
	is_str(rw_answers_get(&p.flags, RW_FIELD_INTERVAL), "7.5",
	       "interval_reaches_the_validator_as_written");
	is_str(rw_answers_get(&p.flags, RW_FIELD_AUTO_ROTATION), "no", "no_auto_rotation_is_no");
	is_str(rw_answers_get(&p.flags, RW_FIELD_MAP_CLIENT_SECRET), "SECRET",
	       "map_client_secret_is_kept");
	is_str(rw_answers_get(&p.flags, RW_FIELD_APP_NAME), "App", "app_name_is_kept");
	ok(p.opt.dry_run && p.opt.print_curl && p.opt.json && p.opt.yes && p.opt.plain &&
	   p.opt.demo && p.opt.no_color, "switches_are_set");
	ok(p.opt.from_file && strcmp(p.opt.from_file, "body.json") == 0 &&
	   strcmp(p.opt.domain, "https://x") == 0 && strcmp(p.opt.token_file, "tf") == 0 &&
	   strcmp(p.opt.cacert, "ca.pem") == 0, "file_and_server_options_are_kept");
	finish(&p);
}

static void
test_bad_rotate_at_does_not_stop_parsing(void)
{
	const char *argv[] = { "rotwiz", "--rotate-at", "24:00", "--interval", "0", "--yes", NULL };
	struct parsed p;

	parse(&p, argv);
	ok(p.status == RW_OK && p.problems.count == 1 && p.opt.yes &&
	   strcmp(rw_answers_get(&p.flags, RW_FIELD_INTERVAL), "0") == 0,
	   "bad_rotate_at_is_a_problem_and_parsing_goes_on");
	finish(&p);
}

static void
test_help_and_version(void)
{
	const char *h[] = { "rotwiz", "--name", "x", "--help", NULL };
	const char *h2[] = { "rotwiz", "-h", NULL };
	const char *v[] = { "rotwiz", "--version", NULL };
	const char *v2[] = { "rotwiz", "-V", NULL };
	struct parsed p;

	parse(&p, h);
	ok(p.status == RW_OK && p.action == OPTIONS_HELP, "help_wins_over_other_options");
	finish(&p);
	parse(&p, h2);
	ok(p.action == OPTIONS_HELP, "dash_h_is_help");
	finish(&p);
	parse(&p, v);
	ok(p.action == OPTIONS_VERSION, "version_is_version");
	finish(&p);
	parse(&p, v2);
	ok(p.action == OPTIONS_VERSION, "dash_capital_v_is_version");
	finish(&p);
}

/* Every "--word" in text, each checked by the callback. */
static int
each_long_word(const char *text, const char *what)
{
	const char *p = text;
	int bad = 0;

	while ((p = strstr(p, "--"))) {
		size_t len;

		p += 2;
		len = strspn(p, "abcdefghijklmnopqrstuvwxyz-");
		if (len && !is_long_option(p, len)) {
			diag("%s names --%.*s, which is no option", what, (int) len, p);
			bad++;
		}
		p += len;
	}
	return bad;
}

static char *
man_page_text(void)
{
	const char *srcdir = getenv("top_srcdir");
	char path[4096], *text, *in, *out;
	FILE *fp;
	long size;

	snprintf(path, sizeof(path), "%s/doc/rotwiz.1", srcdir ? srcdir : ".");
	if (!(fp = fopen(path, "rb")))
		return NULL;
	fseek(fp, 0, SEEK_END);
	size = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	text = calloc(1, (size_t) size + 1);
	if (text && fread(text, 1, (size_t) size, fp) != (size_t) size) {
		free(text);
		text = NULL;
	}
	fclose(fp);
	/* roff writes a hyphen as "\-": make the page plain text. */
	for (in = out = text; in && *in; in++) {
		if (in[0] == '\\' && in[1] == '-')
			in++;
		*out++ = *in;
	}
	if (out)
		*out = '\0';
	return text;
}

static void
test_help_and_man_page_agree(void)
{
	const char *help = options_help_text(), *name;
	char word[64], *man = man_page_text();
	int missing_help = 0, missing_man = 0, i;
	size_t n;

	for (n = 0; (name = options_long_name(n)); n++) {
		snprintf(word, sizeof(word), "--%s", name);
		if (!has(help, word)) {
			diag("--help does not mention %s", word);
			missing_help++;
		}
		if (!has(man, word)) {
			diag("the man page does not mention %s", word);
			missing_man++;
		}
	}
	ok(n > 20 && missing_help == 0, "every_long_option_is_in_help");
	ok(man != NULL, "man_page_is_readable");
	ok(man && missing_man == 0, "every_long_option_is_in_the_man_page");
	ok(each_long_word(help, "--help") == 0, "help_names_only_real_options");
	ok(man && each_long_word(man, "the man page") == 0, "man_page_names_only_real_options");
	ok(!has(help, "--token ") && !has(help, "--token\n"), "help_offers_no_token_option");
	for (i = 0; i < RW_FIELD_COUNT; i++) {
		const struct rw_field_info *info = rw_field_info((enum rw_field) i);

		if (!is_long_option(info->flag, strlen(info->flag)))
			break;
	}
	ok(i == RW_FIELD_COUNT, "every_field_has_its_flag");
	free(man);
}

int
main(void)
{
	test_token_is_never_an_option();
	test_usage_errors();
	test_rotate_at();
	test_flags_fill_answers();
	test_bad_rotate_at_does_not_stop_parsing();
	test_help_and_version();
	test_help_and_man_page_agree();
	return done_testing();
}
