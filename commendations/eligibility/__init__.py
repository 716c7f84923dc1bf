"""The rules of commendation: dated rule sets, named conditions, quotas, the dossier's documents."""
