"""What every screen shares: running a service, messages, pagination, downloads, the home page."""
