#!/bin/sh
# The layers the build enforces (doc/architecture.md): libcommon, libforms,
# libnetjson, libnet and libcore need nothing from a front-end -- no symbol
# that tui/, plain/ or app/ define, none of curses, form or readline -- and
# no source below the front-ends includes one of their headers; tui/ and
# plain/ never include app/.  Read from the built archives with nm, so a
# call that creeps in fails here even if nothing links it yet.  readline is
# not linked but dlopen()ed by plain/libreadline.c: its symbols are read
# from the library the loader would find, and only plain/ may load it.
. "$top_srcdir/tests/lib/tap.sh"

B=$top_builddir
S=$top_srcdir
T=$(mktemp -d "${TMPDIR:-/tmp}/rotwiz-layers.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT

defined() { nm --defined-only "$@" 2>/dev/null | awk 'NF == 3 && $2 ~ /[TDBRC]/ { print $3 }'; }
undefined() { nm -u "$@" 2>/dev/null | awk 'NF == 2 && $1 == "U" { print $2 }' | sort -u; }

# What a front-end or a terminal library defines.
defined "$B/libtui.a" "$B/libplain.a" "$B/libapp.a" >"$T/front"
for lib in $(ldd "$B/rotwiz" | awk '/ncurses|form|readline|tinfo/ { print $3 }'); do
	nm -D --defined-only "$lib" 2>/dev/null | awk 'NF == 3 { print $3 }' | sed 's/@.*//' >>"$T/front"
done
rl_so=$(sed -n 's/^#define RW_LIBREADLINE_SONAME "\(.*\)"$/\1/p' "$S/plain/libreadline.h")
rl_path=$(PATH="$PATH:/sbin:/usr/sbin" ldconfig -p 2>/dev/null | awk -v so="$rl_so" '$1 == so { print $NF; exit }')
[ -n "$rl_path" ] && nm -D --defined-only "$rl_path" 2>/dev/null | awk 'NF == 3 { print $3 }' | sed 's/@.*//' >>"$T/front"
sort -u "$T/front" -o "$T/front"
check front_end_symbols_were_read test -s "$T/front"
check curses_symbols_were_read grep -qx 'initscr' "$T/front"
check readline_symbols_were_read grep -qx 'rl_callback_read_char' "$T/front"
check rotwiz_does_not_link_readline sh -c "! ldd '$B/rotwiz' | grep -q readline"
# Only plain/ loads readline: no other archive or rotwiz's own objects call the shim,
# and libplain.a itself calls no readline symbol directly (everything goes by dlsym).
undefined "$B/libtui.a" "$B/libapp.a" "$B"/app/rotwiz-*.o >"$T/outside"
check only_plain_loads_readline sh -c "! grep -q '^rw_libreadline_' '$T/outside'"
undefined "$B/libplain.a" | grep -E '^(rl_|readline$|add_history$|using_history$|clear_history$)' >"$T/direct"
check plain_calls_readline_only_through_dlsym test ! -s "$T/direct"
[ -s "$T/direct" ] && diag "libplain.a references: $(tr '\n' ' ' <"$T/direct")"

for lib in libcommon.a libforms.a libnetjson.a libnet.a libcore.a; do
	name=$(basename "$lib" .a)
	if [ ! -f "$B/$lib" ]; then
		ok 1 "${name}_is_built"
		continue
	fi
	undefined "$B/$lib" | comm -12 - "$T/front" >"$T/bad"
	if [ -s "$T/bad" ]; then
		ok 1 "${name}_needs_no_front_end_symbol"
		diag "$lib needs: $(tr '\n' ' ' <"$T/bad")"
	else
		ok 0 "${name}_needs_no_front_end_symbol"
	fi
done

# The archive list of the core would miss a file that is not in it: every
# .c of libcore/ is in libcore.a.
for c in "$S"/libcore/*.c; do
	o=$(basename "$c" .c)
	# automake names the member libcore_a-NAME.o, or a-NAME.o when the
	# folder is named like the library: only the -NAME.o end is sure.
	check "core_${o}_is_in_libcore" sh -c "ar t '$B/libcore.a' | grep -q -- '-$o\.o\$'"
done

# Includes: below the front-ends, no front-end or terminal header; the
# front-ends never include app/ (nor each other); JSON stays in net/ and forms/.
# none_include NAME DIR PATTERN: one TAP line, the lines that match shown.
none_include() {
	grep -n -E "#[[:space:]]*include[[:space:]]*$3" "$S"/$2/*.[ch] >"$T/inc" 2>/dev/null
	if [ -s "$T/inc" ]; then
		ok 1 "$1"
		diag "$(cat "$T/inc")"
	else
		ok 0 "$1"
	fi
}
for dir in common forms net libcore; do
	none_include "${dir}_includes_no_front_end_header" "$dir" \
		'[<"](tui/|plain/|app/|curses|ncurses|form\.h|readline/)'
done
for dir in tui plain; do
	none_include "${dir}_does_not_include_app" "$dir" '"app/'
done
for dir in tui app; do
	none_include "${dir}_includes_no_readline" "$dir" '[<"](readline/|plain/libreadline\.h)'
done
# The soname is said once, in plain/libreadline.h: nothing else dlopen()s readline.
grep -l -F 'libreadline' "$S"/common/*.[ch] "$S"/forms/*.[ch] "$S"/net/*.[ch] "$S"/libcore/*.[ch] \
	"$S"/tui/*.[ch] "$S"/app/*.[ch] >"$T/dl" 2>/dev/null
check no_other_layer_names_libreadline test ! -s "$T/dl"
[ -s "$T/dl" ] && diag "$(cat "$T/dl")"
none_include plain_does_not_include_tui plain '"tui/'
none_include tui_does_not_include_plain tui '"plain/'
for dir in common libcore tui plain app; do
	none_include "${dir}_has_no_json_code" "$dir" '<cjson/cJSON\.h>'
done
done_testing
