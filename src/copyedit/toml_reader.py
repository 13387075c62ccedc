"""The package's one TOML reader: ``tomllib`` on Python 3.11 and later, ``tomli`` (the same code,
a dependency on 3.10 only) before. The configuration (:mod:`copyedit.settings`) and the merged
calibration (:mod:`copyedit.decisions`) read TOML through it.

>>> loads('code = "C401"')
{'code': 'C401'}
"""

from __future__ import annotations

import sys

if sys.version_info >= (3, 11):
    from tomllib import TOMLDecodeError, load, loads
else:  # pragma: no cover - Python 3.10
    from tomli import TOMLDecodeError, load, loads

__all__ = ["TOMLDecodeError", "load", "loads"]
