"""Long-service awards (khen thưởng theo niên hạn / cống hiến): the years of service counted from
the service records, the thresholds as dated data, and who is due in a year."""
