"""Ceremonies: print packs, printing on pre-printed blanks, the run-sheet and the MC's script."""
