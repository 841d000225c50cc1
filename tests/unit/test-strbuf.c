#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "tests/tap.h"

static void
test_empty(void)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;

	is_str(strbuf_str(&sb), "", "empty_buffer_reads_as_empty_string");
	s = strbuf_detach(&sb);
	is_str(s, "", "detaching_an_empty_buffer_gives_an_empty_string");
	free(s);
	strbuf_free(&sb);
	strbuf_free(&sb);
	ok(sb.data == NULL && sb.len == 0, "freeing_twice_is_harmless");
}

static void
test_append(void)
{
	struct strbuf sb = STRBUF_INIT;
	char *big;
	int i;

	strbuf_puts(&sb, "ab");
	strbuf_append(&sb, "cdef", 2);
	strbuf_append(&sb, NULL, 0);
	is_str(strbuf_str(&sb), "abcd", "appends_join_in_order");
	ok(sb.len == 4, "length_counts_appended_bytes");
	strbuf_append(&sb, "x\0y", 3);
	ok(sb.len == 7 && memcmp(sb.data, "abcdx\0y", 8) == 0, "embedded_nul_is_kept_and_terminated");
	strbuf_reset(&sb);
	is_str(strbuf_str(&sb), "", "reset_empties_the_buffer");

	big = malloc(100001);
	memset(big, 'z', 100000);
	big[100000] = '\0';
	for (i = 0; i < 10; i++)
		strbuf_puts(&sb, big);
	ok(sb.len == 1000000 && sb.data[999999] == 'z' && sb.data[1000000] == '\0' && !sb.failed,
	   "buffer_grows_to_a_megabyte");
	free(big);
	strbuf_free(&sb);
}

static void
test_printf(void)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;

	strbuf_printf(&sb, "%s=%d", "hours", 23);
	strbuf_printf(&sb, ",%05.1f", 7.5);
	is_str(strbuf_str(&sb), "hours=23,007.5", "printf_appends_formatted_text");
	s = strbuf_detach(&sb);
	is_str(s, "hours=23,007.5", "detach_hands_over_the_text");
	ok(sb.data == NULL && sb.len == 0, "detach_leaves_the_buffer_empty");
	free(s);

	s = strbuf_format("%s:%02d", "at", 5);
	is_str(s, "at:05", "format_gives_a_new_formatted_string");
	free(s);
}

static void
test_limit(void)
{
	struct strbuf sb;

	strbuf_init(&sb, 8);
	ok(strbuf_puts(&sb, "12345678") == 0 && !sb.failed, "text_exactly_at_the_limit_fits");
	ok(strbuf_puts(&sb, "9") < 0 && sb.failed, "one_byte_over_the_limit_fails");
	ok(strbuf_puts(&sb, "") < 0, "failed_buffer_refuses_further_appends");
	ok(strbuf_detach(&sb) == NULL, "failed_buffer_detaches_as_null");
	ok(sb.data == NULL && !sb.failed, "detach_of_failed_buffer_frees_and_clears");

	strbuf_init(&sb, 4);
	ok(strbuf_printf(&sb, "%d", 12345) < 0 && sb.failed, "printf_over_the_limit_fails");
	strbuf_reset(&sb);
	ok(!sb.failed && strbuf_puts(&sb, "1234") == 0, "reset_clears_the_failure");
	ok(strbuf_append(&sb, "x", (size_t) -1) < 0, "absurd_length_fails_without_overflow");
	strbuf_free(&sb);
}

int
main(void)
{
	test_empty();
	test_append();
	test_printf();
	test_limit();
	return done_testing();
}
