#!/bin/sh
# The first frame is drawn before libcurl is loaded (net/libcurl.c,
# doc/architecture.md "Loading"), and the prefetch loads it at once after.
# GNU readline is loaded by plain mode on a terminal only (plain/libreadline.c):
# never for --version or the curses front-end.
# Not timing: the dynamic loader's own log (LD_DEBUG=files, on the same pty
# as the screen, so in the order things happened) says when libcurl came,
# and tests/screen/first-frame keeps every byte in FIRST_FRAME_LOG.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

FF=$top_builddir/tests/screen/first-frame
LOG=$T/log

# on_pty MARKER KEYS COMMAND...: one run on a 100x30 pty, the loader's log on; the output in $LOG.
on_pty() {
	_marker=$1
	_keys=$2
	shift 2
	env -i PATH="$PATH" TERM=xterm-256color LC_ALL=C.UTF-8 HOME="$RUN_HOME" \
		XDG_STATE_HOME="$RUN_STATE" FIRST_FRAME_LOG="$LOG" "$FF" "$_marker" "$_keys" \
		env LD_DEBUG=files "$@" >"$T/one"
}
# at NEEDLE: the byte offset of NEEDLE's first appearance in $LOG, or none.
at() { grep -abo -F -m1 -- "$1" "$LOG" | head -n1 | cut -d: -f1; }
before() { [ -n "$1" ] && [ -n "$2" ] && [ "$1" -lt "$2" ]; }

screen_sandbox
run_begin
mkdir -p "$RUN_HOME" "$RUN_STATE"

# --version: nothing of libcurl at all (and the loader's log is working).
on_pty 'rotwiz 0.' '' "$ROTWIZ" --version
check version_printed grep -q '^exit 0' "$T/one"
check the_loader_log_is_read grep -q 'file=libformw' "$LOG"
check version_loads_no_libcurl sh -c "! grep -q 'libcurl' '$LOG'"
check version_loads_no_readline sh -c "! grep -q 'libreadline' '$LOG'"

# A token given: step 1 first, libcurl after it, before the quit key is even read.
on_pty '^C quit' '\x03y' env INFISICAL_DOMAIN="$SANDBOX_URL" INFISICAL_TOKEN=$USER_TOKEN "$ROTWIZ"
check first_frame_seen grep -q '^frame_ms [0-9]' "$T/one"
frame=$(at '^C quit')
curl=$(at 'file=libcurl.so.4')
check libcurl_is_loaded_by_the_prefetch test -n "$curl"
check libcurl_comes_after_the_first_frame before "$frame" "$curl"
check ncurses_came_before_the_first_frame before "$(at 'file=libncursesw')" "$frame"
# ^C quits at once (nothing typed yet): had the prefetch waited for a key, no libcurl at all.
check the_prefetch_starts_while_step_1_is_up before "$curl" "$(at "$(printf '\033[?1049l')")"
[ -n "$curl" ] && [ -n "$frame" ] || diag "frame at ${frame:-never}, libcurl at ${curl:-never}"
check curses_loads_no_readline sh -c "! grep -q 'libreadline' '$LOG'"

# No token: the sign-in screen needs no network until a token is given.
on_pty '^C quit' '\x03y' env INFISICAL_DOMAIN="$SANDBOX_URL" "$ROTWIZ"
check sign_in_frame_seen grep -q '^frame_ms [0-9]' "$T/one"
check sign_in_screen_loads_no_libcurl sh -c "! grep -q 'file=libcurl' '$LOG'"
check sign_in_screen_loads_no_readline sh -c "! grep -q 'libreadline' '$LOG'"

# Plain mode on a terminal: readline loaded before the first question, and it
# edits: Ctrl-C, then 'y' at its "Quit?" prompt, ends the run with 130.  The
# keys go in one write once the first prompt is up: the Ctrl-C is taken before
# the "y" behind it, which answers the quit question, not the server prompt.
on_pty 'Server [3]: ' '\x03y\r' env INFISICAL_DOMAIN="$SANDBOX_URL" "$ROTWIZ" --plain
check plain_quits_through_readline grep -q '^exit 130' "$T/one"
check plain_asked_quit grep -q 'Quit?' "$LOG"
rl=$(at 'file=libreadline.so.8')
check plain_loads_readline test -n "$rl"
check readline_comes_before_the_first_question before "$rl" "$(at 'one question at')"
check readline_is_dlopened grep -q 'file=libreadline.so.8 .*dynamically loaded by' "$LOG"

# Plain mode with stdin not a terminal: plain stdio, no readline.
printf '' | env -i PATH="$PATH" LC_ALL=C.UTF-8 HOME="$RUN_HOME" XDG_STATE_HOME="$RUN_STATE" \
	INFISICAL_DOMAIN="$SANDBOX_URL" LD_DEBUG=files "$ROTWIZ" --plain >"$T/out" 2>"$T/err"
check piped_plain_ran grep -q 'one question at' "$T/out"
check piped_plain_loads_no_readline sh -c "! grep -q 'libreadline' '$T/err'"
run_checked

# libcurl that cannot be loaded: said, naming the library and the loader's reason.
run_begin
mkdir -p "$RUN_HOME" "$RUN_STATE" "$T/badlib"
printf 'not a shared object\n' >"$T/badlib/libcurl.so.4"
env HOME="$RUN_HOME" XDG_STATE_HOME="$RUN_STATE" LD_LIBRARY_PATH="$T/badlib" \
	INFISICAL_DOMAIN="$SANDBOX_URL" INFISICAL_TOKEN=$USER_TOKEN \
	"$ROTWIZ" list --project "$PAYMENTS" >"$T/out" 2>"$T/err"
rc=$?
run_checked
check unloadable_libcurl_fails test "$rc" -ne 0
check unloadable_libcurl_is_named grep -q 'libcurl.so.4 could not be loaded' "$T/err"
check unloadable_libcurl_gives_the_reason grep -q 'badlib/libcurl.so.4' "$T/err"
[ -s "$T/err" ] && diag "$(head -n3 "$T/err")"

# readline that cannot be loaded: plain mode says so, naming the library and
# the loader's reason, and exits 1 (doc/contract.md section 6) before asking anything.
printf 'not a shared object\n' >"$T/badlib/libreadline.so.8"
on_pty 'rotwiz:' '' env LD_LIBRARY_PATH="$T/badlib" INFISICAL_DOMAIN="$SANDBOX_URL" "$ROTWIZ" --plain
check unloadable_readline_exits_1 grep -q '^exit 1$' "$T/one"
check unloadable_readline_is_named grep -q 'libreadline.so.8 could not be loaded' "$LOG"
check unloadable_readline_gives_the_reason grep -q 'badlib/libreadline.so.8: ' "$LOG"
check unloadable_readline_asks_nothing sh -c "! grep -q 'one question at' '$LOG'"
done_testing
