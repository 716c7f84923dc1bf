"""Reports: statistics and the Excel exports."""
