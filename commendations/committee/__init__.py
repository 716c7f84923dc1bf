"""The council (Hội đồng Thi đua - Khen thưởng): sessions, votes, recusals, the tally."""
