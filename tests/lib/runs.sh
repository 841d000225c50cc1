# Runs of ./rotwiz inside one shell test: each has its own HOME and state
# folder, and each must end with its exit status checked.  Sourced by
# tests/screen/lib.sh and tests/plain/lib.sh (after tap.sh, which calls
# tap_at_end from done_testing).
#
#   run_begin      a new run ($run_n): its folder $RUN_DIR ($T/run.N, also
#                  its working directory, so no stray .infisical.json is
#                  read), fresh $RUN_HOME and $RUN_STATE in it, $DRAFT the
#                  draft file there.  A run still unchecked fails first
#                  (run_close).
#   keep_state     the next run starts with a copy of this run's HOME and
#                  state folder: the only way a draft reaches a later run,
#                  for the tests of offering and resuming it.
#   run_checked    the run's exit status was checked (is_rc, exits).
#   run_close      a run begun and never checked is one failing TAP line,
#                  with what the harness's run_describe shows of it.
# Without this a run left sitting on a question (a draft offer nobody
# expected, a prompt read from a pipe) passed silently until a time-out.

run_n=0
run_open=
run_keep=

run_begin() {
	run_close
	_prev=$T/run.$run_n
	run_n=$((run_n + 1))
	RUN_DIR=$T/run.$run_n
	RUN_HOME=$T/run.$run_n/home
	RUN_STATE=$T/run.$run_n/state
	rm -rf "$T/run.$run_n"
	mkdir -p "$T/run.$run_n"
	if [ -n "$run_keep" ] && [ -d "$_prev" ]; then
		cp -Rp "$_prev/home" "$_prev/state" "$T/run.$run_n/"
	else
		mkdir -p "$RUN_HOME" "$RUN_STATE"
	fi
	run_keep=
	DRAFT=$RUN_STATE/rotwiz/draft.json
	run_open=$run_n
}

keep_state() { run_keep=1; }

run_checked() { run_open=; }

run_close() {
	[ -n "$run_open" ] || return 0
	ok 1 "run_${run_open}_ended_with_its_exit_status_checked"
	diag "run $run_open was never checked with is_rc or exits: it may still sit on a question"
	run_describe
	run_open=
}

tap_at_end() { run_close; }
