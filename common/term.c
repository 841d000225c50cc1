#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "common/term.h"

size_t
rw_utf8_decode(const unsigned char *s, size_t n, unsigned long *cp)
{
	unsigned char lo = 0x80, hi = 0xBF;
	unsigned long v;
	size_t len, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		v = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		v = s[0] & 0x0F;
		if (s[0] == 0xE0)
			lo = 0xA0;
		else if (s[0] == 0xED)
			hi = 0x9F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		v = s[0] & 0x07;
		if (s[0] == 0xF0)
			lo = 0x90;
		else if (s[0] == 0xF4)
			hi = 0x8F;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if (s[i] < (i == 1 ? lo : 0x80) || s[i] > (i == 1 ? hi : 0xBF))
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	*cp = v;
	return len;
}

int
rw_term_escapes(unsigned long cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
	       cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/*
 * The next piece of s: *used bytes of it, and in esc the escape to write
 * instead (esc[0] == '\0' when the bytes are copied as they are).
 */
static void
next_piece(const unsigned char *s, size_t n, unsigned flags, size_t *used, char esc[8])
{
	unsigned long cp;
	size_t len = rw_utf8_decode(s, n, &cp);

	esc[0] = '\0';
	*used = len ? len : 1;
	if (!len) {
		snprintf(esc, 8, (flags & RW_TERM_JSON) ? "\\ufffd" : "\\x%02x", s[0]);
		return;
	}
	if (!rw_term_escapes(cp))
		return;
	if (cp == '\n' && (flags & (RW_TERM_LINES | RW_TERM_JSON)))
		return;
	if (cp == '\t' && (flags & RW_TERM_JSON))
		return;
	if (cp < 0x80 && !(flags & RW_TERM_JSON))
		snprintf(esc, 8, "\\x%02lx", cp);
	else
		snprintf(esc, 8, "\\u%04lx", cp);
}

size_t
rw_term_find(const char *s, size_t n, unsigned flags)
{
	size_t i = 0, used;
	char esc[8];

	while (i < n) {
		next_piece((const unsigned char *) s + i, n - i, flags, &used, esc);
		if (esc[0])
			return i;
		i += used;
	}
	return n;
}

int
rw_term_append(struct strbuf *sb, const char *s, size_t n, unsigned flags)
{
	size_t i = 0, clean, used;
	char esc[8];

	while (i < n) {
		/* Long runs of plain text go in one append. */
		clean = rw_term_find(s + i, n - i, flags);
		strbuf_append(sb, s + i, clean);
		i += clean;
		if (i >= n)
			break;
		next_piece((const unsigned char *) s + i, n - i, flags, &used, esc);
		strbuf_puts(sb, esc);
		i += used;
	}
	return sb->failed ? -1 : 0;
}

char *
rw_term_dup(const char *s, unsigned flags)
{
	struct strbuf sb = STRBUF_INIT;

	if (!s)
		s = "";
	rw_term_append(&sb, s, strlen(s), flags);
	return strbuf_detach(&sb);
}

size_t
rw_term_copy(char *out, size_t outsz, const char *s, unsigned flags)
{
	size_t n, i = 0, o = 0, used, len;
	char esc[8];

	if (!out || !outsz)
		return 0;
	n = s ? strlen(s) : 0;
	while (i < n) {
		next_piece((const unsigned char *) s + i, n - i, flags, &used, esc);
		len = esc[0] ? strlen(esc) : used;
		if (o + len + 1 > outsz)
			break;
		memcpy(out + o, esc[0] ? esc : s + i, len);
		o += len;
		i += used;
	}
	out[o] = '\0';
	return i;
}

int
rw_term_puts(const char *s, FILE *f, unsigned flags)
{
	char *clean = rw_term_dup(s, flags);
	int rc;

	if (!clean)
		return EOF;
	rc = fputs(clean, f);
	free(clean);
	return rc;
}

int
rw_term_vprintf(FILE *f, const char *fmt, va_list ap)
{
	struct strbuf raw = STRBUF_INIT;
	int rc;

	strbuf_vprintf(&raw, fmt, ap);
	if (raw.failed) {
		strbuf_free(&raw);
		return EOF;
	}
	rc = rw_term_puts(strbuf_str(&raw), f, RW_TERM_LINES);
	strbuf_free(&raw);
	return rc;
}

int
rw_term_printf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = rw_term_vprintf(f, fmt, ap);
	va_end(ap);
	return rc;
}
