"""The Discord adapter: thin translation between Discord and the services."""
