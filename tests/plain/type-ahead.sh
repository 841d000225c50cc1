#!/bin/sh
# Decision 9 (issue 10, fault 4) in plain mode: answers piped faster than
# the lists arrive (the server takes 300 ms for every answer) are each
# read by the question they were typed for, non-first entries included;
# the app lists of the project's connections are fetched while the
# connection is asked, each once.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/plain/lib.sh"

FABRIKAM=0d2add2d-92b6-4566-9081-070bf7c9b5ca
FABRIKAM_SYNC_OBJECT=b6b5137a-b801-4c71-84d8-7589263d87d6
CLIENTS_ROUTE='GET /api/v1/app-connections/azure-client-secrets/:connectionId/clients'

plain_sandbox --latency 300

PLAIN_ENV="INFISICAL_TOKEN=$USER_TOKEN"
answers \
	plain-burst '' \
	1 2 /workers \
	2 2 \
	'' '' '' '' \
	'' '' \
	c q
plain
is_rc 0 burst_exits_0
# The stats request is a connection and a request of its own.
curl -sS -o "$T/stats" "$SANDBOX_URL/sandbox/stats"
stat_is() {	# stat_is NAME PATH WANT
	_got=$("$JSON_GET" "$T/stats" "$2" 2>/dev/null)
	if [ "$_got" = "$3" ]; then ok 0 "$1"; else ok 1 "$1"; diag "sandbox stats $2: $_got, wanted $3"; fi
}
stat_is "both_connections_app_lists_were_fetched_once_each" "routes.$CLIENTS_ROUTE" 2
stat_is "over_one_connection" connections 2

server_get plain-burst staging /workers
held burst_environment environment.slug staging
held burst_connection_is_the_second connection.id "$FABRIKAM"
held burst_app_is_the_seconds_second parameters.objectId "$FABRIKAM_SYNC_OBJECT"
# Decision 2 (fault 5): a missing folder piped ahead is refused at Where,
# and the next answer is read by the same question.
answers \
	plain-nowhere '' \
	1 1 /nowhere /workers \
	1 1 \
	'' '' '' '' \
	'' '' \
	c q
plain
is_rc 0 missing_folder_run_exits_0
shows missing_folder_refused_at_where 'There is no folder "nowhere" in "/" of environment dev'
hides missing_folder_never_an_empty_one 'holds no secrets yet'
server_get plain-nowhere dev /workers
held missing_folder_then_the_typed_one folder.path /workers

done_testing
