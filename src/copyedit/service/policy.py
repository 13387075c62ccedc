"""Moved to :mod:`copyedit.policy` (the settings file reads a policy too, and settings sit below
the service); re-exported here for code that imports it from ``service``."""

from __future__ import annotations

from ..policy import NEVER, Policy, PolicyError, Verdict, parse_policy

__all__ = ["NEVER", "Policy", "PolicyError", "Verdict", "parse_policy"]
