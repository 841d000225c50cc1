# tests/scenario: one scenario format for the three front-ends.  Each .scen
# file is a test: tests/scenario/run.sh drives it through curses (tmux),
# plain mode (./converse answering prompts) and flag mode, each against its
# own rotwiz-sandbox, and compares what the servers hold.
check_PROGRAMS += tests/scenario/converse tests/scenario/rotations
tests_scenario_converse_SOURCES = tests/scenario/converse.c
tests_scenario_rotations_SOURCES = tests/scenario/rotations.c
tests_scenario_rotations_CPPFLAGS = $(AM_CPPFLAGS) $(CJSON_CFLAGS)
tests_scenario_rotations_LDADD = $(CJSON_LIBS)

TEST_EXTENSIONS += .scen
SCEN_LOG_DRIVER = $(LOG_DRIVER)
SCEN_LOG_COMPILER = $(SHELL) $(top_srcdir)/tests/scenario/run.sh

SCENARIOS = \
	tests/scenario/cases/auto-off.scen \
	tests/scenario/cases/azure-refuses.scen \
	tests/scenario/cases/custom-names.scen \
	tests/scenario/cases/decided-create-another.scen \
	tests/scenario/cases/decided-free-names.scen \
	tests/scenario/cases/decided-mapped-loopback.scen \
	tests/scenario/cases/decided-missing-folder-quit.scen \
	tests/scenario/cases/decided-missing-folder.scen \
	tests/scenario/cases/decided-project-from-review.scen \
	tests/scenario/cases/decided-project-slug.scen \
	tests/scenario/cases/decided-refused-credentials.scen \
	tests/scenario/cases/fault-connections-503.scen \
	tests/scenario/cases/fault-create-500.scen \
	tests/scenario/cases/fault-create-dropped.scen \
	tests/scenario/cases/happy-defaults.scen \
	tests/scenario/cases/latency.scen \
	tests/scenario/cases/later-entries.scen \
	tests/scenario/cases/long-interval.scen \
	tests/scenario/cases/paced-every-step.scen \
	tests/scenario/cases/paced-project-from-review.scen \
	tests/scenario/cases/machine-identity.scen \
	tests/scenario/cases/manual-app-user.scen \
	tests/scenario/cases/name-collision-fix.scen \
	tests/scenario/cases/name-conflict-server.scen \
	tests/scenario/cases/quit-at-review.scen \
	tests/scenario/cases/review-connection.scen \
	tests/scenario/cases/review-environment.scen \
	tests/scenario/cases/review-names.scen \
	tests/scenario/cases/review-rename.scen \
	tests/scenario/cases/review-schedule.scen \
	tests/scenario/cases/same-display-name.scen \
	tests/scenario/cases/selfhosted-url.scen \
	tests/scenario/cases/short-interval.scen \
	tests/scenario/cases/signin-universal-auth.scen \
	tests/scenario/cases/subfolder.scen

TESTS += $(SCENARIOS)
EXTRA_DIST += $(SCENARIOS) tests/scenario/run.sh tests/scenario/README.md \
	tests/scenario/pending
