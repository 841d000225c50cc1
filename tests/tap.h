#ifndef ROTWIZ_TESTS_TAP_H
#define ROTWIZ_TESTS_TAP_H

/*
 * A tiny TAP producer for automake's tap-driver.sh.  Tests are named for
 * the behaviour they show: ok(cond, "hours_24_is_refused").
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_count;
static int tap_failed;

__attribute__((format(printf, 2, 3), unused))
static int
ok(int cond, const char *fmt, ...)
{
	va_list ap;

	tap_count++;
	printf("%sok %d - ", cond ? "" : "not ", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (!cond)
		tap_failed++;
	return cond;
}

__attribute__((format(printf, 1, 2), unused))
static void
diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/* is_str(got, want, name): compares strings, NULL-safe, shows both on failure. */
__attribute__((unused))
static int
is_str(const char *got, const char *want, const char *name)
{
	int same = (got == NULL && want == NULL) ||
		   (got && want && strcmp(got, want) == 0);

	if (!ok(same, "%s", name))
		diag("got \"%s\", want \"%s\"", got ? got : "(null)", want ? want : "(null)");
	return same;
}

__attribute__((unused))
static int
done_testing(void)
{
	printf("1..%d\n", tap_count);
	fflush(stdout);
	return tap_failed ? 1 : 0;
}

#endif
