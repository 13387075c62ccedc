"""copyedit: clean up machine-translated news articles and check their translation quality.

>>> import copyedit
>>> result = copyedit.fix("The CSTO is a mid-government military alliance.")
>>> result.text
'The CSTO is an intergovernmental military alliance.'
>>> [fix.codes for fix in result.applied]
[('TR101',)]
>>> copyedit.check("They they left.").findings[0].code
'C401'
"""

from __future__ import annotations

from .config import Config
from .engine import RuleSet, ruleset_for, run_check, run_fix
from .errors import CopyeditError, InputError, PatternTimeout, RuleError
from .model import AppliedFix, Applicability, Edit, Finding, Fix, Result, Severity, Span, apply_edits

__version__ = "0.1.0"

__all__ = [
    "AppliedFix",
    "Applicability",
    "Config",
    "CopyeditError",
    "Edit",
    "Finding",
    "Fix",
    "InputError",
    "PatternTimeout",
    "Result",
    "RuleError",
    "RuleSet",
    "Severity",
    "Span",
    "apply_edits",
    "check",
    "fix",
]

_SAFE = frozenset({Applicability.SAFE})
_SAFE_AND_UNSAFE = frozenset({Applicability.SAFE, Applicability.UNSAFE})


def check(
    text: str,
    *,
    format: str = "text",
    config: Config | None = None,
    source: str | None = None,
    source_lang: str | None = None,
) -> Result:
    """Find problems; the text is returned unchanged. ``format`` is text, markdown or html."""
    config = config or Config()
    return run_check(text, format, ruleset_for(config), config, source, source_lang)


def fix(
    text: str,
    *,
    format: str = "text",
    unsafe: bool = False,
    config: Config | None = None,
    source: str | None = None,
    source_lang: str | None = None,
) -> Result:
    """Apply safe fixes (and unsafe ones with ``unsafe=True``); report what remains."""
    config = config or Config()
    accept = _SAFE_AND_UNSAFE if unsafe else _SAFE
    return run_fix(text, format, ruleset_for(config), config, accept, source, source_lang)
