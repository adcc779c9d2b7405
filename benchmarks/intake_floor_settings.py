"""Rahai's settings with one more URL: the Django floor of ``intake_floor`` (benchmark only)."""

from rahai.settings import *  # noqa: F403

ROOT_URLCONF = "intake_floor_urls"
