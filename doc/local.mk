# doc: the man page, installed by make install; tests/cli/test-options checks
# it names the same long options as rotwiz --help.
dist_man_MANS += doc/rotwiz.1
