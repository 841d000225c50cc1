#!/bin/sh
# Seeded random walks over the curses wizard (issue 10): the real ./rotwiz
# in tmux against a real rotwiz-sandbox (odd seeds: --latency 300), fed
# keys drawn from the key table (tui/keys.c) and typed text (valid and
# invalid values, pastes), and after every key these invariants:
#
#   keys-read           every key sent was read (ROTWIZ_TUI_ANSWERS counts them)
#   typed-*             typed text lands whole in the field (or list filter) it
#                       was typed into (typed-text, -number, -path, -filter)
#   screen-answers      fields not being edited, and the summary under the rail,
#                       show what the answers hold
#   app-of-connection   an app chosen from a list is one of the connection's
#   shown-other-connection  the app list shows the chosen connection's apps only
#   alive               rotwiz runs until a key that ends it (y to "Quit?", q)
# and at the end of each walk:
#   exit                the exit status is 0 or 130, no sanitizer report, the
#                       token never in the dump
#   terminal            the terminal is given back: alternate screen off, cursor
#                       shown, keypad mode off, `stty -a` in the same pane sane
#
# One TAP line a seed.  A failing seed prints the broken invariant, its keys
# and how to run it alone:
#   SEED=7 make check TESTS=tests/walk/walk.sh      (WALK_KEYS=N: keys a walk)
# An invariant broken by a fault someone is fixing is listed, with the
# fault, in tests/walk/pending: its failing seeds are TAP TODO, not FAIL.
# KEEP=1 keeps the work folder (each seed's keys, screens and dumps).
. "$top_srcdir/tests/lib/tap.sh"

ROTWIZ="$top_builddir/rotwiz"
SANDBOX="$top_builddir/rotwiz-sandbox"
SEEDS=${SEED:-"1 2 3 4 5 6 7 8 9 10"}
WALK_KEYS=${WALK_KEYS:-36}
CHECK="$top_srcdir/tests/walk/check.awk"

T=$(mktemp -d "${TMPDIR:-/tmp}/rotwiz-walk.XXXXXX") || exit 1
SOCK=rotwiz-walk-$$
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
SB_PIDS=
walk_cleanup() {
	tm kill-server >/dev/null 2>&1
	for _p in $SB_PIDS; do kill "$_p" 2>/dev/null && wait "$_p" 2>/dev/null; done
	[ -n "${KEEP:-}" ] || rm -rf "$T"
}
trap walk_cleanup EXIT
# Stopped by a signal (make -k, a time-out): still clean up, the sandboxes too.
trap "exit 1" INT TERM HUP

# ---- two sandboxes: at once, and 300 ms before every answer -------------

sb_start() {	# NAME ARGS...: its URL into $T/url.NAME
	_name=$1
	shift
	"$SANDBOX" --port 0 "$@" >"$T/sb.$_name" 2>&1 &
	SB_PIDS="$SB_PIDS $!"
	_i=0
	while [ $_i -lt 200 ] && ! grep -q listening "$T/sb.$_name" 2>/dev/null; do sleep 0.05; _i=$((_i + 1)); done
	sed -n '1s/^rotwiz-sandbox listening on //p' "$T/sb.$_name" >"$T/url.$_name"
	[ -s "$T/url.$_name" ] || { echo "Bail out! rotwiz-sandbox $* did not start"; exit 1; }
}
sb_start fast
sb_start slow --latency 300

# The seeded world, as the sandbox tells it: projects, and each Azure
# connection's apps (object and client IDs).
world() {
	_url=$(cat "$T/url.fast")
	_auth="Authorization: Bearer sandbox-user-token"
	curl -sS -H "$_auth" "$_url/api/v1/projects?type=secret-manager" | tr '{' '\n' |
		sed -n 's/^"id":"\([^"]*\)","_id":"[^"]*","name":"\([^"]*\)".*/project \1 \2/p'
	for _p in $(curl -sS -H "$_auth" "$_url/api/v1/projects?type=secret-manager" | tr '{' '\n' |
		sed -n 's/^"id":"\([^"]*\)","_id".*/\1/p'); do
		curl -sS -H "$_auth" "$_url/api/v1/app-connections/azure-client-secrets/available?projectId=$_p" |
			tr '{' '\n' | sed -n 's/.*"id":"\([^"]*\)".*/\1/p'
	done | sort -u | while read -r _c; do
		curl -sS -H "$_auth" "$_url/api/v1/app-connections/azure-client-secrets/$_c/clients" |
			tr '{' '\n' |
			sed -n "s/^\"id\":\"\([^\"]*\)\",\"name\":\"\([^\"]*\)\",\"appId\":\"\([^\"]*\)\".*/app $_c \1 \3 \2/p"
	done
}
world >"$T/world"
grep -q '^app ' "$T/world" && grep -q '^project ' "$T/world" ||
	{ echo "Bail out! the sandbox's world could not be read"; cat "$T/world"; exit 1; }

