"""copyedit: clean up machine-translated news articles and check their translation quality.

>>> import copyedit
>>> result = copyedit.fix("The CSTO is a mid-government military alliance.", unsafe=True)
>>> result.text
'The CSTO is an intergovernmental military alliance.'
>>> [fix.codes for fix in result.applied]
[('TR101',)]
>>> copyedit.check("They they left.").findings[0].code
'C401'

By default only fixes that earned their safety on real text apply; the rest are suggestions:

>>> copyedit.fix("The CSTO is a mid-government military alliance.").findings[0].fix.applicability.value
'unsafe'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import engine as engine  # re-exported
    from .config import Config
    from .engine import RuleSet, ruleset_for
    from .errors import CopyeditError, InputError, PatternTimeout, RuleError, TimeLimitExceeded
    from .model import (
        AppliedFix, Applicability, CheckWarning, Edit, Finding, Fix, PageMetadata, Result, Severity, SourceSpan, Span,
        apply_edits,
    )

__version__ = "0.1.0"

# The public names and the modules they live in, imported on first use (PEP 562), so that
# ``import copyedit`` and ``copyedit --version`` do not load the engine and the rule kinds.
_LAZY = {
    "engine": "copyedit.engine",
    "Config": "copyedit.config",
    "RuleSet": "copyedit.engine",
    "ruleset_for": "copyedit.engine",
    **dict.fromkeys(("CopyeditError", "InputError", "PatternTimeout", "RuleError", "TimeLimitExceeded"), "copyedit.errors"),
    **dict.fromkeys(
        ("AppliedFix", "Applicability", "CheckWarning", "Edit", "Finding", "Fix", "PageMetadata", "Result", "Severity",
         "SourceSpan", "Span", "apply_edits"),
        "copyedit.model",
    ),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module = importlib.import_module(_LAZY[name])
        value = module if name == "engine" else getattr(module, name)
    else:
        try:  # a submodule, as it would be once anything had imported it
            value = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "AppliedFix",
    "Applicability",
    "CheckWarning",
    "Config",
    "CopyeditError",
    "Edit",
    "Finding",
    "Fix",
    "InputError",
    "PageMetadata",
    "PatternTimeout",
    "Result",
    "RuleError",
    "RuleSet",
    "Severity",
    "SourceSpan",
    "Span",
    "TimeLimitExceeded",
    "apply_edits",
    "check",
    "fix",
    "ruleset_for",
]


def check(
    text: str,
    *,
    format: str = "text",
    config: Config | None = None,
    path: str | None = None,
    source: str | None = None,
    source_lang: str | None = None,
    source_format: str | None = None,
    time_limit: float | None = None,
    metadata: bool = False,
) -> Result:
    """Find problems; the text is returned unchanged. ``format`` is text, markdown or html.

    Suppression comments in the text are honoured; ``path`` (where the article lives) picks its
    ``Config.per_file_ignores``; past ``time_limit`` seconds the work stops with
    :class:`TimeLimitExceeded`. With ``metadata=True`` a whole HTML page's title, author, date,
    site name and canonical URL come back in ``Result.metadata`` (:class:`PageMetadata`; ``None``
    for a fragment, plain text or Markdown). ``source`` is read in ``source_format`` (text, markdown or html;
    None: the article's ``format``), so an HTML source's tags and addresses are not compared with a plain-text
    article as its text.
    """
    from . import engine

    config = _config(config).for_path(path)
    deadline = engine.Deadline.after(time_limit)
    result = engine.run_check(text, format, engine.ruleset_for(config), config, source, source_lang, deadline=deadline, source_format=source_format)
    return engine.with_metadata(result) if metadata else result


def fix(
    text: str,
    *,
    format: str = "text",
    unsafe: bool = False,
    config: Config | None = None,
    path: str | None = None,
    source: str | None = None,
    source_lang: str | None = None,
    source_format: str | None = None,
    time_limit: float | None = None,
    metadata: bool = False,
) -> Result:
    """Apply safe fixes (and unsafe ones with ``unsafe=True``); report what remains.

    A suppressed finding's fix is never applied; ``path``, ``source_format``, ``time_limit`` and ``metadata`` as for
    :func:`check` (the metadata is the page's as sent).
    """
    from . import engine

    if not isinstance(unsafe, bool):  # "no" is truthy: it would apply the unsafe fixes
        raise TypeError(f"unsafe must be True or False, not {unsafe!r}")
    config = _config(config).for_path(path)
    deadline = engine.Deadline.after(time_limit)
    accept = engine.accepted(unsafe)
    result = engine.run_fix(text, format, engine.ruleset_for(config), config, accept, source, source_lang, deadline=deadline, source_format=source_format)
    return engine.with_metadata(result) if metadata else result


def _config(config: Config | None) -> Config:
    """The configuration a call runs with: ``config``, else the default one."""
    from .config import Config, default_config

    if config is None:
        return default_config()
    if not isinstance(config, Config):
        raise TypeError(f"config must be a copyedit.Config, not {type(config).__name__}")
    return config
