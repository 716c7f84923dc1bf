"""Demo data for `manage.py load_demo`."""
