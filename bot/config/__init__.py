"""Operator configuration: YAML in, frozen `Settings` out."""

from bot.config.loader import load_settings, parse_settings
from bot.config.schema import Settings, SourceSettings

__all__ = ["Settings", "SourceSettings", "load_settings", "parse_settings"]
