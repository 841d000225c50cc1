# doc: the man page, installed by make install; tests/cli/test-options checks
# it names the same long options as rotwiz --help.  contract.md (what the user
# gets) and api.md (what the server does) are read by people, not built.
dist_man_MANS += doc/rotwiz.1
EXTRA_DIST += doc/contract.md doc/api.md
