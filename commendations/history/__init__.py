"""People and their history kept in step with an HR system: people, service records, past
titles and awards (theirs and units'), initiatives. Writes check `access.can_keep_history` and
leave an audit event; reads are scoped like every list."""
