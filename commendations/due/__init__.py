"""Who is due: from the history the system holds, who becomes eligible for what in a year.

Sources of due entries register in `registry.due_sources` (`@register_due_source("name")`): the
chains of titles (`chains.py`) are one; another package adds its own (long service) by
registering a function `DueQuery -> Iterable[DueEntry]` in a module that `selectors.py` imports.
`selectors.due_list(year, unit_ids=…)` runs them all."""
