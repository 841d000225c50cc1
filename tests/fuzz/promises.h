#ifndef ROTWIZ_TESTS_FUZZ_PROMISES_H
#define ROTWIZ_TESTS_FUZZ_PROMISES_H

/*
 * The promises every parser's problem list keeps, for the fuzz targets of
 * the user's files (fuzz-body.c, fuzz-rows.c): a broken one aborts, which
 * libFuzzer and the TAP driver both report.  Static functions only, like
 * tests/tap.h: each fuzz program includes it once, after defining
 * FUZZ_NAME ("fuzz-body") for the messages.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/validate.h"

#ifndef FUZZ_NAME
#error "define FUZZ_NAME before including tests/fuzz/promises.h"
#endif

static void
require(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, FUZZ_NAME ": broken promise: %s\n", what);
		abort();
	}
}

/*
 * Strict UTF-8 with no C0, DEL or C1 control character (C1 U+009B is a
 * terminal's CSI): what a message may hold.  1 when clean.
 */
static int
printable_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *) s;
	unsigned long cp, min;
	int more;

	while (*p) {
		if (*p < 0x20 || *p == 0x7F)
			return 0;
		if (*p < 0x80) {
			p++;
			continue;
		}
		if (*p >= 0xC2 && *p <= 0xDF)
			more = 1, cp = *p & 0x1F, min = 0x80;
		else if (*p >= 0xE0 && *p <= 0xEF)
			more = 2, cp = *p & 0x0F, min = 0x800;
		else if (*p >= 0xF0 && *p <= 0xF4)
			more = 3, cp = *p & 0x07, min = 0x10000;
		else
			return 0;
		for (p++; more > 0; more--, p++) {
			if ((*p & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (*p & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ||
		    (cp >= 0x80 && cp <= 0x9F))
			return 0;
	}
	return 1;
}

/*
 * Every problem names a field in range; its message is terminated, not
 * empty, clean UTF-8 (it goes to a terminal, and the file chose what it
 * quotes).  Returns how many there are.
 */
static int
check_problems(const struct rw_problems *pr)
{
	int i;

	require(pr->count >= 0 && (size_t) pr->count <= sizeof(pr->item) / sizeof(pr->item[0]),
		"problem count out of range");
	for (i = 0; i < pr->count; i++) {
		require(pr->item[i].field >= RW_FIELD_NONE && pr->item[i].field < RW_FIELD_COUNT,
			"problem names a field out of range");
		require(memchr(pr->item[i].message, '\0', RW_MESSAGE_MAX) != NULL,
			"problem message not terminated");
		require(pr->item[i].message[0] != '\0', "empty problem message");
		if (!printable_utf8(pr->item[i].message))
			fprintf(stderr, FUZZ_NAME ": the message: %s\n", pr->item[i].message);
		require(printable_utf8(pr->item[i].message),
			"problem message is not clean UTF-8 (control character or stray byte)");
	}
	return pr->count;
}

#endif
