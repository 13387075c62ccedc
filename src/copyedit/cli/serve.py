"""``copyedit serve``: run the pre-publish HTTP service under uvicorn (needs ``copyedit[service]``)."""

from __future__ import annotations

import argparse
import ipaddress
import logging
import logging.config
import os
import sys
from typing import Any

from ..errors import CopyeditError
from . import EXIT_ERROR, EXIT_OK, port_argument


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=port_argument, default=8750, help="port to listen on (default: 8750)")
    parser.add_argument("--workers", type=int, default=1, help="worker processes (default: 1)")
    parser.add_argument("--config", metavar="FILE", help="copyedit.toml or pyproject.toml (default: the nearest one)")
    parser.add_argument(
        "--max-body", type=int, default=2_000_000, metavar="BYTES", help="largest request body; more is 413 (default: 2000000)"
    )
    parser.add_argument(
        "--time-limit", type=float, default=10.0, metavar="SECONDS", help="per-request limit; over it is 503 (default: 10)"
    )
    parser.add_argument(
        "--concurrent-articles",
        type=int,
        default=2,
        metavar="N",
        help="articles each worker works on at once; more wait their turn, within the time limit (default: 2)",
    )
    parser.add_argument(
        "--token-env",
        default="COPYEDIT_TOKEN",
        metavar="NAME",
        help="environment variable holding the bearer token; when set, requests need it (default: COPYEDIT_TOKEN)",
    )
    parser.add_argument(
        "--no-preload",
        dest="preload",
        action="store_false",
        help="start each worker faster and load the rules' data (about 1.5 s of CPU) on the first articles that need it",
    )
    parser.add_argument(
        "--insecure",
        action="store_true",
        help="listen on an address other than loopback without a token (anyone who can reach it can use the service)",
    )


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach ``host``; a name other than localhost counts as not.

    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("localhost"), is_loopback("0.0.0.0"), is_loopback("news.example")
    (True, True, True, False, False)
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from ..service import app, configuration, transport, workers
    except ImportError as error:
        print(f"copyedit serve: {error.name} is missing; install the extra: pip install '.[service]' in the copyedit clone", file=sys.stderr)
        return EXIT_ERROR
    if args.workers < 1:
        print("copyedit serve: --workers must be at least 1", file=sys.stderr)
        return EXIT_ERROR
    try:
        options = app.ServiceOptions(
            args.config, args.max_body, args.time_limit, args.token_env, args.preload, args.concurrent_articles
        )
        # Fail here, with a clear message, rather than in every worker.
        configuration.load_service_config(options.config_path, discover_from=os.getcwd())
    except (CopyeditError, ValueError) as error:
        print(f"copyedit serve: {error}", file=sys.stderr)
        return EXIT_ERROR
    if not os.environ.get(options.token_env) and not is_loopback(args.host):
        exposed = f"without a token (${options.token_env} is not set) on {args.host}, which is not a loopback address"
        if not args.insecure:
            print(
                f"copyedit serve: refusing to listen {exposed}: set ${options.token_env}, "
                "listen on 127.0.0.1, or pass --insecure to accept that anyone who can reach it can use the service",
                file=sys.stderr,
            )
            return EXIT_ERROR
        logging.config.dictConfig(app.LOG_CONFIG)
        logging.getLogger("copyedit.service.error").warning(
            f"listening {exposed} (--insecure): anyone who can reach it can use the service",
            extra={"fields": {"host": args.host, "token_env": options.token_env}},
        )
    os.environ[app.OPTIONS_ENV] = app.options_to_environment(options)
    config: dict[str, Any] = {
        "app": "copyedit.service.app:app_from_environment",
        "factory": True,
        "host": args.host,
        "port": args.port,
        "loop": "auto",  # uvloop when installed
        "http": transport.NoDelayHttpProtocol,  # httptools when installed; TCP_NODELAY on every worker's connections
        "access_log": False,  # the application writes its own JSON access log
        "log_config": app.LOG_CONFIG,
        "timeout_graceful_shutdown": 5,
    }
    if args.workers > 1 and workers.hands_over_connections():
        logging.config.dictConfig(app.LOG_CONFIG)
        try:
            supervisor = workers.Supervisor(config, args.host, args.port, args.workers)
        except OSError as error:
            print(f"copyedit serve: cannot listen on {args.host}:{args.port}: {error.strerror or error}", file=sys.stderr)
            return EXIT_ERROR
        return EXIT_OK if supervisor.run() == 0 else EXIT_ERROR
    if args.workers > 1:
        uvicorn.run(**config, workers=args.workers)
        return EXIT_OK
    try:  # bound here, so that a port in use is said at once rather than after the start, in a log line
        listener = workers.port_socket(args.host, args.port)
        listener.listen(2048)
    except OSError as error:
        print(f"copyedit serve: cannot listen on {args.host}:{args.port}: {error.strerror or error}", file=sys.stderr)
        return EXIT_ERROR
    server = uvicorn.Server(uvicorn.Config(**config))  # (its logging set up)
    # uvicorn says where it listens only on a socket it bound itself
    host, port = listener.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    logging.getLogger("uvicorn.error").info(f"Uvicorn running on http://{shown}:{port} (Press CTRL+C to quit)")
    server.run(sockets=[listener])
    return EXIT_OK
