"""Who may act: roles (Django groups), permission predicates, the units a user acts for."""
