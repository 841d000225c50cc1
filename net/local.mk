# net: filled in by its owner
