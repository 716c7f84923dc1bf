"""The year-end rating of officers for the annual emulation titles (danh hiệu thi đua): a unit's
list (its Tờ trình and its council's minutes, not a dossier per officer), the caps as shares, the
council's recommendation and one recognition decision for many lists."""
