# Tests: C programs and shell scripts, all speaking TAP to automake's driver.
TEST_EXTENSIONS = .sh
SH_LOG_DRIVER = $(LOG_DRIVER)
SH_LOG_COMPILER = $(SHELL)
if ENABLE_VALGRIND
LOG_COMPILER = valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99
endif

EXTRA_DIST += tests/tap.h tests/lib/tap.sh tests/lib/sandbox.sh tests/lib/runs.sh \
	tests/lib/timed-driver.sh

include tests/unit/local.mk
include tests/unit/response.mk
include tests/fuzz/local.mk
include tests/sandbox/local.mk
include tests/net/local.mk
include tests/cli/local.mk
include tests/plain/local.mk
include tests/screen/local.mk
include tests/scenario/local.mk
include tests/walk/local.mk
include tests/real/local.mk
include tests/real/diff/local.mk
include tests/layers/local.mk
