"""What the hook and the server run with: the engine's :class:`~copyedit.Config` and the :class:`Policy`.

Both come from one configuration file, ``copyedit.toml`` (or ``[tool.copyedit]`` in
``pyproject.toml``), read by :mod:`copyedit.settings`; the publish policy is its ``[policy]``
table (``[tool.copyedit.policy]``)::

    select = ["ALL"]
    ignore = ["C3"]

    [policy]
    block-on = "error"     # error | warning | info | never
    review-on = "warning"  # error | warning | info | never

Site chrome learned across a site's articles (``copyedit lint --fix DIR``, ``copyedit chrome learn DIR
-o FILE``) is used when its cache, ``.copyedit-chrome.yml``, sits beside the configuration file
(:func:`copyedit.chrome.beside`): the learned lines come back as BP190 findings with unsafe fixes,
removed by ``/v1/fix`` and the hook once the configuration says ``applicability = {BP190 = "safe"}``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import chrome
from ..config import Config
from ..settings import find_settings_file, parse_settings, read_settings_table
from ..policy import Policy, parse_policy

DEFAULT_TIME_LIMIT = 10.0  # seconds an article may take: the service's --time-limit, the Wagtail hook's COPYEDIT_TIME_LIMIT


@dataclass(frozen=True)
class ServiceConfig:
    config: Config = field(default_factory=Config)
    policy: Policy = field(default_factory=Policy)
    path: str | None = None  # the file it came from (None: built-in defaults)


def load_service_config(path: str | None = None, *, discover_from: str | None = None) -> ServiceConfig:
    """Read ``path``; without one, the configuration file nearest to ``discover_from`` (if any)."""
    if path is None and discover_from is not None:
        path = find_settings_file(discover_from)
    if path is None:
        return ServiceConfig()
    data = read_settings_table(path)
    policy = parse_policy(data.pop("policy", {}), path)
    settings = parse_settings(data, path, None)
    return ServiceConfig(chrome.beside(settings.config, path), policy, path)
