#include "config.h"

/*
 * converse PLAN TRANSCRIPT SECONDS CMD [ARGS...]: runs CMD with its stdin and
 * stdout on pipes and answers its prompts from PLAN, the way a person at
 * plain mode would: it waits for a prompt before it types, never ahead.
 *
 * A prompt is output that stops after ": " with no line break (plain mode
 * flushes there and blocks reading).  Its label is the line without the
 * trailing ": " and without a "[default]".  PLAN has one "LABEL<TAB>ANSWER"
 * line per answer, in order; the first line's answer is sent when the
 * prompt's label is LABEL or starts with "LABEL (", or, for a LABEL written
 * "~TEXT", when the prompt holds TEXT.  Any other prompt is answered with
 * an empty line (Enter: keep the value shown in brackets), so a scenario
 * names only what it changes.  The same unplanned prompt ten times in a row
 * is a loop the scenario did not foresee: the run is stopped.
 *
 * stdout gets one line when CMD is done:
 *   rc=N left=K [stuck="LABEL"|timeout]
 * N is CMD's exit status (128+signal when killed), K the plan lines never
 * used.  A plan line labelled "EOF" ends the input at the next prompt
 * instead of answering it; one labelled "INT" sends CMD SIGINT there (the
 * person presses Ctrl-C).  TRANSCRIPT gets everything CMD printed on stdout.  CMD's stderr is
 * converse's.  SECONDS caps the whole run: then CMD is killed.
 *
 * CONVERSE_TYPED=FILE: FILE gets every byte typed into CMD, in order, so the
 * same answers can be given again as one type-ahead burst (stdin from FILE,
 * all at once: tests/scenario/run.sh's plain-burst mode).
 */

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct plan {
	char **label, **answer;
	size_t count, next;
};

static void
die(const char *what)
{
	perror(what);
	exit(99);
}

static void
plan_read(struct plan *p, const char *file)
{
	FILE *fp = fopen(file, "r");
	char *line = NULL, *tab;
	size_t cap = 0;
	ssize_t n;

	if (!fp)
		die(file);
	memset(p, 0, sizeof(*p));
	while ((n = getline(&line, &cap, fp)) >= 0) {
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if (!(tab = strchr(line, '\t')))
			continue;
		*tab = '\0';
		p->label = realloc(p->label, (p->count + 1) * sizeof(*p->label));
		p->answer = realloc(p->answer, (p->count + 1) * sizeof(*p->answer));
		if (!p->label || !p->answer)
			die("realloc");
		p->label[p->count] = strdup(line);
		p->answer[p->count] = strdup(tab + 1);
		if (!p->label[p->count] || !p->answer[p->count])
			die("strdup");
		p->count++;
	}
	free(line);
	fclose(fp);
}

static void
plan_free(struct plan *p)
{
	for (size_t i = 0; i < p->count; i++) {
		free(p->label[i]);
		free(p->answer[i]);
	}
	free(p->label);
	free(p->answer);
}

/* The label of a prompt line: no ": " at the end, no " [default]". */
static void
prompt_label(const char *line, size_t len, char *out, size_t size)
{
	size_t n = len >= 2 ? len - 2 : 0;
	const char *bracket;

	if (n >= size)
		n = size - 1;
	memcpy(out, line, n);
	out[n] = '\0';
	if (n > 0 && out[n - 1] == ']' && (bracket = strrchr(out, '[')) != NULL &&
	    bracket > out && bracket[-1] == ' ')
		out[bracket - out - 1] = '\0';
}

