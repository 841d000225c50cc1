#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/options.h"
#include "forms/schedule.h"

/* Field flags return OPT_FIELD + their rw_field; the others their own code. */
enum {
	OPT_FIELD = 0x100,
	OPT_ROTATE_AT = 0x200,
	OPT_ROTATE_AT_LOCAL,
	OPT_NO_AUTO_ROTATION,
	OPT_FROM_FILE,
	OPT_DRY_RUN,
	OPT_PRINT_CURL,
	OPT_JSON,
	OPT_YES,
	OPT_PLAIN,
	OPT_DEMO,
	OPT_DOMAIN,
	OPT_TOKEN_FILE,
	OPT_CACERT,
	OPT_NO_COLOR,
	OPT_AUTO_ROTATION,
	OPT_DELETE_SECRETS,
	OPT_REVOKE_CREDENTIALS,
	OPT_PARALLEL,
	OPT_PRINT_TERRAFORM,
};

static const struct option long_options[] = {
	{ "name",		required_argument, NULL, OPT_FIELD + RW_FIELD_NAME },
	{ "description",	required_argument, NULL, OPT_FIELD + RW_FIELD_DESCRIPTION },
	{ "project",		required_argument, NULL, OPT_FIELD + RW_FIELD_PROJECT },
	{ "environment",	required_argument, NULL, OPT_FIELD + RW_FIELD_ENVIRONMENT },
	{ "secret-path",	required_argument, NULL, OPT_FIELD + RW_FIELD_SECRET_PATH },
	{ "connection",		required_argument, NULL, OPT_FIELD + RW_FIELD_CONNECTION },
	{ "object-id",		required_argument, NULL, OPT_FIELD + RW_FIELD_OBJECT_ID },
	{ "client-id",		required_argument, NULL, OPT_FIELD + RW_FIELD_CLIENT_ID },
	{ "app-name",		required_argument, NULL, OPT_FIELD + RW_FIELD_APP_NAME },
	{ "interval",		required_argument, NULL, OPT_FIELD + RW_FIELD_INTERVAL },
	{ "rotate-at",		required_argument, NULL, OPT_ROTATE_AT },
	{ "rotate-at-local",	required_argument, NULL, OPT_ROTATE_AT_LOCAL },
	{ "no-auto-rotation",	no_argument,	   NULL, OPT_NO_AUTO_ROTATION },
	{ "auto-rotation",	no_argument,	   NULL, OPT_AUTO_ROTATION },
	{ "delete-secrets",	no_argument,	   NULL, OPT_DELETE_SECRETS },
	{ "revoke-credentials",	no_argument,	   NULL, OPT_REVOKE_CREDENTIALS },
	{ "map-client-id",	required_argument, NULL, OPT_FIELD + RW_FIELD_MAP_CLIENT_ID },
	{ "map-client-secret",	required_argument, NULL, OPT_FIELD + RW_FIELD_MAP_CLIENT_SECRET },
	{ "from-file",		required_argument, NULL, OPT_FROM_FILE },
	{ "dry-run",		no_argument,	   NULL, OPT_DRY_RUN },
	{ "print-curl",		no_argument,	   NULL, OPT_PRINT_CURL },
	{ "json",		no_argument,	   NULL, OPT_JSON },
	{ "parallel",		required_argument, NULL, OPT_PARALLEL },
	{ "print-terraform",	no_argument,	   NULL, OPT_PRINT_TERRAFORM },
	{ "yes",		no_argument,	   NULL, OPT_YES },
	{ "plain",		no_argument,	   NULL, OPT_PLAIN },
	{ "demo",		no_argument,	   NULL, OPT_DEMO },
	{ "domain",		required_argument, NULL, OPT_DOMAIN },
	{ "token-file",		required_argument, NULL, OPT_TOKEN_FILE },
	{ "cacert",		required_argument, NULL, OPT_CACERT },
	{ "no-color",		no_argument,	   NULL, OPT_NO_COLOR },
	{ "help",		no_argument,	   NULL, 'h' },
	{ "version",		no_argument,	   NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

#define LONG_OPTION_COUNT (sizeof(long_options) / sizeof(long_options[0]) - 1)

/* doc/rotwiz.1 says the same; tests/cli/test-options checks they agree. */
static const char help_text[] =
	"Usage: rotwiz [OPTION]...\n"
	"       rotwiz COMMAND [NAME|ID] [OPTION]...\n"
	"Create an Infisical Azure Client Secret rotation, step by step; or, with a\n"
	"COMMAND, look after the rotations already made (rotwiz COMMAND --help).\n"
	"\n"
	"On a terminal rotwiz asks for each answer on its own screen.  With --yes it\n"
	"asks nothing: it checks the values, signs in, creates the rotation and prints\n"
	"what the server made.\n"
	"\n"
	"Rotation:\n"
	"      --name NAME               lowercase letters, digits, single hyphens; max 64\n"
	"      --description TEXT        optional, at most 255 characters\n"
	"Where:\n"
	"      --project ID              project ID (else INFISICAL_PROJECT_ID, .infisical.json)\n"
	"      --environment SLUG        environment slug such as dev (else INFISICAL_ENVIRONMENT)\n"
	"      --secret-path PATH        existing folder for the two secrets (default /)\n"
	"Connection and Azure app:\n"
	"      --connection ID           Azure Client Secrets app connection ID\n"
	"      --object-id GUID          the app registration's Object ID\n"
	"      --client-id GUID          the app registration's Application (client) ID\n"
	"      --app-name NAME           the app's display name (optional)\n"
	"Schedule:\n"
	"      --interval DAYS           days between rotations, 1 to 909 (default 30)\n"
	"      --rotate-at HH:MM         time of day to rotate, in UTC (default 00:00)\n"
	"      --rotate-at-local HH:MM   the same in local time (TZ), turned into UTC by\n"
	"                                today's offset\n"
	"      --no-auto-rotation        rotate only when asked\n"
	"Secret names:\n"
	"      --map-client-id NAME      secret for the client ID (default AZURE_CLIENT_ID,\n"
	"                                or a name from the app's that is free in the folder)\n"
	"      --map-client-secret NAME  secret for the client secret (default\n"
	"                                AZURE_CLIENT_SECRET, or likewise a free one)\n"
	"\n"
	"Modes and output:\n"
	"      --from-file FILE          read a JSON create body, or many: a JSON array of\n"
	"                                bodies, NDJSON, or CSV with a header of flag\n"
	"                                names; flags override it (every row)\n"
	"      --parallel N              creates in flight at once for a file of many\n"
	"                                (1 to 16, default 4)\n"
	"      --print-terraform         print the Terraform resource for each rotation;\n"
	"                                send nothing\n"
	"      --yes                     create without asking\n"
	"      --dry-run                 check the values and print the JSON body; send nothing\n"
	"      --print-curl              print the equivalent curl command; send nothing\n"
	"                                (with --dry-run: the body first, then the command)\n"
	"      --json                    print the server's JSON answer instead of a summary\n"
	"                                (a file of many: one result object a line)\n"
	"      --plain                   line prompts instead of screens (screen readers, pipes)\n"
	"      --no-color                no colours (so does a non-empty NO_COLOR)\n"
	"Server:\n"
	"      --domain URL              server URL (else INFISICAL_DOMAIN, INFISICAL_API_URL,\n"
	"                                https://us.infisical.com); http:// for loopback only\n"
	"      --token-file FILE         read the access token from the first line of FILE\n"
	"      --cacert FILE             also trust this CA (self-hosted servers)\n"
	"      --demo                    start a local rotwiz-sandbox and use it\n"
	"  -h, --help                    show this help and exit\n"
	"  -V, --version                 show the version and exit\n"
	"\n"
	"Credentials come from INFISICAL_TOKEN (or INFISICAL_UNIVERSAL_AUTH_ACCESS_TOKEN),\n"
	"from --token-file, or from INFISICAL_UNIVERSAL_AUTH_CLIENT_ID and\n"
	"INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET; never from the command line.\n"
	"\n"
	"Commands (for scripts; they ask nothing but a delete's or a second rotation's\n"
	"question, which --yes answers):\n"
	"  list                          the rotations in --project (within --environment\n"
	"                                and --secret-path when given), with their status\n"
	"  show NAME|ID                  one rotation, every field\n"
	"  rotate NAME|ID                rotate now (a second rotation within 60 minutes\n"
	"                                asks first: it revokes the other slot's secret)\n"
	"  edit NAME|ID                  change --name, --description, --interval,\n"
	"                                --rotate-at, --auto-rotation/--no-auto-rotation,\n"
	"                                --map-client-id, --map-client-secret\n"
	"  delete NAME|ID                delete (asks unless --yes); with\n"
	"      --delete-secrets          also delete the mapped secrets\n"
	"      --revoke-credentials      also revoke its client secrets in Azure\n"
	"  status                        exit 0 when every rotation in scope is healthy,\n"
	"                                7 when any failed or is overdue\n"	"  manage                        the list, detail and actions to use by hand\n"
	"                                (--plain: as numbered choices; rotwiz manage --help)\n"
	"      --auto-rotation           (edit) turn auto-rotation back on\n"
	"\n"
	"Exit status: 0 created (with --dry-run: valid), 1 the server refused or failed,\n"
	"2 usage error, invalid value or (--plain) input that ended early, 3 network\n"
	"failure, 4 authentication failed, 5 a change's outcome unknown (a create,\n"
	"rotate, edit or delete may have happened), 6 created but its summary could not\n"
	"be written, 7 (status) a rotation failed or is overdue, 129/143 SIGHUP/SIGTERM\n"
	"(draft saved), 130 quit (Ctrl-C, or q).\n"
	"\n"
	"Full documentation: man rotwiz\n";

const char *
options_help_text(void)
{
	return help_text;
}

const char *
options_long_name(size_t i)
{
	return i < LONG_OPTION_COUNT ? long_options[i].name : NULL;
}

/* Edit distance, for "did you mean"; names are short, so O(n*m) is fine. */
static size_t
edit_distance(const char *a, size_t alen, const char *b)
{
	size_t blen = strlen(b), row[64], i, j;

	if (alen >= 63 || blen >= 63)
		return 99;
	for (j = 0; j <= blen; j++)
		row[j] = j;
	for (i = 1; i <= alen; i++) {
		size_t diag = row[0], next;

		row[0] = i;
		for (j = 1; j <= blen; j++) {
			size_t best = diag + (a[i - 1] != b[j - 1]);

			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			next = row[j];
			row[j] = best;
			diag = next;
		}
	}
	return row[blen];
}

static const char *
closest_option(const char *name, size_t len)
{
	const char *best = NULL;
	size_t i, best_d = 3;

	for (i = 0; i < LONG_OPTION_COUNT; i++) {
		size_t d = edit_distance(name, len, long_options[i].name);

		if (d < best_d) {
			best_d = d;
			best = long_options[i].name;
		}
	}
	return best;
}

/* An abbreviation of several options: says which, and returns 1. */
static int
ambiguous(const char *name, size_t len, char *msg, size_t msgsz)
{
	size_t i, n = 0, used;
	int matches = 0;

	for (i = 0; i < LONG_OPTION_COUNT; i++)
		if (len && strncmp(long_options[i].name, name, len) == 0)
			matches++;
	if (matches < 2 || len > 40)
		return 0;
	used = (size_t) snprintf(msg, msgsz, "option '--%.*s' is ambiguous:", (int) len, name);
	for (i = 0; i < LONG_OPTION_COUNT && used < msgsz; i++) {
		if (strncmp(long_options[i].name, name, len) != 0)
			continue;
		used += (size_t) snprintf(msg + used, msgsz - used, "%s --%s",
					  n++ ? (int) n == matches ? " or" : "," : "",
					  long_options[i].name);
	}
	if (used < msgsz)
		snprintf(msg + used, msgsz - used, "? -- see rotwiz --help");
	return 1;
}

/*
 * The option as the user wrote it, up to any "=", so that a value glued to
 * it (possibly a secret) is never echoed.  Long texts are cut short.
 */
static void
option_word(const char *arg, char *out, size_t outsz)
{
	size_t len = strcspn(arg, "=");

	if (len > 40) {
		snprintf(out, outsz, "%.40s...", arg);
		return;
	}
	snprintf(out, outsz, "%.*s", (int) len, arg);
}

/* "--tok", "--token", "--token=x": what someone means who wants a --token flag. */
static int
is_token_flag(const char *arg)
{
	size_t len;

	if (strncmp(arg, "--", 2) != 0)
		return 0;
	arg += 2;
	len = strcspn(arg, "=");
	return len >= 3 && len <= 5 && strncmp(arg, "token", len) == 0;
}

static void
token_refused(char *msg, size_t msgsz)
{
	snprintf(msg, msgsz,
		 "there is no --token option: a token on the command line shows in ps "
		 "-- set INFISICAL_TOKEN in the environment or use --token-file FILE");
}

int
options_parse_rotate_at(const char *text, struct rw_answers *answers,
			struct rw_problems *problems)
{
	int hours = 0, minutes = 0, fault = rw_schedule_parse_hhmm(text, &hours, &minutes);
	char buf[24], msg[RW_MESSAGE_MAX];

	if (fault & (RW_HHMM_HOUR_ONLY | RW_HHMM_NOT_HHMM)) {
		rw_schedule_hhmm_message(fault, text, "Rotate at (UTC)", msg, sizeof(msg));
		rw_problems_add(problems, RW_FIELD_HOURS, "%s (--rotate-at)", msg);
		return 1;
	}
	/* Out of range: one problem for each field, each named as the wizard names it. */
	if (fault & RW_HHMM_BAD_HOURS)
		rw_problems_add(problems, RW_FIELD_HOURS,
				"Rotate at hour (UTC): must be from 00 to 23, got \"%s\"%s "
				"(--rotate-at)", text,
				strcmp(text, "24:00") == 0 ? " -- midnight is 00:00" : "");
	if (fault & RW_HHMM_BAD_MINUTES)
		rw_problems_add(problems, RW_FIELD_MINUTES,
				"Rotate at minute (UTC): must be from 00 to 59, got \"%s\" "
				"(--rotate-at)", text);
	if (fault)
		return (fault & RW_HHMM_BAD_HOURS ? 1 : 0) + (fault & RW_HHMM_BAD_MINUTES ? 1 : 0);
	snprintf(buf, sizeof(buf), "%d", hours);
	rw_answers_set(answers, RW_FIELD_HOURS, buf);
	snprintf(buf, sizeof(buf), "%d", minutes);
	rw_answers_set(answers, RW_FIELD_MINUTES, buf);
	return 0;
}

int
options_parse_rotate_at_local(const char *text, time_t now, struct rw_answers *answers,
			      struct rw_problems *problems)
{
	char msg[RW_MESSAGE_MAX], buf[24];
	int hours, minutes;

	if (rw_schedule_parse_local(now, text, "Rotate at (local time)", &hours, &minutes, msg,
				    sizeof(msg)) < 0) {
		rw_problems_add(problems, RW_FIELD_HOURS, "%s (--rotate-at-local)", msg);
		return 1;
	}
	snprintf(buf, sizeof(buf), "%d", hours);
	rw_answers_set(answers, RW_FIELD_HOURS, buf);
	snprintf(buf, sizeof(buf), "%d", minutes);
	rw_answers_set(answers, RW_FIELD_MINUTES, buf);
	return 0;
}

/*
 * The option text behind the value getopt just returned: "--x=v" is one
 * word, "--x v" two.
 */
static const char *
current_option(char **argv, const char *arg)
{
	if (arg && optind >= 2 && arg == argv[optind - 1])
		return argv[optind - 2];
	return argv[optind - 1];
}

static const char *const commands[] = {
	"list", "show", "rotate", "edit", "delete", "status", "manage", NULL
};

const char *
options_command(const char *word)
{
	size_t i;

	for (i = 0; word && commands[i]; i++)
		if (strcmp(word, commands[i]) == 0)
			return commands[i];
	return NULL;
}

int
options_command_takes_target(const char *command)
{
	return command && strcmp(command, "list") != 0 && strcmp(command, "status") != 0 &&
	       strcmp(command, "manage") != 0;
}

enum rw_status
options_parse(int argc, char **argv, struct app_options *opt,
	      struct rw_answers *flags, struct rw_problems *problems,
	      enum options_action *action, char *msg, size_t msgsz)
{
	int rotate_at = 0;	/* which of --rotate-at, --rotate-at-local came first */
	char word[64];
	int c;

	*action = OPTIONS_RUN;
	msg[0] = '\0';
	opterr = 0;
	optind = 0;	/* 0 makes glibc re-initialise, so tests may call twice */
	/* rotwiz COMMAND ...: the command word plays argv[0] for getopt. */
	opt->command = argc > 1 ? options_command(argv[1]) : NULL;
	if (opt->command) {
		argc--;
		argv++;
	}
	while ((c = getopt_long(argc, argv, ":hV", long_options, NULL)) != -1) {
		if (c >= OPT_FIELD && c < OPT_FIELD + RW_FIELD_COUNT) {
			if (rw_answers_set(flags, (enum rw_field) (c - OPT_FIELD), optarg) < 0) {
				snprintf(msg, msgsz, "out of memory");
				return RW_ENOMEM;
			}
			continue;
		}
		switch (c) {
		case OPT_ROTATE_AT:
		case OPT_ROTATE_AT_LOCAL:
			/* Two answers to one question: say so rather than let the last win. */
			if (rotate_at && rotate_at != c) {
				rw_problems_add(problems, RW_FIELD_HOURS, "Rotate at: give "
						"--rotate-at or --rotate-at-local, not both");
				break;
			}
			rotate_at = c;
			if (c == OPT_ROTATE_AT) {
				options_parse_rotate_at(optarg, flags, problems);
			} else {
				opt->rotate_at_local = optarg;
				options_parse_rotate_at_local(optarg, time(NULL), flags, problems);
			}
			break;
		case OPT_NO_AUTO_ROTATION:
		case OPT_AUTO_ROTATION:
			if (rw_answers_is_set(flags, RW_FIELD_AUTO_ROTATION) &&
			    strcmp(rw_answers_get(flags, RW_FIELD_AUTO_ROTATION),
				   c == OPT_AUTO_ROTATION ? "yes" : "no") != 0) {
				snprintf(msg, msgsz, "give --auto-rotation or --no-auto-rotation, not both");
				return RW_EUSAGE;
			}
			rw_answers_set(flags, RW_FIELD_AUTO_ROTATION, c == OPT_AUTO_ROTATION ? "yes" : "no");
			break;
		case OPT_DELETE_SECRETS:	opt->delete_secrets = 1; break;
		case OPT_REVOKE_CREDENTIALS:	opt->revoke_credentials = 1; break;
		case OPT_FROM_FILE:	opt->from_file = optarg; break;
		case OPT_DRY_RUN:	opt->dry_run = 1; break;
		case OPT_PRINT_CURL:	opt->print_curl = 1; break;
		case OPT_JSON:		opt->json = 1; break;
		case OPT_PRINT_TERRAFORM:	opt->print_terraform = 1; break;
		case OPT_PARALLEL: {
			char *end;
			long n = strtol(optarg, &end, 10);

			if (*optarg < '0' || *optarg > '9' || *end || n < 1 || n > 16) {
				snprintf(msg, msgsz, "--parallel must be a whole number from 1 to 16, "
					 "got \"%.40s\"", optarg);
				return RW_EUSAGE;
			}
			opt->parallel = (int) n;
			break;
		}
		case OPT_YES:		opt->yes = 1; break;
		case OPT_PLAIN:		opt->plain = 1; break;
		case OPT_DEMO:		opt->demo = 1; break;
		case OPT_DOMAIN:	opt->domain = optarg; break;
		case OPT_CACERT:	opt->cacert = optarg; break;
		case OPT_NO_COLOR:	opt->no_color = 1; break;
		case OPT_TOKEN_FILE:
			/* getopt takes "--token" for an abbreviation of --token-file. */
			if (is_token_flag(current_option(argv, optarg))) {
				token_refused(msg, msgsz);
				return RW_EUSAGE;
			}
			opt->token_file = optarg;
			break;
		case 'h':
			*action = OPTIONS_HELP;
			return RW_OK;
		case 'V':
			*action = OPTIONS_VERSION;
			return RW_OK;
		case ':':
			if (is_token_flag(argv[optind - 1])) {
				token_refused(msg, msgsz);
				return RW_EUSAGE;
			}
			option_word(argv[optind - 1], word, sizeof(word));
			snprintf(msg, msgsz, "option '%s' needs a value -- see rotwiz --help", word);
			return RW_EUSAGE;
		default: {
			const char *arg = argv[optind - 1];
			const char *near;

			if (is_token_flag(arg)) {
				token_refused(msg, msgsz);
				return RW_EUSAGE;
			}
			option_word(arg, word, sizeof(word));
			if (optopt && optopt != '?' && strncmp(arg, "--", 2) == 0) {
				snprintf(msg, msgsz, "option '%s' takes no value -- see rotwiz --help",
					 word);
				return RW_EUSAGE;
			}
			if (optopt && strncmp(arg, "--", 2) != 0) {
				snprintf(msg, msgsz, "unknown option '-%c' -- see rotwiz --help",
					 optopt);
				return RW_EUSAGE;
			}
			if (strncmp(arg, "--", 2) == 0 &&
			    ambiguous(arg + 2, strcspn(arg + 2, "="), msg, msgsz))
				return RW_EUSAGE;
			near = strncmp(arg, "--", 2) == 0 ?
			       closest_option(arg + 2, strcspn(arg + 2, "=")) : NULL;
			if (near)
				snprintf(msg, msgsz, "unknown option '%s' -- did you mean --%s? "
					 "(see rotwiz --help)", word, near);
			else
				snprintf(msg, msgsz, "unknown option '%s' -- see rotwiz --help",
					 word);
			return RW_EUSAGE;
		}
		}
	}
	if (opt->command && options_command_takes_target(opt->command) && optind < argc) {
		opt->target = argv[optind++];
	} else if (opt->command && options_command_takes_target(opt->command) &&
		   *action == OPTIONS_RUN) {
		snprintf(msg, msgsz, "rotwiz %s needs the rotation's NAME or ID -- see rotwiz %s "
			 "--help", opt->command, opt->command);
		return RW_EUSAGE;
	}
	if (!opt->command && (opt->delete_secrets || opt->revoke_credentials)) {
		snprintf(msg, msgsz, "--%s belongs to rotwiz delete -- see rotwiz delete --help",
			 opt->delete_secrets ? "delete-secrets" : "revoke-credentials");
		return RW_EUSAGE;
	}
	if (optind < argc && opt->command) {
		if (strlen(argv[optind]) <= 40)
			snprintf(msg, msgsz, "unexpected argument '%s': rotwiz %s takes %s -- see "
				 "rotwiz %s --help", argv[optind], opt->command,
				 options_command_takes_target(opt->command) ? "one NAME|ID" :
				 "options only", opt->command);
		else
			snprintf(msg, msgsz, "unexpected argument (a long word) at position %d -- see "
				 "rotwiz %s --help", optind + 1, opt->command);
		return RW_EUSAGE;
	}
	if (optind < argc) {
		/* A long stray word may be a pasted token: never echo those. */
		if (strlen(argv[optind]) <= 40)
			snprintf(msg, msgsz, "unexpected argument '%s': rotwiz takes options "
				 "only -- see rotwiz --help", argv[optind]);
		else
			snprintf(msg, msgsz, "unexpected argument (a long word) at position %d: "
				 "rotwiz takes options only -- see rotwiz --help", optind);
		return RW_EUSAGE;
	}
	return RW_OK;
}
