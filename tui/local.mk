# tui: filled in by its owner
