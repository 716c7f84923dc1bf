"""Files the app opens or writes: bounded reading of uploads (.xlsx, .docx), the request-body
limit, and text cells that cannot become spreadsheet formulas."""
