# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# HTTP plumbing: a threaded http.server (TLS optional) that turns each request
# into an admin call or an API request and writes the answer.

import socket
import ssl
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from .api import ApiRequest
from .responses import DROP_CONNECTION


class ConnectionDropped(Exception):
    """The client went away while its request was read."""


class RequestHandler(BaseHTTPRequestHandler):
    """Turns HTTP requests into ApiRequest / admin calls and writes the answers."""

    protocol_version = "HTTP/1.1"
    server_version = "ThousandEyesApiSimulator/1.0"
    timeout = 60
    # TCP_NODELAY: headers and body go out in two writes; with Nagle on, a keep-alive client's delayed
    # ACK would hold every answer back by about 40 ms.
    disable_nagle_algorithm = True

    def version_string(self):
        return self.server_version

    def __getattr__(self, name):
        # http.server answers a method it finds no do_<METHOD> for with its own 501 HTML page. Every
        # method goes to dispatch instead, so one the API does not take (OPTIONS, TRACE, QUERY, ...)
        # gets the API's 405 with an Allow header and a JSON body.
        if name.startswith("do_"):
            return self.dispatch
        raise AttributeError(name)

    def dispatch(self):
        try:
            body = self.read_body()
        except ConnectionDropped:
            self.close_connection = True
            return
        url = urlsplit(self.path)
        simulator = self.server.simulator
        if url.path.startswith("/_sim/"):
            self.write_response(simulator.admin.handle(self.command, url.path, body))
            return
        request = ApiRequest(self.command, url.path, parse_qsl(url.query, keep_blank_values=True), list(self.headers.items()), body,
                             self.client_address[0], self.base_url())
        self.write_response(simulator.serve_api_request(request))

    def base_url(self):
        """Links point back at the host the client used, like the real API's links do."""
        host = self.headers.get("Host")
        if not host:
            return self.server.simulator.url
        return "{0}://{1}".format(self.server.simulator.scheme, host)

    def read_body(self):
        try:
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                return self.read_chunked_body()
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length > 0 else b""
        except (OSError, ValueError) as exc:
            raise ConnectionDropped() from exc

    def read_chunked_body(self):
        chunks = []
        while True:
            size = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline().strip():
                    continue
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline()

    def write_response(self, response):
        if response is DROP_CONNECTION:
            self.close_connection = True
            return
        try:
            self.send_response(response.status)
            if response.content_type:
                self.send_header("Content-Type", response.content_type)
            if response.status != 204:
                # RFC 9110 8.6: no Content-Length on a 204 (the dashboard snapshot PATCH and DELETE answer 204).
                self.send_header("Content-Length", str(len(response.body)))
            for name, value in response.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                # An answer to HEAD has headers only (RFC 9110 9.3.2), or the client would read the body as the next response.
                self.wfile.write(response.body)
            self.wfile.flush()
        except OSError:
            # The client gave up (e.g. timed out during a delay fault).
            self.close_connection = True

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        if self.server.simulator.verbose:
            sys.stderr.write("%s - %s\n" % (self.address_string(), format % args))


class SimulatorHTTPServer(ThreadingHTTPServer):
    """Threaded server that does the TLS handshake in the worker thread and can drop all connections on stop."""

    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(self, address, simulator, ssl_context=None):
        self.simulator = simulator
        self.ssl_context = ssl_context
        self.connections = set()
        self.connections_lock = threading.Lock()
        super().__init__(address, RequestHandler)

    def finish_request(self, request, client_address):
        connection = self.wrap_tls(request) if self.ssl_context is not None else request
        if connection is None:
            return
        with self.connections_lock:
            self.connections.add(connection)
        try:
            self.RequestHandlerClass(connection, client_address, self)
        finally:
            with self.connections_lock:
                self.connections.discard(connection)
            if connection is not request:
                connection.close()

    def wrap_tls(self, request):
        """The TLS connection, or None when the handshake fails (the caller then just closes the socket)."""
        request.settimeout(10)
        try:
            return self.ssl_context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            return None

    def handle_error(self, request, client_address):
        # Clients hanging up is normal here (timeouts, 'close' faults); stay quiet about it.
        if isinstance(sys.exc_info()[1], (ConnectionError, ssl.SSLError, socket.timeout)):
            return
        super().handle_error(request, client_address)

    def drop_connections(self):
        with self.connections_lock:
            connections = list(self.connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                continue


class SimulatorHTTPServerV6(SimulatorHTTPServer):
    address_family = socket.AF_INET6


def build_ssl_context(certfile, keyfile):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certfile, keyfile)
    return context
