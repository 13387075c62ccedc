"""``copyedit review FILE``: open one article in the review page, served on 127.0.0.1 (needs ``copyedit[service]``).

The server listens on a loopback address only, with a fresh random token that the address it
prints carries in its fragment, so no other local user can read the article; the browser is
given that address in a private file (:mod:`copyedit.service.browser`). Exports (corrected text,
diff, decision log) are downloads from the page; Ctrl-C stops.
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import sys

from ..errors import CopyeditError, InputError
from ..files import FileProblem, format_for, read_file
from ..rules import DOCUMENT_FORMATS
from . import EXIT_ERROR, EXIT_OK, language_argument, source_language_argument, port_argument

TOKEN_ENV = "COPYEDIT_REVIEW_TOKEN"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the article to review (.txt, .md, .html)")
    parser.add_argument("--source", metavar="SRC", help="the source text it was translated from (default: its sidecar, if any)")
    parser.add_argument("--source-lang", metavar="LANG", type=source_language_argument, help="the language of the source (default: from the sidecar's name, else detected)")
    parser.add_argument("--language", metavar="LANG", type=language_argument, help="the article's language (default: the configuration's, else en)")
    parser.add_argument("--format-in", choices=DOCUMENT_FORMATS, help="document format (default: from the extension)")
    parser.add_argument("--encoding", help="read the article in this encoding (default: UTF-8, or what a byte-order mark says)")
    parser.add_argument("--config", metavar="FILE", help="copyedit.toml or pyproject.toml (default: the nearest one)")
    parser.add_argument("--port", type=port_argument, default=0, help="port on 127.0.0.1 (default: any free port)")
    parser.add_argument("--no-browser", action="store_true", help="print the address; do not open a browser")


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from ..service import app, browser, configuration, protocol, review, transport
    except ImportError as error:
        print(f"copyedit review: {error.name} is missing; install the extra: pip install '.[service]' in the copyedit clone", file=sys.stderr)
        return EXIT_ERROR
    from ..engine import guard_size, source_context
    from ..qa import read_source, sidecar_path, source_format

    try:
        service = configuration.load_service_config(args.config, discover_from=os.getcwd())
        article = read_file(args.file, args.encoding)
        try:
            guard_size(article.text, service.config)
        except InputError as error:
            raise FileProblem(args.file, f"{error}; raise max-bytes in the configuration to review it") from None
        document_format = args.format_in or format_for(args.file)
        source_path = args.source or sidecar_path(args.file)
        source, source_lang = read_source(source_path, args.source_lang) if source_path else (None, args.source_lang)
        opened = review.ReviewFile(
            args.file, article.text, document_format, source, source_lang, args.language, article.layout,
            source_format(source_path, args.file, document_format) if source_path else None,
        )
        # the engine's warnings of the source (empty, or not in its language's scripts), as lint gives them; the page's
        # answers carry them too
        reading = source_context(service.config, source, source_lang, document_format, opened.source_format, article.text)
        for warning in reading.warnings:
            print(f"copyedit review: warning: {warning.message} ({source_path})", file=sys.stderr)
        os.environ[TOKEN_ENV] = token = secrets.token_urlsafe(24)
        # Requests as large as the hook takes (the largest article the configuration allows, as JSON); one editor,
        # one article: its first request loads what it needs, nothing is loaded ahead.
        options = app.ServiceOptions(args.config, max_body=protocol.request_limit(service.config), token_env=TOKEN_ENV, preload=False)
        application = app.create_app(options, opened)
    except (CopyeditError, ValueError) as error:
        print(f"copyedit review: {error}", file=sys.stderr)
        return EXIT_ERROR
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", args.port))
        listener.listen(128)  # connections wait in the backlog until the server starts: the address works at once
    except OSError as error:
        print(f"copyedit review: cannot listen on 127.0.0.1:{args.port}: {error.strerror}", file=sys.stderr)
        listener.close()
        return EXIT_ERROR
    address = f"http://127.0.0.1:{listener.getsockname()[1]}/review#token={token}"
    print(f"Reviewing {args.file} at {address} (Ctrl-C stops)", flush=True)
    config = uvicorn.Config(
        application, log_config=app.LOG_CONFIG, access_log=False, http=transport.NoDelayHttpProtocol, timeout_graceful_shutdown=2
    )
    if args.no_browser:
        uvicorn.Server(config).run(sockets=[listener])
    else:
        browser.serve_and_open(config, listener, address)
    return EXIT_OK
