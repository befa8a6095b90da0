# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A scriptable fake Atlas on pytest-httpserver, for unit tests that need real HTTP.

Every request is recorded with its raw path (werkzeug decodes %2F in request.path, and the
tests must see what went over the wire) and the headers that reached the server.
"""

from __future__ import annotations

import json
import re
import socket

from werkzeug.wrappers import Response


class FakeAtlas:
    """Routes (method, raw path regex) to handlers; a handler takes the request and returns a Response."""

    def __init__(self, httpserver):
        self.server = httpserver
        self.routes = []
        self.requests = []
        httpserver.expect_request(re.compile(".*")).respond_with_handler(self._dispatch)

    @property
    def url(self):
        return self.server.url_for("").rstrip("/")

    def route(self, method, path_regex, handler):
        self.routes.append((method, re.compile(path_regex + "$"), handler))

    def json(self, method, path_regex, body, status=200, headers=None):
        self.route(method, path_regex, lambda request: json_response(body, status, headers))

    def sequence(self, method, path_regex, responses):
        """Answer each request with the next response factory; the last one repeats."""
        remaining = list(responses)

        def handler(request):
            factory = remaining.pop(0) if len(remaining) > 1 else remaining[0]
            return factory(request)

        self.route(method, path_regex, handler)

    def _dispatch(self, request):
        raw_path = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI") or request.path
        raw_path = raw_path.split("?", 1)[0]
        self.requests.append(
            dict(method=request.method, path=raw_path, query=request.args.to_dict(), headers=dict(request.headers), body=request.get_data(as_text=True))
        )
        for method, regex, handler in self.routes:
            if method == request.method and regex.match(raw_path):
                return handler(request)
        return json_response({"error": 404, "errorCode": "RESOURCE_NOT_FOUND", "detail": "no route in the fake", "reason": "Not Found"}, 404)

    def made(self, method=None, path_regex=None):
        return [
            r for r in self.requests
            if (method is None or r["method"] == method) and (path_regex is None or re.match(path_regex + "$", r["path"]))
        ]


def json_response(body, status=200, headers=None, content_type="application/json"):
    return Response(json.dumps(body) if body is not None else "", status=status, headers=headers or {}, content_type=content_type)


def broken_body_response(request, body, status=200):
    """An answer whose connection closes halfway through the body, after the headers went out."""
    text = json.dumps(body).encode()

    def chunks():
        yield text[: len(text) // 2]
        # werkzeug flushed the first half; shutting the socket ends the connection there.
        request.environ["werkzeug.socket"].shutdown(socket.SHUT_RDWR)

    return Response(chunks(), status=status, headers={"Content-Length": str(len(text))}, content_type="application/json")
