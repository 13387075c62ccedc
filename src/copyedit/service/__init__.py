"""The pre-publish hook: one JSON article in, a corrected body and a verdict out.

:mod:`.policy` decides the verdict, :mod:`.protocol` parses requests and builds responses,
:mod:`.configuration` reads the configuration file; ``copyedit hook`` (one article on stdin)
and ``copyedit serve`` (:mod:`.app`, an ASGI application) are thin front ends over them.
"""

from __future__ import annotations

from .configuration import ServiceConfig, load_service_config
from ..policy import Policy, PolicyError, Verdict
from .protocol import Article, FieldError, content_sha256, parse_article, process

__all__ = [
    "Article",
    "FieldError",
    "Policy",
    "PolicyError",
    "ServiceConfig",
    "Verdict",
    "content_sha256",
    "load_service_config",
    "parse_article",
    "process",
]