# ---- the keys of a seed --------------------------------------------------

# One line a key: "k NAME" (tmux key name), "h HEX..." (bytes, for keys
# tmux spells differently from xterm-256color), "t N TEXT" typed, "p N TEXT"
# pasted (N: the keys rotwiz reads for it, a paste's two brackets too).
# Most text could be a name; some is not (a space, a slash, non-ASCII, a
# number out of range).  A Park-Miller generator in awk: the same keys on
# every awk.
walk_keys() {	# SEED COUNT
	awk -v seed="$1" -v count="$2" '
	function next_rand() { x = (x * 48271) % 2147483647; return x }
	function pick(n) { return next_rand() % n }
	# Characters, not bytes: a UTF-8 continuation byte starts none.
	function typed(kind, s, extra,    n, i, c) {
		n = extra
		for (i = 1; i <= length(s); i++) {
			c = substr(s, i, 1)
			if (c < "\200" || c >= "\300")
				n++
		}
		return kind " " n " " s
	}
	BEGIN {
		x = seed * 7919 + 1
		# The key table: weight, then the line.
		# Forward keys weigh most, so that walks get past the first steps.
		n = split("30 k Enter|5 k Tab|2 k BTab|7 k Down|3 k Up|2 k Left|2 k Right|" \
			"1 h 1b 4f 48|1 h 1b 4f 46|1 k C-a|2 k NPage|1 k PPage|3 k Space|4 k BSpace|" \
			"1 k DC|5 k C-u|2 k C-e|1 k C-r|1 k C-l|2 k Escape|1 k F1|1 k C-c|" \
			"1 k 1|1 k 2|1 k 3|1 k 4|1 k 5|1 k 6|1 k y|1 k n|1 k q|1 k r|" \
			"8 text|2 odd|2 paste", row, "|")
		total = 0
		for (i = 1; i <= n; i++) { split(row[i], f, " "); w[i] = f[1]; total += f[1] }
		nt = split("pay-api|scen-" seed "|x|7|24|06|45|0|api|prod|fab|bil|worker|-2", text, "|")
		no = split("910|1.5|a b!|-x-|AZURE_X|MY_SECRET|Reporting|\303\251t\303\251|\346\274\242\345\255\227|/api|/workers|" \
			"/nope|/api/bil|99999", odd, "|")
		np = split("607e495a-aa5b-4896-9125-08d1a22c504c|5d89cd7b-ef46-45b4-b994-a80664853bde|" \
			"payments-worker|/api/billing|Fabrikam Sync", paste, "|")
		# A name first, so that Enter can take the walk past step 1.
		print typed("t", "walk-" seed, 0)
		for (k = 1; k < count; k++) {
			r = pick(total)
			for (i = 1; i <= n; i++) { if (r < w[i]) break; r -= w[i] }
			line = row[i]; sub(/^[0-9]+ /, "", line)
			if (line == "text") line = typed("t", text[pick(nt) + 1], 0)
			else if (line == "odd") line = typed("t", odd[pick(no) + 1], 0)
			else if (line == "paste") line = typed("p", paste[pick(np) + 1], 2)
			print line
		}
	}'
}

# send_key LINE: types it; KEY_N is how many keys rotwiz reads for it,
# KEY_TEXT the text of a typed or pasted line.
send_key() {
	KEY_N=1 KEY_TEXT=
	case $1 in
	[tp]' '*) KEY_TEXT=${1#? }; KEY_N=${KEY_TEXT%% *}; KEY_TEXT=${KEY_TEXT#* } ;;
	esac
	case $1 in
	'k '*) tm send-keys -t w "${1#k }" ;;
	'h '*) # shellcheck disable=SC2086 # one byte a word
		tm send-keys -t w -H ${1#h } ;;
	't '*) tm send-keys -t w -l -- "$KEY_TEXT" ;;
	'p '*) tm set-buffer -- "$KEY_TEXT"; tm paste-buffer -p -t w ;;
	esac
}

