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
	tests/scenario/cases/happy-defaults.scen

TESTS += $(SCENARIOS)
EXTRA_DIST += $(SCENARIOS) tests/scenario/run.sh tests/scenario/README.md
