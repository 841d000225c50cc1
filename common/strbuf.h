#ifndef ROTWIZ_COMMON_STRBUF_H
#define ROTWIZ_COMMON_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * A growable, always NUL-terminated string with an optional size cap.
 * A buffer that hit its cap or failed to grow is marked `failed` and
 * ignores further appends, so callers check once at the end.
 */
struct strbuf {
	char *data;
	size_t len;
	size_t cap;
	size_t limit;	/* 0 = no limit; else the most bytes it will hold */
	int failed;
};

#define STRBUF_INIT { NULL, 0, 0, 0, 0 }

void strbuf_init(struct strbuf *sb, size_t limit);
int strbuf_append(struct strbuf *sb, const char *data, size_t len);
/*
 * Makes room for len more bytes at once (a reply whose Content-Length is
 * known), so that a large body is one block and not a run of doubling
 * copies.  Fails, without marking the buffer failed, past the limit.
 */
int strbuf_reserve(struct strbuf *sb, size_t len);
int strbuf_puts(struct strbuf *sb, const char *s);
int strbuf_printf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap);
/* The text so far, "" for an empty buffer; owned by the buffer. */
const char *strbuf_str(const struct strbuf *sb);
/* A new string made like sprintf (caller frees); NULL when out of memory. */
char *strbuf_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Hands the text to the caller (NULL when failed) and empties the buffer. */
char *strbuf_detach(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
/* Frees; wipes the bytes first, since buffers may have held secrets. */
void strbuf_free(struct strbuf *sb);

#endif
