#!/bin/sh
# Decided behaviour 13 in plain mode: the review's w writes the body and
# the curl command to ./rotwiz-NAME.json and ./rotwiz-NAME.sh, saying the
# paths; a second w asks before overwriting, No by default.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/plain/lib.sh"
JSON_EQUAL="$top_builddir/tests/cli/json-equal"

plain_sandbox
PLAIN_ENV="INFISICAL_TOKEN=$USER_TOKEN"
FLAGS="--name plain-files --project $PAYMENTS --environment dev --secret-path /workers \
	--connection $CONTOSO --object-id $PAYMENTS_API_OBJECT --client-id $PAYMENTS_API_CLIENT"

# w, w again with Enter (keep), w again with y (overwrite), then quit.
answers '' '' '' '' '' '' '' '' '' '' '' '' '' '' '' w w '' w y q
# shellcheck disable=SC2086 # the flags are words
plain $FLAGS
is_rc 130 quit_from_review_exits_130
shows the_review_offers_w 'w) write the body and curl command to files'
shows w_says_the_paths 'Wrote the body to ./rotwiz-plain-files.json and the curl command to ./rotwiz-plain-files.sh.'
shows a_second_w_asks_first './rotwiz-plain-files.json and ./rotwiz-plain-files.sh already exist here. Overwrite both? [y/N]:'
shows enter_keeps_them 'Nothing written: the files there are kept.'
check y_overwrites_them test "$(grep -c "^Wrote the body to" "$T/out")" = 2
check w_wrote_both test -s "$RUN_DIR/rotwiz-plain-files.json" -a -s "$RUN_DIR/rotwiz-plain-files.sh"
shown_body
check the_file_is_the_shown_body "$JSON_EQUAL" "$RUN_DIR/rotwiz-plain-files.json" "$T/body"
check the_script_has_the_token_as_a_variable grep -qF 'Bearer $INFISICAL_TOKEN' "$RUN_DIR/rotwiz-plain-files.sh"
hides token_is_never_printed "$USER_TOKEN"
check the_script_holds_no_token sh -c "! grep -q '$USER_TOKEN' '$RUN_DIR/rotwiz-plain-files.sh'"
done_testing
