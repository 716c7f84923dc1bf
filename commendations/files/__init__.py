"""Files the app opens, writes or serves: bounded reading of uploads (.xlsx, .docx, PDFs), the
request-body limit, text cells that cannot become spreadsheet formulas, and the downloads the
web screens and the API both answer with."""
