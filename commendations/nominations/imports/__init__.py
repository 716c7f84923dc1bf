"""Import nominations from the .xlsx template: every row is checked first, errors are reported by
row and column (all of them in one pass, one message per cause), and drafts are created only when
every row is valid (one transaction, `bulk_create` in batches).

- `layout`: the sheet's name, columns and size limits, shared by the modules below;
- `template`: the blank workbook a unit officer downloads;
- `reading`: the uploaded file, read bounded and streamed into rows (commendations.files.safe);
- `validation`: each row turned into an unsaved draft or its errors, then the whole file checked;
- `results`: the errors by row and column, and the outcome an import reports;
- `jobs`: the import itself (all or nothing) and the NominationImport a worker runs
  (`nomination_import_start` -> task -> `nomination_import_run`); the management command and the
  tests call `nominations_import` directly;
- `selectors`: what the screens show after an import (its drafts, those ready to submit, next
  steps)."""
