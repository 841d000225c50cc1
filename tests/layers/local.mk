# tests/layers: the layers the build enforces (doc/architecture.md), read
# from the built archives with nm.
LAYERS_SH_TESTS = tests/layers/layers.sh
TESTS += $(LAYERS_SH_TESTS)
dist_check_SCRIPTS += $(LAYERS_SH_TESTS)
