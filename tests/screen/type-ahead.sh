#!/bin/sh
# Decision 9 (issue 10, fault 4): keys typed while a list loads are kept in
# order and applied once it arrives, as if typed then.  Each run types its
# whole journey as one burst against a server that takes 300 ms for every
# answer, with no wait between keys, choosing non-first entries; then the
# rotation the server holds says whether every key landed where it was meant.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sandbox.sh"
. "$top_srcdir/tests/screen/lib.sh"

FABRIKAM=0d2add2d-92b6-4566-9081-070bf7c9b5ca
FABRIKAM_SYNC_OBJECT=b6b5137a-b801-4c71-84d8-7589263d87d6
BILLING_WORKER_OBJECT=74a3f82e-531e-45c2-b7d5-d81151298038

screen_sandbox --latency 300

# Sign-in, the projects, the folder check, the connections and the apps all
# load while the keys are already there: the environment is the 2nd
# (staging), the connection the 2nd (Fabrikam), its app the 2nd.
screen_run INFISICAL_TOKEN=$USER_TOKEN
waits "burst_starts" "1/7 Rotation"
txt "burst-one"
keys Enter Enter  Enter Down Enter  C-u
txt "/workers"
keys Enter  Down Enter  Down Enter  Enter Enter Enter Enter Enter  Enter Enter  Enter
waits "the_burst_creates" "Created the Azure Client Secret rotation"
keys q
exits 0 "burst_exits_0"
server_get burst-one staging /workers
held "burst_environment" environment.slug staging
held "burst_folder" folder.path /workers
held "burst_connection_is_the_second" connection.id "$FABRIKAM"
held "burst_app_is_the_seconds_second" parameters.objectId "$FABRIKAM_SYNC_OBJECT"

# Typing to filter while a list loads: the letters are the filter once it is there.
screen_run INFISICAL_TOKEN=$USER_TOKEN
waits "filter_burst_starts" "1/7 Rotation"
txt "burst-two"
keys Enter Enter  Enter Enter Enter
txt "contoso"
keys Enter
txt "billing"
keys Enter  Enter Enter Enter Enter Enter  Enter Enter  Enter
waits "the_filter_burst_creates" "Created the Azure Client Secret rotation"
keys q
exits 0 "filter_burst_exits_0"
server_get burst-two dev /
held "filtered_connection" connection.id "$CONTOSO"
held "filtered_app" parameters.objectId "$BILLING_WORKER_OBJECT"

# As soon as the connections are known, the apps of every one of them load,
# one at a time, without the user moving to them; choosing the second then
# asks nothing more.  The stats request is one of its own.
CLIENTS_ROUTE='GET /api/v1/app-connections/azure-client-secrets/:connectionId/clients'
clients_fetched() {
	curl -sS -o "$T/stats" "$SANDBOX_URL/sandbox/stats"
	"$JSON_GET" "$T/stats" "routes.$CLIENTS_ROUTE" 2>/dev/null
}
fetched_is() {	# fetched_is NAME WANT: polls until the app lists fetched are WANT
	_i=0
	while [ $_i -lt $WAIT_STEPS ] && [ "$(clients_fetched)" != "$2" ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	_got=$(clients_fetched)
	if [ "$_got" = "$2" ]; then ok 0 "$1"; else ok 1 "$1"; diag "app lists fetched: $_got, wanted $2"; fi
}
_before=$(clients_fetched)
screen_run INFISICAL_TOKEN=$USER_TOKEN ROTWIZ_TUI_STATS=$T/tui-stats
waits "prefetch_starts" "1/7 Rotation"
txt "prefetch"
keys Enter Enter Enter Enter Enter
waits "prefetch_connections" "2 connections"
fetched_is "both_connections_apps_load_without_a_key" $((_before + 2))
keys Down Enter
waits "the_second_connections_apps_are_there" "2 apps"
lacks "with_no_wait" "Loading the apps"
keys C-c y
exits 130 "prefetch_quit_130"
fetched_is "choosing_it_asked_nothing_more" $((_before + 2))
check "the_user_waited_on_no_app_list" sh -c "! grep -q '^waited_on.* apps' '$T/tui-stats'"

# A list that never comes: keys wait for it, but Ctrl-C is answered at once
# (its question is not answered by a key that waited), and quits.
sandbox_stop
screen_sandbox --fault 'GET /api/v1/app-connections/azure-client-secrets/available=stall@1'
screen_run INFISICAL_TOKEN=$USER_TOKEN
waits "stall_starts" "1/7 Rotation"
txt "stalled"
keys Enter Enter Enter Enter Enter
waits "the_connections_hang" "Loading the connections"
txt "y"
keys Enter C-c
waits "ctrl_c_asks_at_once" "Quit? Your answers are saved as a draft."
keys n
waits "n_returns_to_the_wait" "Loading the connections"
keys C-c y
exits 130 "quit_over_held_keys_130"

asan_clean "no_sanitizer_report"
done_testing
