"""newsalert: conflict news turned into facts and alerts for Telegram, Slack and the console."""

__version__ = "0.1.0"
