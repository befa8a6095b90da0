"""Serving the app over HTTP: a threaded werkzeug server, in a background thread or in the CLI."""

import logging
import threading

from werkzeug.serving import make_server

from .app import create_app

# How often serve_forever looks for a shutdown request: stopping takes at most this long.
POLL_INTERVAL = 0.05


def server_url(server):
    host, port = server.server_address[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def make_http_server(app, host="127.0.0.1", port=0):
    # werkzeug logs every request at INFO; the simulator's own request log is /__sim__/requests.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    return make_server(host, port, app, threaded=True)


class SimulatorServer:
    """A simulator listening on a free loopback port in a background thread.

    ``with SimulatorServer() as sim: requests.get(sim.url + "/__sim__/state")``. Keyword arguments
    go to ``create_app`` (``seed``, ``state_file``, ``validate_responses``, ``spec_path``).
    """

    def __init__(self, host="127.0.0.1", port=0, **app_options):
        self.app = create_app(**app_options)
        self._server = make_http_server(self.app, host, port)
        self._thread = None

    @property
    def url(self):
        return server_url(self._server)

    def start(self):
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(POLL_INTERVAL,), name="atlas-simulator", daemon=True
        )
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
        self.app.store.save_if_changed()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()
