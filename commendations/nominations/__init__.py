"""Nominations: the proposal, its state machine, its dossier, consolidation and deadlines."""
