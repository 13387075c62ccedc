"""``copyedit hook``: one JSON article on stdin, one JSON result on stdout, for any publish pipeline.

Exit status: 0 for ``pass`` and ``review``, 1 for ``block``, 2 for input that cannot be
processed. On 2, stdout still carries one JSON object, ``{"error": {"message", "field"?}}``,
so a pipeline can always parse stdout; the same message goes to stderr for people.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from ..errors import CopyeditError, InputError, SourceError
from . import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", metavar="FILE", help="copyedit.toml or pyproject.toml (default: the nearest one)")
    parser.add_argument(
        "--check", action="store_true", help="report findings and the verdict for the body as sent; apply no fixes"
    )
    parser.add_argument("--indent", type=int, default=None, metavar="N", help="pretty-print the JSON output")


def run(args: argparse.Namespace) -> int:
    from ..service import configuration, protocol

    try:
        service = configuration.load_service_config(args.config, discover_from=os.getcwd())
        limit = protocol.request_limit(service.config)
        raw = sys.stdin.buffer.read(limit + 1)
        if len(raw) > limit:
            raise protocol.FieldError("(request)", f"over {limit:,} bytes")
        article = protocol.parse_article(protocol.decode_request(raw))
        response = protocol.process(article, service, mode="check" if args.check else "fix")
    except CopyeditError as error:
        # the engine refuses the article itself (e.g. over max-bytes): name the body; or its source: name that
        field = "source" if isinstance(error, SourceError) else "body" if isinstance(error, InputError) else None
        _write(protocol.error_object(error, field), args.indent)
        print(f"copyedit hook: {error}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as error:  # noqa: BLE001  # a bug: one JSON object and exit 2, never a traceback (1 means block)
        _write({"error": {"message": f"internal error: {type(error).__name__}"}}, args.indent)
        print(f"copyedit hook: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_ERROR
    _write(response, args.indent)
    for warning in response.get("warnings", ()):  # in the JSON for the pipeline; on stderr for people, as lint's
        print(f"copyedit hook: warning: {warning['field']}: {warning['message']}", file=sys.stderr)
    return EXIT_FINDINGS if response["verdict"] == "block" else EXIT_OK


def _write(document: dict[str, Any], indent: int | None) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=indent) + "\n")
    sys.stdout.flush()
