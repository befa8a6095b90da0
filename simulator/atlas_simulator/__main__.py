"""``atlas-simulator [--host 127.0.0.1] [--port 0] [--seed FILE] [--state-file FILE] [--ready-file FILE]``.

The same as ``python -m atlas_simulator``. The first line printed is
``atlas-simulator listening on http://HOST:PORT``; with ``--ready-file`` that URL is also written to
a file once the simulator answers, so that a CI job can wait for the file instead of reading stdout.
SIGTERM or SIGINT stops it cleanly (the state file, if any, is written first; the ready file is
removed).
"""

import argparse
import logging
import os
import signal
import sys
import threading

from .app import create_app
from .server import POLL_INTERVAL, make_http_server, server_url
from .spec_source import SpecSourceError
from .state import load_seed_file


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="atlas-simulator", description="A local, stateful Atlas Admin API v2.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port to listen on; 0 picks a free one (default)")
    parser.add_argument("--seed", help="YAML or JSON seed file replacing the default seed")
    parser.add_argument("--state-file", help="keep the state in this JSON file: loaded at start, written on changes")
    parser.add_argument(
        "--validate-responses",
        action="store_true",
        help="check every answer against the spec; a violation becomes a 500 (see GET /__sim__/violations)",
    )
    parser.add_argument(
        "--control-from-anywhere",
        action="store_true",
        help="answer the control API (/__sim__/) from any client address, not only loopback: for a "
        "service container on a CI job's private network, never on a shared host",
    )
    parser.add_argument(
        "--ready-file",
        help="once listening, write the base URL (http://HOST:PORT) to this file; removed again on exit",
    )
    return parser.parse_args(argv)


def write_ready_file(path, url):
    """Write URL to PATH in one step (a temporary file renamed), so a reader never sees half of it."""
    temporary = f"{path}.tmp{os.getpid()}"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(url + "\n")
    os.replace(temporary, path)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    try:
        seed = load_seed_file(args.seed) if args.seed else None
        app = create_app(
            seed=seed,
            state_file=args.state_file,
            validate_responses=args.validate_responses,
            control_from_anywhere=args.control_from_anywhere,
        )
        server = make_http_server(app, args.host, args.port)
    except (OSError, ValueError, SpecSourceError) as error:
        print(f"atlas-simulator: {error}", file=sys.stderr)
        return 2
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    # Only now announce the URL: a caller may signal us as soon as it reads this line.
    url = server_url(server)
    print(f"atlas-simulator listening on {url}", flush=True)
    serving = threading.Thread(target=server.serve_forever, args=(POLL_INTERVAL,), name="atlas-simulator", daemon=True)
    serving.start()
    try:
        if args.ready_file:
            # The socket listens already (make_server bound it): connections made from now on are answered.
            write_ready_file(args.ready_file, url)
        stop.wait()
    finally:
        server.shutdown()
        server.server_close()
        app.store.save_if_changed()
        if args.ready_file:
            try:
                os.remove(args.ready_file)
            except OSError:
                pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
