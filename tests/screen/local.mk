# tests/screen: filled in by its owner
