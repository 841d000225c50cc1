#ifndef ROTWIZ_COMMON_TERM_H
#define ROTWIZ_COMMON_TERM_H

/*
 * The one terminal rule (doc/contract.md s.2.2, decision 16).  Every byte
 * from outside rotwiz (server replies, files, the environment, flags, what
 * the user typed) passes here before it reaches a terminal, in every mode.
 * What a terminal would obey rather than show is written visibly escaped,
 * never raw and never dropped:
 *
 *   C0 controls and DEL        \x1b  \x07  \x7f   (a newline stays with RW_TERM_LINES)
 *   C1 controls U+0080-U+009F  \u009b
 *   bidi and direction marks   \u202e  (U+200E, U+200F, U+061C, U+202A-U+202E, U+2066-U+2069)
 *   bytes that are not UTF-8   \xff
 *
 * Everything else, backslashes included, is copied as is: text that went
 * through once comes out the same the second time.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

struct strbuf;

enum rw_term_flags {
	RW_TERM_LINES = 1,	/* multi-line output: '\n' is kept */
	/*
	 * The text is JSON (cJSON's output): tabs and newlines between tokens
	 * are kept and every escape is a JSON one (\u001b, \u202e, \ufffd for
	 * a stray byte), so the output stays valid JSON with the same values.
	 */
	RW_TERM_JSON = 2
};

/*
 * One UTF-8 character at s, n bytes left (strict: no overlong forms, no
 * surrogates, nothing past U+10FFFF).  Returns its bytes with the code
 * point in *cp, or 0 when s does not start with a valid sequence.
 */
size_t rw_utf8_decode(const unsigned char *s, size_t n, unsigned long *cp);

/* Nonzero when the rule escapes code point cp. */
int rw_term_escapes(unsigned long cp);

/*
 * The offset of the first character in s[0..n) the rule escapes, or n when
 * there is none ('\n' counts unless flags has RW_TERM_LINES).
 */
size_t rw_term_find(const char *s, size_t n, unsigned flags);

/* Appends s[0..n) escaped to sb.  0, or -1 when the buffer failed. */
int rw_term_append(struct strbuf *sb, const char *s, size_t n, unsigned flags);

/* A new escaped copy of s (NULL is ""); the caller frees.  NULL only when out of memory. */
char *rw_term_dup(const char *s, unsigned flags);

/*
 * The escaped copy into out (outsz bytes, always terminated), cut before
 * a character or an escape that would not fit.  Returns the bytes of s used.
 */
size_t rw_term_copy(char *out, size_t outsz, const char *s, unsigned flags);

/* Writes s escaped to f.  0, or EOF when it could not be written. */
int rw_term_puts(const char *s, FILE *f, unsigned flags);

/*
 * printf to f with the whole result escaped (newlines kept): the one way
 * rotwiz prints a message or a line of output that holds outside text.
 * Returns what fputs returns.
 */
int rw_term_printf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int rw_term_vprintf(FILE *f, const char *fmt, va_list ap);

#endif
