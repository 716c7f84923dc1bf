"""What every screen shares: running a service, messages, pagination, downloads, the home page;
one sub-package per area holds its views and forms."""