# ---- one walk ------------------------------------------------------------

screen() { tm capture-pane -p -t w 2>/dev/null; }

# frames FILE: the dump's frame count and step (its second and third
# lines) into _fr and _st, by the shell's own read.
frames() { { read -r _l; read -r _l _fr; read -r _l _st; } <"$1"; }
# snapshot DUMP: a dump and a screen ($W/s1) that hold together: the same
# frame before and after, the screen the same twice (a spinner or a list
# may be arriving).
snapshot() {
	_i=0
	while [ $_i -lt 20 ]; do
		cp "$W/answers" "$1" 2>/dev/null
		screen >"$W/s1"
		screen >"$W/s2"
		frames "$1"; _f1=$_fr
		case " $STEPS_SEEN " in *" $_st "*) ;; *) STEPS_SEEN="$STEPS_SEEN $_st" ;; esac
		frames "$W/answers"
		[ "$_f1" = "$_fr" ] && cmp -s "$W/s1" "$W/s2" && return 0
		_i=$((_i + 1))
	done
	return 0
}

walk_fail() {	# INVARIANT MESSAGE
	[ -n "$BROKEN" ] && return 0
	BROKEN=$1 WHY=$2
	screen >"$W/screen.failed"
}

walk() {	# SEED
	W=$T/seed.$1
	mkdir -p "$W/home" "$W/state"
	_sb=fast
	[ $(($1 % 2)) -eq 1 ] && _sb=slow
	walk_keys "$1" "$WALK_KEYS" >"$W/keys"
	cat >"$W/run.sh" <<EOF
exec 2>"$W/stderr"
env -i PATH="$PATH" HOME="$W/home" XDG_STATE_HOME="$W/state" TERM=xterm-256color \\
	LC_ALL=C.UTF-8 TZ=UTC ESCDELAY=25 INFISICAL_DOMAIN="$(cat "$T/url.$_sb")" \\
	INFISICAL_TOKEN=sandbox-user-token ROTWIZ_TUI_ANSWERS="$W/answers" \\
	ASAN_OPTIONS="detect_leaks=1:log_path=$W/asan" \\
	UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$W/ubsan" "$ROTWIZ"
echo \$? >"$W/exit.tmp"
stty -a >"$W/stty" 2>&1
mv "$W/exit.tmp" "$W/exit"
exec sleep 600
EOF
	# Each walk its own tmux server: a dying one cannot take the new session with it.
	tm kill-server >/dev/null 2>&1
	SOCK=rotwiz-walk-$$-$1
	BROKEN= WHY= sent=0 done_keys=0 ended= STEPS_SEEN=
	tm new-session -d -s w -x 100 -y 30 "sh $W/run.sh" || walk_fail alive "tmux did not start"
	_i=0
	while [ $_i -lt 200 ] && [ ! -s "$W/answers" ]; do sleep 0.05; _i=$((_i + 1)); done
	[ -s "$W/answers" ] || walk_fail alive "no first frame in 10 s"
	_now=0
	[ -z "$BROKEN" ] && snapshot "$W/dump.0"
	[ -z "$BROKEN" ] && while [ -z "$ended" ] && IFS= read -r key; do
		done_keys=$((done_keys + 1))
		send_key "$key"
		sent=$((sent + KEY_N))
		# Until the dump's first line ("keys N") says all were read: the
		# shell's own read, no process a poll.
		_i=0
		while [ $_i -lt 200 ] && [ ! -f "$W/exit" ]; do
			_dk=0
			read -r _w _dk <"$W/answers"
			[ "${_dk:-0}" -ge "$sent" ] && break
			sleep 0.02
			_i=$((_i + 1))
		done
		if [ -f "$W/exit" ]; then
			# Only "y" to Quit?, and q or ^C on the result, end the run (a
			# "y" or "q" in typed text too: "pay-api" answers Quit? with yes).
			_bstep=$(sed -n 's/^step //p' "$W/dump.$_now") _bmodal=$(sed -n 's/^modal //p' "$W/dump.$_now")
			case "$_bmodal $_bstep $key" in
			"1 "*" k y" | "1 "*" k Y" | "1 "*" t "*[yY]* | "0 8 k q" | "0 8 k C-c" | "0 8 t "*q*)
				ended=1; break ;;
			esac
			walk_fail alive "rotwiz exited ($(cat "$W/exit")) after key $done_keys ($key)"
			break
		fi
		# The dumps take turns: this key's "after" is the next key's "before".
		_before=$W/dump.$_now _now=$((1 - _now))
		snapshot "$W/dump.$_now"
		read -r _w _got <"$W/dump.$_now"
		if [ "$_got" != "$sent" ]; then
			walk_fail keys-read "after key $done_keys ($key) rotwiz has read $_got keys of $sent"
			break
		fi
		_bad=$(awk -f "$CHECK" -v kind="${key%% *}" -v chunk="$KEY_TEXT" \
			"$T/world" "$_before" "$W/dump.$_now" "$W/s1")
		if [ -n "$_bad" ]; then
			walk_fail "${_bad%%:*}" "after key $done_keys ($key): ${_bad#*: }"
			break
		fi
	done <"$W/keys"
	walk_end "$1"
}

