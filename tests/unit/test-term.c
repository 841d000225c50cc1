/*
 * The one terminal rule (common/term.c): each hostile input comes out
 * visibly escaped, plain text (backslashes and all) as it was.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "common/term.h"
#include "tests/tap.h"

static const struct {
	const char *in, *want, *json, *name;
} cases[] = {
	{ "\x1b[2J", "\\x1b[2J", "\\u001b[2J", "esc_clear_screen" },
	{ "\x1b]0;owned\x07", "\\x1b]0;owned\\x07", "\\u001b]0;owned\\u0007", "osc_title_with_bel" },
	{ "ding\x07", "ding\\x07", "ding\\u0007", "bel" },
	{ "a\xc2\x9b" "31mb", "a\\u009b31mb", "a\\u009b31mb", "c1_csi_u009b" },
	{ "\xc2\x80\xc2\x9f", "\\u0080\\u009f", "\\u0080\\u009f", "c1_range_ends" },
	{ "abc\xe2\x80\xae" "gpj.exe", "abc\\u202egpj.exe", "abc\\u202egpj.exe", "bidi_override_u202e" },
	{ "\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", "\\u200e\\u200f\\u061c", "\\u200e\\u200f\\u061c",
	  "direction_marks" },
	{ "\xe2\x80\xaa\xe2\x81\xa6\xe2\x81\xa9", "\\u202a\\u2066\\u2069", "\\u202a\\u2066\\u2069",
	  "embeddings_and_isolates" },
	{ "x\xff" "y\xc0\xaf", "x\\xffy\\xc0\\xaf", "x\\ufffdy\\ufffd\\ufffd", "invalid_utf8_bytes" },
	{ "\xed\xa0\x80", "\\xed\\xa0\\x80", "\\ufffd\\ufffd\\ufffd", "surrogate_is_invalid" },
	{ "cut\xe2\x82", "cut\\xe2\\x82", "cut\\ufffd\\ufffd", "truncated_sequence" },
	{ "del\x7f", "del\\x7f", "del\\u007f", "del" },
	{ "tab\there\r", "tab\\x09here\\x0d", "tab\there\\u000d", "tab_and_cr" },
	{ "two\nlines", "two\\x0alines", "two\nlines", "newline_without_lines_flag" },
	{ "caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x94\x91 C:\\dir", "caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x94\x91 C:\\dir",
	  "caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x94\x91 C:\\dir", "plain_text_kept" },
	{ "\xe2\x80\x8b\xc2\xa0", "\xe2\x80\x8b\xc2\xa0", "\xe2\x80\x8b\xc2\xa0",
	  "other_invisibles_not_in_the_rule_kept" },
};

int
main(void)
{
	char small[12], *got;
	size_t i, used;
	struct strbuf sb = STRBUF_INIT;
	FILE *f;
	char buf[256];

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		got = rw_term_dup(cases[i].in, 0);
		is_str(got, cases[i].want, cases[i].name);
		free(got);
		got = rw_term_dup(cases[i].in, RW_TERM_JSON);
		if (!is_str(got, cases[i].json, cases[i].name))
			diag("(JSON)");
		/* Escaped text passes a second time unchanged. */
		{
			char *once = rw_term_dup(cases[i].in, 0), *twice = rw_term_dup(once, 0);

			if (!is_str(twice, once, cases[i].name))
				diag("(twice)");
			free(once);
			free(twice);
		}
		free(got);
	}

	got = rw_term_dup("one\ntwo\x1b\n", RW_TERM_LINES);
	is_str(got, "one\ntwo\\x1b\n", "lines_flag_keeps_newlines_only");
	free(got);
	got = rw_term_dup(NULL, 0);
	is_str(got, "", "null_is_empty");
	free(got);

	ok(rw_term_find("abc\x1b", 4, 0) == 3, "find_names_the_offset");
	ok(rw_term_find("abc", 3, 0) == 3, "find_clean_is_n");
	ok(rw_term_find("a\nb", 3, RW_TERM_LINES) == 3, "find_lines_flag");
	ok(rw_term_find("a\xe2\x80\xae", 4, 0) == 1, "find_bidi");

	used = rw_term_copy(small, sizeof(small), "abcdefgh\x1b[2J", 0);
	is_str(small, "abcdefgh", "copy_cuts_before_an_escape_that_does_not_fit");
	ok(used == 8, "copy_returns_bytes_used");
	used = rw_term_copy(small, 4, "ab\xc3\xa9", 0);
	is_str(small, "ab", "copy_cuts_at_a_character");

	ok(rw_term_append(&sb, "x\0y", 3, 0) == 0, "append_nul");
	is_str(strbuf_str(&sb), "x\\x00y", "nul_is_escaped");
	strbuf_free(&sb);

	f = tmpfile();
	rw_term_printf(f, "rotwiz: --project %s: not found\n", "\x1b]0;t\x07");
	rewind(f);
	buf[fread(buf, 1, sizeof(buf) - 1, f)] = '\0';
	fclose(f);
	is_str(buf, "rotwiz: --project \\x1b]0;t\\x07: not found\n", "printf_escapes_arguments");

	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}