static int
label_matches(const char *want, const char *label, const char *line)
{
	size_t n = strlen(want);

	if (want[0] == '~')
		return strstr(line, want + 1) != NULL;
	return strncmp(label, want, n) == 0 && (label[n] == '\0' || strncmp(label + n, " (", 2) == 0);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

static FILE *typed_log;

static void
write_all(int fd, const char *s, size_t n)
{
	if (fd < 0)
		return;
	if (typed_log) {
		fwrite(s, 1, n, typed_log);
		fflush(typed_log);
	}
	while (n > 0) {
		ssize_t w = write(fd, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;		/* it exited: its status tells */
		s += w;
		n -= (size_t) w;
	}
}

int
main(int argc, char **argv)
{
	struct plan plan;
	int in[2], out[2], status = 0, stuck_n = 0, timed_out = 0;
	char *buf = NULL, label[512], last_unplanned[512] = "", stuck[512] = "";
	size_t len = 0, cap = 0, line_start = 0, handled = 0;
	double deadline;
	FILE *transcript;
	pid_t pid;

	if (argc < 5) {
		fprintf(stderr, "usage: converse PLAN TRANSCRIPT SECONDS CMD [ARGS...]\n");
		return 99;
	}
	plan_read(&plan, argv[1]);
	if (!(transcript = fopen(argv[2], "w")))
		die(argv[2]);
	if (getenv("CONVERSE_TYPED") && !(typed_log = fopen(getenv("CONVERSE_TYPED"), "w")))
		die(getenv("CONVERSE_TYPED"));
	deadline = now() + atof(argv[3]);
	signal(SIGPIPE, SIG_IGN);
	if (pipe(in) < 0 || pipe(out) < 0)
		die("pipe");
	if ((pid = fork()) < 0)
		die("fork");
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		execvp(argv[4], argv + 4);
		perror(argv[4]);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);

	for (;;) {
		struct pollfd pfd = { out[0], POLLIN, 0 };
		double left = deadline - now();
		char chunk[4096];
		ssize_t n;
		int r;

		if (left <= 0) {
			timed_out = 1;
			break;
		}
		r = poll(&pfd, 1, (int) (left * 1000) + 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			continue;
		n = read(out[0], chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		fwrite(chunk, 1, (size_t) n, transcript);
		fflush(transcript);
		if (len + (size_t) n + 1 > cap) {
			cap = (len + (size_t) n + 1) * 2;
			if (!(buf = realloc(buf, cap)))
				die("realloc");
		}
		memcpy(buf + len, chunk, (size_t) n);
		len += (size_t) n;
		buf[len] = '\0';
		for (size_t i = handled > line_start ? handled : line_start; i < len; i++)
			if (buf[i] == '\n')
				line_start = i + 1;
		/* A prompt: the unfinished line ends with ": ", and it is new. */
		if (len > handled && len - line_start >= 2 && buf[len - 2] == ':' && buf[len - 1] == ' ') {
			const char *line = buf + line_start;
			const char *answer = "";

			handled = len;
			prompt_label(line, len - line_start, label, sizeof(label));
			if (plan.next < plan.count && strcmp(plan.label[plan.next], "EOF") == 0) {
				/* The person stops answering: the input ends here. */
				plan.next++;
				close(in[1]);
				in[1] = -1;
				continue;
			}
			if (plan.next < plan.count && strcmp(plan.label[plan.next], "INT") == 0) {
				plan.next++;
				kill(pid, SIGINT);
				continue;
			}
			if (plan.next < plan.count && label_matches(plan.label[plan.next], label, line)) {
				answer = plan.answer[plan.next++];
				stuck_n = 0;
			} else if (strcmp(label, last_unplanned) == 0) {
				if (++stuck_n >= 10) {
					snprintf(stuck, sizeof(stuck), "%s", label);
					break;
				}
			} else {
				snprintf(last_unplanned, sizeof(last_unplanned), "%s", label);
				stuck_n = 1;
			}
			write_all(in[1], answer, strlen(answer));
			write_all(in[1], "\n", 1);
		}
	}
	if (timed_out || stuck[0])
		kill(pid, SIGKILL);
	if (in[1] >= 0)
		close(in[1]);
	close(out[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	fclose(transcript);
	if (typed_log)
		fclose(typed_log);
	printf("rc=%d left=%zu", WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status),
	       plan.count - plan.next);
	if (stuck[0])
		printf(" stuck=\"%s\"", stuck);
	if (timed_out)
		printf(" timeout");
	printf("\n");
	if (plan.next < plan.count)
		printf("next=\"%s\" answer=\"%s\"\n", plan.label[plan.next], plan.answer[plan.next]);
	/*
	 * Out before anything that could end the process early: under ASan a
	 * leak report exits without flushing stdio, and this line is the result.
	 */
	fflush(stdout);
	plan_free(&plan);
	free(buf);
	return 0;
}
