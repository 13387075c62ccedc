"""Moved to :mod:`copyedit.transliteration` (the name variants of :mod:`copyedit.names` need it,
and they sit below the checks); re-exported here for code that imports it from ``qa``."""

from __future__ import annotations

from ..transliteration import GERMAN, MAX_VARIANTS, TURKISH, apply_conventions, is_cyrillic, latin_variants

__all__ = ["GERMAN", "MAX_VARIANTS", "TURKISH", "apply_conventions", "is_cyrillic", "latin_variants"]
