#include "config.h"

/*
 * first-frame MARKER KEYS COMMAND [ARG...]: runs COMMAND on a pseudo
 * terminal of 100x30 and prints, one per line,
 *   frame_ms N      from exec to the first time MARKER (the last thing a
 *                   complete first frame draws) appears in its output
 *   frame_rss_kib N the most memory it had held when the marker was seen
 *                   (VmHWM, read then: it may have gone on a little since)
 *   peak_rss_kib N  the most memory it held over the whole run (wait4)
 *   exit N          its exit status
 * After the marker it types KEYS (C escapes: \e, \r, \x03) to make the
 * program quit.  The same harness measures rotwiz and `dialog --form`, so
 * the numbers can stand side by side.  Gives up after 10 seconds.
 * With FIRST_FRAME_LOG=FILE set, every byte the program wrote, before the
 * marker and after, goes to FILE in order (tests/screen/lazy-load.sh reads
 * LD_DEBUG's lines there, to see what was loaded before the first frame).
 */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define LIMIT_MS 10000

static FILE *log_file;	/* FIRST_FRAME_LOG, or NULL */

static void
log_bytes(const char *p, ssize_t n)
{
	if (log_file && n > 0)
		fwrite(p, 1, (size_t) n, log_file);
}

/* VmHWM of /proc/PID/status in KiB, or -1. */
static long
hwm_kib(pid_t pid)
{
	char path[64], line[256];
	long kib = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%ld/status", (long) pid);
	if (!(f = fopen(path, "r")))
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmHWM: %ld", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

static long long
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* "\e", "\r", "\n", "\t", "\xNN" and plain characters. */
static size_t
unescape(const char *in, char *out, size_t outsz)
{
	size_t n = 0;

	while (*in && n + 1 < outsz) {
		if (in[0] == '\\' && in[1]) {
			in++;
			switch (*in) {
			case 'e': out[n++] = 27; in++; break;
			case 'r': out[n++] = '\r'; in++; break;
			case 'n': out[n++] = '\n'; in++; break;
			case 't': out[n++] = '\t'; in++; break;
			case 'x': out[n++] = (char) strtol(in + 1, (char **) &in, 16); break;
			default: out[n++] = *in++; break;
			}
		} else {
			out[n++] = *in++;
		}
	}
	return n;
}

static int
contains(const char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; n <= len && i <= len - n; i++)
		if (memcmp(hay + i, needle, n) == 0)
			return 1;
	return 0;
}

/* Reads what the program writes, until the marker shows (1) or time runs out (0). */
static int
read_until(int fd, const char *marker, long long deadline, char *seen, size_t seensz, size_t *len)
{
	while (now_us() < deadline) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		ssize_t n;

		if (poll(&pfd, 1, 50) <= 0)
			continue;
		n = read(fd, seen + *len, seensz - 1 - *len);
		if (n <= 0)
			return 0;
		log_bytes(seen + *len, n);
		*len += (size_t) n;
		seen[*len] = '\0';
		if (contains(seen, *len, marker))
			return 1;
		if (*len > seensz / 2) {
			/* Keep the tail: the marker may straddle two reads. */
			memmove(seen, seen + *len - 256, 256);
			*len = 256;
		}
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct winsize ws = { 30, 100, 0, 0 };
	char keys[64], seen[1 << 16], *slave_name;
	size_t nkeys, len = 0;
	long long start, deadline;
	struct rusage ru;
	int master, slave, status = 0, found;
	pid_t pid;

	if (argc < 4) {
		fprintf(stderr, "usage: first-frame MARKER KEYS COMMAND [ARG...]\n");
		return 2;
	}
	nkeys = unescape(argv[2], keys, sizeof(keys));
	if (getenv("FIRST_FRAME_LOG") && !(log_file = fopen(getenv("FIRST_FRAME_LOG"), "w"))) {
		perror("first-frame: FIRST_FRAME_LOG");
		return 2;
	}
	master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0 ||
	    !(slave_name = ptsname(master))) {
		perror("first-frame: pty");
		return 2;
	}
	ioctl(master, TIOCSWINSZ, &ws);
	/* Held open here too: without a slave open, reading the master fails with EIO. */
	slave = open(slave_name, O_RDWR | O_NOCTTY);
	if (slave < 0) {
		perror("first-frame: slave");
		return 2;
	}
	start = now_us();
	pid = fork();
	if (pid < 0) {
		perror("first-frame: fork");
		return 2;
	}
	if (pid == 0) {
		setsid();
		ioctl(slave, TIOCSCTTY, 0);
		dup2(slave, 0);
		dup2(slave, 1);
		dup2(slave, 2);
		close(slave);
		close(master);
		execvp(argv[3], argv + 3);
		_exit(127);
	}
	deadline = start + (long long) LIMIT_MS * 1000;
	found = read_until(master, argv[1], deadline, seen, sizeof(seen), &len);
	if (found) {
		printf("frame_ms %.1f\n", (double) (now_us() - start) / 1000.0);
		printf("frame_rss_kib %ld\n", hwm_kib(pid));
	} else
		printf("frame_ms none (marker \"%s\" not seen)\n", argv[1]);
	if (write(master, keys, nkeys) < 0)
		perror("first-frame: write");
	/* Drain until it exits, so it never blocks on a full pty. */
	for (;;) {
		struct pollfd pfd = { master, POLLIN, 0 };
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid)
			break;
		if (now_us() > deadline + 5000000LL) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			break;
		}
		if (poll(&pfd, 1, 50) > 0) {
			ssize_t n = read(master, seen, sizeof(seen));

			if (n < 0 && errno != EIO)
				break;
			log_bytes(seen, n);
		}
	}
	/*
	 * What it wrote just before exiting may still be in the pty: read it
	 * all, or the log misses its last words ("Quit?" and the answer).
	 */
	for (;;) {
		struct pollfd pfd = { master, POLLIN, 0 };
		ssize_t n;

		if (poll(&pfd, 1, 50) <= 0 || (n = read(master, seen, sizeof(seen))) <= 0)
			break;
		log_bytes(seen, n);
	}
	if (log_file)
		fclose(log_file);
	/* The one child is reaped: its peak is the children's peak. */
	getrusage(RUSAGE_CHILDREN, &ru);
	printf("peak_rss_kib %ld\n", ru.ru_maxrss);
	printf("exit %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	return found ? 0 : 1;
}
