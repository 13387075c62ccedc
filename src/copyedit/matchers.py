"""Old home of the check kinds, kept for the modules that still import from it.

The kinds live in :mod:`copyedit.kinds`, one module each (:mod:`copyedit.kinds.base` for
``Context``, ``Hit`` and ``Pass``); import from there. This module only re-exports and is removed
once nothing imports it.
"""

from __future__ import annotations

from .kinds import compile_passes
from .kinds.base import REGEX_TIMEOUT, Context, Hit, Pass
from .kinds.boilerplate import BoilerplatePass, extend_lists, is_list_item, mark_menus, normalise_line, squeeze_line
from .kinds.prefilter import fold_for_prefilter, required_literals

__all__ = [
    "REGEX_TIMEOUT",
    "BoilerplatePass",
    "Context",
    "Hit",
    "Pass",
    "compile_passes",
    "extend_lists",
    "fold_for_prefilter",
    "is_list_item",
    "mark_menus",
    "normalise_line",
    "required_literals",
    "squeeze_line",
]
