#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox/clock.h"
#include "sandbox/fault.h"
#include "sandbox/scheduler.h"
#include "sandbox/router.h"
#include "sandbox/seed.h"
#include "sandbox/server.h"
#include "sandbox/stats.h"
#include "sandbox/world.h"

/*
 * rotwiz-sandbox: a local stand-in for Infisical (doc/contract.md s.7).  main()
 * reads the options, builds the world, starts the server, prints the one
 * line tests and `rotwiz --demo` wait for, and sleeps until SIGTERM or
 * SIGINT, then shuts everything down and exits 0.
 */

static const char usage_text[] =
	"Usage: rotwiz-sandbox [OPTION]...\n"
	"A local server that answers like Infisical's API, with demo data, for\n"
	"rotwiz --demo and the test suite.  It listens on 127.0.0.1 only and\n"
	"prints \"rotwiz-sandbox listening on http://127.0.0.1:PORT\" first.\n"
	"\n"
	"  -p, --port N          port to listen on; 0 (the default) picks a free one\n"
	"  -l, --latency MS      wait MS milliseconds before every answer\n"
	"  -f, --fault SPEC      make a route fail; repeatable.  SPEC is\n"
	"                        'METHOD PATH=ACTION[@N]', PATH without its query,\n"
	"                        ACTION an HTTP status 400-599, drop, stall, garbage,\n"
	"                        truncate, drop-after or stall-after; @N fails only\n"
	"                        the first N matching requests\n"
	"      --now TIME        freeze the clock at TIME (2025-01-15T10:30:00.000Z)\n"
	"      --speed N         run the clock N times faster (86400: a day a second),\n"
	"                        from --now or from real time, so the scheduler's\n"
	"                        rotations can be watched\n"
	"      --seed-rotations N  seed N more rotations (bulk-0001...), for big lists\n"
	"      --seed-apps N     seed N more Azure apps on each Azure connection\n"
	"                        (azure-contoso-prod app 00001...), up to 1000000\n"
	"      --seed-projects M  seed M more projects (Scale Project 000001...), each\n"
	"                        with dev, staging and prod and a root folder\n"
	"      --seed-secrets K  seed K secrets (SCALE_SECRET_000001...) in every folder\n"
	"      --no-scheduler    never rotate by the clock (so a rotation can be overdue)\n"
	"      --hostile-names   also seed a project, Azure apps and a secret whose names\n"
	"                        hold escape sequences, BEL, C1, a bidi override and\n"
	"                        bytes that are not UTF-8 (terminal-injection tests)\n"
	"      --header-timeout S  close a connection whose first request has not\n"
	"                        brought its headers S seconds after connecting\n"
	"                        (default 10; slowloris)\n"
	"      --plan PLAN       'free': answer the secret-rotation routes as a stock\n"
	"                        self-hosted server without a licence does (400\n"
	"                        plan restriction); 'unlocked' (the default): serve them\n"
	"  -h, --help            show this help and exit\n"
	"\n"
	"Credentials: Universal Auth sandbox-client-id / sandbox-client-secret\n"
	"(a machine identity), user session token sandbox-user-token.\n"
	"State lives in memory and is gone when the sandbox stops.\n"
	"GET /sandbox/stats reports connections and requests served.\n"
	"See sandbox/README.md for the seeded projects, folders and apps.\n";

struct options {
	unsigned port;
	long latency_ms;
	long header_timeout_s;
	int frozen;
	int64_t now;
	int plan_free;
	long speed;		/* 0: --speed not given */
	long seed_rotations;
	long seed_apps, seed_projects, seed_secrets;
	int no_scheduler;
};

/* A whole number in [min, max], or -1 in *ok. */
static long
number(const char *text, long min, long max, int *ok)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(text, &end, 10);
	*ok = !errno && end != text && !*end && n >= min && n <= max;
	return n;
}

