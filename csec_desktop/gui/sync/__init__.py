"""The Sync section, the status-bar indicator and the controller that runs syncs."""
