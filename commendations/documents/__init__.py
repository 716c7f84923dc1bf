"""The Word engine: uploaded templates, docxtpl rendering in a sandbox, Vietnamese sort keys."""
