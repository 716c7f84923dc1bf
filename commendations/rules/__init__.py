"""The rules of commendation: which rule set governs a nomination, its eligibility conditions,
quotas and working-day deadlines. Reads only; enforcement is called from the transitions."""