/* 0 to run, or the exit code to leave with. */
static int
parse_options(int argc, char **argv, struct options *opt, struct sb_faults *faults)
{
	static const struct option longs[] = {
		{ "port", required_argument, NULL, 'p' },
		{ "latency", required_argument, NULL, 'l' },
		{ "fault", required_argument, NULL, 'f' },
		{ "now", required_argument, NULL, 'n' },
		{ "plan", required_argument, NULL, 'P' },
		{ "speed", required_argument, NULL, 'S' },
		{ "seed-rotations", required_argument, NULL, 'R' },
		{ "seed-apps", required_argument, NULL, 'A' },
		{ "seed-projects", required_argument, NULL, 'M' },
		{ "seed-secrets", required_argument, NULL, 'K' },
		{ "no-scheduler", no_argument, NULL, 'N' },
		{ "hostile-names", no_argument, NULL, 'H' },
		{ "header-timeout", required_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char err[200];
	int c, ok;

	memset(opt, 0, sizeof(*opt));
	while ((c = getopt_long(argc, argv, "p:l:f:h", longs, NULL)) != -1) {
		switch (c) {
		case 'p':
			opt->port = (unsigned) number(optarg, 0, 65535, &ok);
			if (!ok) {
				fprintf(stderr, "rotwiz-sandbox: --port '%s': a port from 0 to 65535\n", optarg);
				return 2;
			}
			break;
		case 'l':
			opt->latency_ms = number(optarg, 0, 600000, &ok);
			if (!ok) {
				fprintf(stderr, "rotwiz-sandbox: --latency '%s': milliseconds from 0 to 600000\n",
					optarg);
				return 2;
			}
			break;
		case 'f':
			if (sb_faults_add(faults, optarg, err, sizeof(err)) < 0) {
				fprintf(stderr, "rotwiz-sandbox: --fault '%s': %s\n", optarg, err);
				return 2;
			}
			break;
		case 'n':
			if (sb_time_parse(optarg, &opt->now) < 0) {
				fprintf(stderr, "rotwiz-sandbox: --now '%s': expected a UTC time such as "
					"2025-01-15T10:30:00.000Z\n", optarg);
				return 2;
			}
			opt->frozen = 1;
			break;
		case 'T':
			opt->header_timeout_s = number(optarg, 1, 3600, &ok);
			if (!ok) {
				fprintf(stderr, "rotwiz-sandbox: --header-timeout '%s': seconds from 1 to "
					"3600\n", optarg);
				return 2;
			}
			break;
		case 'P':
			if (strcmp(optarg, "free") == 0 || strcmp(optarg, "unlocked") == 0) {
				opt->plan_free = strcmp(optarg, "free") == 0;
				break;
			}
			fprintf(stderr, "rotwiz-sandbox: --plan '%s': 'free' or 'unlocked'\n", optarg);
			return 2;
		case 'S':
			opt->speed = number(optarg, 1, 100000000, &ok);
			if (!ok) {
				fprintf(stderr, "rotwiz-sandbox: --speed '%s': a whole factor from 1 to "
					"100000000 (86400: a day a second)\n", optarg);
				return 2;
			}
			break;
		case 'R':
			opt->seed_rotations = number(optarg, 0, 100000, &ok);
			if (!ok) {
				fprintf(stderr, "rotwiz-sandbox: --seed-rotations '%s': a count from 0 to "
					"100000\n", optarg);
				return 2;
			}
			break;
		case 'A':
		case 'M':
		case 'K': {
			long *to = c == 'A' ? &opt->seed_apps : c == 'M' ? &opt->seed_projects
							     : &opt->seed_secrets;

			*to = number(optarg, 0, 1000000, &ok);
			if (!ok) {
				fprintf(stderr, "rotwiz-sandbox: --seed-%s '%s': a count from 0 to "
					"1000000\n", c == 'A' ? "apps" : c == 'M' ? "projects" : "secrets",
					optarg);
				return 2;
			}
			break;
		}
		case 'N':
			opt->no_scheduler = 1;
			break;
		case 'H':
			sb_seed_hostile(1);
			break;
		case 'h':
			fputs(usage_text, stdout);
			return -1;
		default:
			fputs("Try 'rotwiz-sandbox --help'.\n", stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "rotwiz-sandbox: unexpected argument '%s'\nTry 'rotwiz-sandbox --help'.\n",
			argv[optind]);
		return 2;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct sb_server_config config;
	struct sb_server *server = NULL;
	struct sb_faults faults;
	struct sb_stats stats;
	struct sb_world *world = NULL;
	struct sb_scheduler *scheduler = NULL;
	struct options opt;
	sigset_t stop_signals;
	unsigned port;
	char err[256];
	int rc, signo;

	sb_faults_init(&faults);
	rc = parse_options(argc, argv, &opt, &faults);
	if (rc != 0) {
		sb_faults_free(&faults);
		return rc < 0 ? 0 : rc;
	}
	if (opt.speed)
		sb_clock_run(opt.frozen ? opt.now : sb_now_ms(), opt.speed);
	else if (opt.frozen)
		sb_clock_freeze(opt.now);
	/* Writes to a closed connection must fail, not kill the process. */
	signal(SIGPIPE, SIG_IGN);
	/*
	 * Blocked before any thread starts, so every thread inherits the mask
	 * and the signals wait for sigwait() below.
	 */
	sigemptyset(&stop_signals);
	sigaddset(&stop_signals, SIGTERM);
	sigaddset(&stop_signals, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop_signals, NULL);

	rc = 1;
	if (sb_stats_init(&stats, sb_router_count()) < 0) {
		fputs("rotwiz-sandbox: out of memory\n", stderr);
		goto out_faults;
	}
	if (sb_seed_large((size_t) opt.seed_apps, (size_t) opt.seed_projects,
			  (size_t) opt.seed_secrets) < 0) {
		fputs("rotwiz-sandbox: out of memory\n", stderr);
		goto out_stats;
	}
	world = sb_world_new(sb_now_ms());
	if (!world) {
		fputs("rotwiz-sandbox: out of memory\n", stderr);
		goto out_stats;
	}
	world->plan_free = opt.plan_free;
	if (opt.seed_rotations && sb_world_seed_bulk(world, opt.seed_rotations, sb_now_ms()) < 0) {
		fputs("rotwiz-sandbox: out of memory\n", stderr);
		goto out_world;
	}
	/* A sped-up clock is looked at often, so that a rotation lands near its time. */
	if (!opt.no_scheduler && sb_scheduler_start(world, opt.speed > 1 ? 50 : 1000, &scheduler) < 0) {
		fputs("rotwiz-sandbox: the scheduler thread could not start\n", stderr);
		goto out_world;
	}
	config.port = opt.port;
	config.latency_ms = opt.latency_ms;
	config.header_timeout_ms = opt.header_timeout_s * 1000;
	config.world = world;
	config.stats = &stats;
	config.faults = &faults;
	if (sb_server_start(&config, &server, &port, err, sizeof(err)) < 0) {
		fprintf(stderr, "rotwiz-sandbox: %s\n", err);
		goto out_world;
	}
	printf("rotwiz-sandbox listening on http://127.0.0.1:%u\n", port);
	fflush(stdout);

	do {
		if (sigwait(&stop_signals, &signo) != 0)
			break;
	} while (signo != SIGTERM && signo != SIGINT);
	sb_server_stop(&server);
	rc = 0;
out_world:
	sb_scheduler_stop(&scheduler);
	sb_world_free(&world);
out_stats:
	sb_stats_free(&stats);
	sb_seed_large_free();
out_faults:
	sb_faults_free(&faults);
	return rc;
}
