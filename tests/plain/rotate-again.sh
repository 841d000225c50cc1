#!/bin/sh
# Decision 18 in plain mode: rotate now right after the create rotates at
# once (the other slot is still empty); a second one soon after asks first,
# saying what it revokes, and only y rotates again.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/plain/lib.sh"

plain_sandbox
PLAIN_ENV="INFISICAL_TOKEN=$USER_TOKEN"

answers \
	plain-again '' \
	'Payments Platform' dev /workers \
	azure-contoso-prod \
	'Payments API' \
	'' '' '' '' \
	'' '' \
	c \
	r r n r y q
plain
is_rc 0 session_exits_0
shows first_rotation_does_not_ask 'The active credential is now index 1 (it was 0).'
shows second_one_says_what_it_revokes 'Rotating again revokes the client secret in slot 0'
shows and_asks 'Rotate anyway? y) yes, n) no'
shows y_rotates_again 'The active credential is now index 0 (it was 1).'
server_get plain-again dev /workers
held no_answer_sent_only_the_two_rotations activeIndex 0
check the_no_sent_nothing test "$(grep -c 'Rotating "plain-again" now' "$T/out")" = 2
done_testing
