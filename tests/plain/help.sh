#!/bin/sh
# Plain mode's "?" prints the same help as curses' F1 (libcore/help.h):
# where each answer comes from, the Graph permissions a connection needs,
# the common Object ID mistake and the az commands; then asks again, and
# the "?" is never taken as the answer.  --demo says it is a demo.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/plain/lib.sh"

plain_sandbox
PLAIN_ENV="INFISICAL_TOKEN=$USER_TOKEN"

answers \
	'?' plain-help '' \
	'Payments Platform' dev /workers \
	'?' 1 '?' 'Payments API' \
	'' '' '' '' \
	'' '' \
	c q
plain
is_rc 0 a_session_with_questions_marks_creates_and_exits_0
shows the_name_help_says_what_it_is "A short slug naming the rotation"
shows the_connection_help_names_the_graph_permission "Microsoft Graph application permission Application.ReadWrite.All"
shows the_connection_help_says_admin_consent "Grant admin consent"
shows the_connection_help_gives_the_docs "https://infisical.com/docs/integrations/app-connections/azure-client-secrets"
shows the_app_list_help_names_the_common_mistake "Enterprise applications in the Azure portal shows the same app with another Object ID"
if server_get plain-help dev /workers; then ok 0 the_question_marks_were_not_answers; else ok 1 the_question_marks_were_not_answers; fi
held the_name_is_the_typed_one name plain-help

# --demo in plain mode says it is a demo, once, on stderr.
PLAIN_ENV=
answers \
	demo-plain '' \
	'Payments Platform' dev /workers \
	1 'Payments API' \
	'' '' '' '' \
	'' '' \
	c q
plain --demo
is_rc 0 a_demo_session_creates_and_exits_0
check demo_says_so grep -qE '^rotwiz: DEMO - sandbox at http://127\.0\.0\.1:[0-9]+, token sandbox-user-token$' "$T/err"
done_testing
