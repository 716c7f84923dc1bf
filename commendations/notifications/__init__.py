"""Notifications: in-app messages, e-mails, the daily overdue digest."""