# The end: ^C and y (q on the result), then what the terminal was left in.
walk_end() {
	_i=0
	while [ $_i -lt 20 ] && [ ! -f "$W/exit" ]; do
		if screen | grep -q 'Quit?'; then
			tm send-keys -t w y
		else
			tm send-keys -t w C-c
		fi
		_j=0
		while [ $_j -lt 10 ] && [ ! -f "$W/exit" ]; do sleep 0.05; _j=$((_j + 1)); done
		_i=$((_i + 1))
	done
	if [ ! -f "$W/exit" ]; then
		walk_fail alive "rotwiz did not exit on ^C y"
		return
	fi
	# The test hook writes answers only: never the token it signed in with.
	grep -l sandbox-user-token "$W"/dump.* "$W/answers" >/dev/null 2>&1 &&
		walk_fail exit "the ROTWIZ_TUI_ANSWERS dump holds the token"
	_rc=$(cat "$W/exit")
	case $_rc in 0 | 130) ;; *) walk_fail exit "exit status $_rc" ;; esac
	if ls "$W"/asan* "$W"/ubsan* >/dev/null 2>&1; then
		walk_fail exit "a sanitizer report: $(cat "$W"/asan* "$W"/ubsan* | head -5)"
	fi
	_flags=$(tm display -p -t w '#{alternate_on} #{cursor_flag} #{keypad_flag}')
	[ "$_flags" = "0 1 0" ] ||
		walk_fail terminal "after exit: alternate screen, cursor shown, keypad mode = $_flags (want 0 1 0)"
	for _mode in icanon echo icrnl opost isig; do
		grep -Eq "(^| )$_mode( |$)" "$W/stty" && ! grep -Eq -- "(^| )-$_mode( |$)" "$W/stty" ||
			walk_fail terminal "stty after exit lacks $_mode: $(tr '\n' ' ' <"$W/stty")"
	done
}

pending_reason() {	# INVARIANT
	sed -n "s/^$1[	 ][	 ]*//p" "$top_srcdir/tests/walk/pending" 2>/dev/null | head -1
}

for seed in $SEEDS; do
	walk "$seed"
	_where="$done_keys keys, steps$STEPS_SEEN"
	if [ -z "$BROKEN" ]; then
		ok 0 "seed $seed ($_where)"
		continue
	fi
	_reason=$(pending_reason "$BROKEN")
	tap_n=$((tap_n + 1))
	if [ -n "$_reason" ]; then
		echo "not ok $tap_n - seed $seed: $BROKEN # TODO $_reason"
	else
		echo "not ok $tap_n - seed $seed: $BROKEN"
	fi
	diag "$BROKEN $WHY"
	diag "keys: $(head -n "$done_keys" "$W/keys" | sed 's/^[kh] //; s/^t [0-9]* \(.*\)/"\1"/; s/^p [0-9]* \(.*\)/paste "\1"/' | tr '\n' ' ')"
	diag "again: SEED=$seed WALK_KEYS=$WALK_KEYS make check TESTS=tests/walk/walk.sh"
	[ -f "$W/screen.failed" ] && indent_screen=$(sed 's/^/#   /' "$W/screen.failed") && echo "$indent_screen"
done
done_testing
