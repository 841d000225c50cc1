# tests/walk: seeded random walks over the curses wizard (tmux, a real
# rotwiz-sandbox), with invariants checked after every key.
TESTS += tests/walk/walk.sh
EXTRA_DIST += tests/walk/walk.sh tests/walk/check.awk tests/walk/pending
