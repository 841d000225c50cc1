#!/bin/sh
# Decided behaviour 13: Review lays the JSON out as --dry-run prints it and
# the curl command one option a line; w writes both to files in the current
# folder (never over a file without asking, saying the paths, and why a
# write failed); y copies the curl command with OSC 52 (checked in tmux,
# whose set-clipboard takes it into a paste buffer).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"
JSON_EQUAL="$top_builddir/tests/cli/json-equal"

screen_sandbox
FLAGS="--name files-one --project $PAYMENTS --environment dev --secret-path /workers \
	--connection $CONTOSO --object-id $PAYMENTS_API_OBJECT --client-id $PAYMENTS_API_CLIENT"
# shellcheck disable=SC2086 # the flags are words
(cd "$T" && INFISICAL_DOMAIN=$SANDBOX_URL "$ROTWIZ" --dry-run $FLAGS >"$T/dry-run.json" \
	&& INFISICAL_DOMAIN=$SANDBOX_URL "$ROTWIZ" --print-curl $FLAGS >"$T/print-curl")
check "dry_run_and_print_curl_run" test -s "$T/print-curl"

# shellcheck disable=SC2086
screen_run INFISICAL_TOKEN=$USER_TOKEN -- $FLAGS
tm set-option -s set-clipboard on
waits "starts" "1/7 Rotation"
keys PgDn PgDn PgDn PgDn PgDn PgDn
waits "review" "7/7 Review"
waits "the_help_line_has_w" "w write files"
waits "and_y" "y copy"
i=0
while [ $i -lt 40 ]; do keys Down; i=$((i + 1)); done
waits "the_json_has_one_space_after_a_colon" '  "name": "files-one",'
lacks "and_never_two" '":  '
waits "the_curl_command_is_one_option_a_line" "  -H 'Content-Type: application/json' \\"
waits "the_url_line_ends_in_a_backslash" "/api/v2/secret-rotations/azure-client-secret' \\"
waits "the_body_goes_last" "  --data-binary '{"

keys w
waits "w_says_the_paths" "Wrote the body to ./rotwiz-files-one.json and the curl command to ./rotwiz-files-one.sh."
check "the_json_file_is_the_dry_run_body" "$JSON_EQUAL" "$RUN_DIR/rotwiz-files-one.json" "$T/dry-run.json"
check "the_script_holds_the_printed_curl_command" sh -c \
	"tail -n \$(wc -l <'$T/print-curl') '$RUN_DIR/rotwiz-files-one.sh' | cmp -s - '$T/print-curl'"
check "the_script_holds_no_token" sh -c "! grep -q '$USER_TOKEN' '$RUN_DIR/rotwiz-files-one.sh'"
check "the_script_refuses_to_run_without_the_token" sh -c \
	"! env -u INFISICAL_TOKEN sh '$RUN_DIR/rotwiz-files-one.sh' >/dev/null 2>&1"
(cd "$RUN_DIR" && INFISICAL_TOKEN=$USER_TOKEN sh ./rotwiz-files-one.sh >"$T/script-out" 2>&1)
server_get files-one dev /workers
held "the_script_creates_the_rotation_on_the_server" name files-one

# Again: the files are there, so it asks; n keeps them.
echo changed >"$RUN_DIR/rotwiz-files-one.json"
keys w
waits "a_second_w_asks_first" "./rotwiz-files-one.json and ./rotwiz-files-one.sh already exist"
waits "whether_to_overwrite_both" "Overwrite both?"
keys n
waits "n_writes_nothing" "Nothing written: the files there are kept."
check "the_file_is_kept" grep -qx changed "$RUN_DIR/rotwiz-files-one.json"
keys w
waits "asked_again" "Overwrite both?"
keys y
waits "y_overwrites" "Wrote the body to ./rotwiz-files-one.json"
check "the_file_is_the_body_again" "$JSON_EQUAL" "$RUN_DIR/rotwiz-files-one.json" "$T/dry-run.json"

# A write that fails says why.
rm -f "$RUN_DIR/rotwiz-files-one.json"
mkdir "$RUN_DIR/rotwiz-files-one.json"
keys w
waits "asked_over_a_folder" "Overwrite both?"
keys y
waits "a_failed_write_says_why" "Could not write ./rotwiz-files-one.json: Is a directory."

# y: the curl command to the clipboard, the same text as --print-curl.
keys y
waits "y_says_a_terminal_may_ignore_it" "a terminal may ignore it"
_i=0
while [ $_i -lt 100 ] && ! tm show-buffer >"$T/clip" 2>/dev/null; do sleep 0.05; _i=$((_i + 1)); done
# --print-curl ends its line; the copy is the command alone.
echo >>"$T/clip"
check "the_clipboard_holds_the_curl_command" cmp -s "$T/clip" "$T/print-curl"
lacks "the_token_is_never_shown" "$USER_TOKEN"
keys C-c
waits "quit_asks" "Quit?"
keys y
exits 130 "quits_130"
asan_clean "no_sanitizer_report"
done_testing
