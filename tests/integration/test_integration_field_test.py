# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# What a field test of the collection ran into, through real ansible-playbook runs: servers that redirect, that
# answer a byte at a time or not at all, that answer success without a snapshot or with the wrong kind of snapshot;
# check mode and the fact cache; the v6 deprecation. The servers are the API simulator and small local servers,
# all on 127.0.0.1.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

HTTP_TEST = "281474976710708"      # "Corporate Website", aid 1234


def snapshot(runner, check=False, env=None, token="simulator-token", **options):
    result = runner.run("snapshot.yml", {"te": options}, check=check, token=token, env=env)
    assert "snapshot" in result.results, result.output
    return result["snapshot"], result


class LocalServer(object):
    """A one-purpose HTTP server on 127.0.0.1 in a thread; handler_factory(server) gives the handler class."""

    def __init__(self, handler):
        self.requests = []
        outer = self

        class Handler(handler):
            def log_message(self, *args):
                pass

            def record(self):
                outer.requests.append((self.command, self.path))

        self.httpd = HTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = "http://127.0.0.1:%d" % self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def redirecting_to(target, status):
    class Redirect(BaseHTTPRequestHandler):
        def _answer(self):
            self.record()
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            self.send_response(status)
            self.send_header("Location", target + self.path)
            self.send_header("Content-Length", "0")
            self.end_headers()
        do_GET = do_POST = _answer
    return Redirect


class Trickle(BaseHTTPRequestHandler):
    """Answers 201 with a JSON body sent one byte a second: each read succeeds, the answer never ends in time.
    Records when the request came and when the client hung up (a write fails), to time the client from here."""

    def do_POST(self):
        self.record()
        self.server.times = {"request": time.monotonic()}
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = json.dumps({"id": "trickle", "padding": "x" * 200}).encode()
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            for index in range(len(body)):
                self.wfile.write(body[index:index + 1])
                self.wfile.flush()
                time.sleep(1)
        except OSError:
            self.server.times["hung_up"] = time.monotonic()


class SilentServer(object):
    """Accepts connections and never says anything; records when each came and when its client closed it, so that
    how long the client held on is timed here, apart from how long ansible-playbook took to start."""

    def __init__(self):
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(8)
        self.listener.settimeout(0.2)
        self.url = "http://127.0.0.1:%d" % self.listener.getsockname()[1]
        self.connections = []  # [accepted, closed or None], one per connection
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._accept, daemon=True)]
        self._threads[0].start()

    def _accept(self):
        while not self._stop.is_set():
            try:
                connection, _address = self.listener.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            times = [time.monotonic(), None]
            self.connections.append(times)
            watcher = threading.Thread(target=self._watch, args=(connection, times), daemon=True)
            self._threads.append(watcher)
            watcher.start()

    def _watch(self, connection, times):
        connection.settimeout(0.2)
        with connection:
            while not self._stop.is_set():
                try:
                    if not connection.recv(4096):
                        break
                except socket.timeout:
                    continue
                except OSError:
                    break
            times[1] = time.monotonic()

    def held_for(self):
        """Seconds from the first connection to the last close (None while one is still open)."""
        if not self.connections or any(closed is None for _accepted, closed in self.connections):
            return None
        return max(closed for _accepted, closed in self.connections) - self.connections[0][0]

    def stop(self):
        self._stop.set()
        self.listener.close()
        for thread in self._threads:
            thread.join(timeout=5)


# ---------------------------------------------------------------- redirects (item 6)

@pytest.mark.parametrize("status", [301, 307, 308])
def test_a_redirect_is_not_followed_and_names_its_target(runner, sim, status):
    server = LocalServer(redirecting_to(sim.url, status))
    try:
        result, unused = snapshot(runner, api_url=server.url, test_id=HTTP_TEST, hours=1)
    finally:
        server.stop()

    assert result["failed"] and result["status"] == status, result
    assert "a redirect to %s/v7/tests/%s/snapshot" % (sim.url, HTTP_TEST) in result["msg"]
    assert "Set api_url to %s, where the API answers." % sim.url in result["msg"]
    assert "Check the API token" not in result["msg"]
    # Not followed: the API behind it saw nothing (no POST turned GET, no POST without its token, no 401).
    assert sim.requests() == [] and server.requests == [("POST", "/v7/tests/%s/snapshot" % HTTP_TEST)]


# ---------------------------------------------------------------- slow servers (item 7)

def test_a_body_sent_a_byte_at_a_time_cannot_hold_the_task_past_its_timeout(runner):
    server = LocalServer(Trickle)
    try:
        result, unused = snapshot(runner, api_url=server.url, test_id=HTTP_TEST, hours=1, timeout=3)
        # A write notices the hang-up one or two writes (a second each) after it: wait for that, a bounded while.
        deadline = time.monotonic() + 5
        while "hung_up" not in server.httpd.times and time.monotonic() < deadline:
            time.sleep(0.1)
        held = server.httpd.times.get("hung_up", float("inf")) - server.httpd.times["request"]
    finally:
        server.stop()

    assert result["failed"] and "no complete answer within timeout=3s" in result["msg"], result
    assert result["snapshot_may_exist"] is True
    # The field test saw 99 s. Timed at the server, from the request to the client hanging up: the 3 s timeout,
    # plus up to 2 s for a write to notice (one a second), plus the module's exit on a loaded machine (4-5 s idle).
    print("\ntrickled answer, timeout=3: the client hung up %.1fs after its request" % held)
    assert held < 15, "the client held the trickling answer for %.1fs" % held
    # And the POST was not sent again (a second snapshot) in the meantime.
    assert server.requests == [("POST", "/v7/tests/%s/snapshot" % HTTP_TEST)], server.requests


def test_a_get_to_a_silent_server_ends_within_its_timeout(runner):
    server = SilentServer()
    try:
        result, unused = snapshot(runner, api_url=server.url, test_name="Corporate Website", hours=1, timeout=3)
        deadline = time.monotonic() + 5
        while server.held_for() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        held, tries = server.held_for(), len(server.connections)
    finally:
        server.stop()

    assert result["failed"] and "within timeout=3s" in result["msg"], result
    assert result.get("snapshot_may_exist") is not True
    # The field test saw 21 s (four tries of 3 s plus back-off); the retries now fit in the 3 s. Timed at the
    # server, from the first connection to the last close, apart from how long ansible-playbook took to start.
    print("\nsilent server, timeout=3: %d connection(s), from the first to the last close %.1fs" % (tries, held or -1))
    assert tries >= 1 and held is not None and held < 5, "%d connection(s) held for %s s" % (tries, held)


# ---------------------------------------------------------------- answers (items 8 and 14)

@pytest.mark.parametrize("answer", [{}, [], None, "ok"], ids=repr)
def test_a_201_without_a_snapshot_fails_saying_it_may_exist(runner, sim, answer):
    sim.script({"kind": "respond", "status": 201, "json": answer, "process": True, "match": {"method": "POST"}})
    result, unused = snapshot(runner, test_id=HTTP_TEST, hours=1)

    assert result["failed"] and result["changed"] and result["snapshot_may_exist"], result
    assert "the answer has no snapshot id" in result["msg"] and "a snapshot may have been created" in result["msg"]
    assert result["response"] == answer
    assert len(sim.snapshots()) == 1


def test_a_private_request_answered_with_a_public_link_fails_giving_the_link(runner, sim):
    sim.script({"kind": "respond", "status": 201, "match": {"method": "POST"},
                "json": {"id": "leaked", "testId": "281474976799999", "sourceTestId": HTTP_TEST, "test": {"savedEvent": False}}})
    result, unused = snapshot(runner, test_id=HTTP_TEST, hours=1, public=False)

    assert result["failed"] and result["public_link_exposed"], result
    assert "PUBLIC share link: id leaked, https://leaked.share.thousandeyes.com/" in result["msg"]
    assert result["snapshot"]["share_url"] == "https://leaked.share.thousandeyes.com/"


# ---------------------------------------------------------------- check mode and facts (items 2 and 3)

# Item 2 (--check keeps the fact, in the play and in the fact cache) is test_the_fact_is_cached_both_ways in
# test_integration_execution_paths.py, which runs on every core through both execution paths.

def test_check_mode_by_test_id_finds_a_wrong_token_and_a_missing_test(runner, sim):
    wrong_token, unused = snapshot(runner, check=True, token="not-a-valid-token", test_id=HTTP_TEST, hours=1)
    assert wrong_token["failed"] and wrong_token["status"] == 401, wrong_token

    missing, unused = snapshot(runner, check=True, test_id="281474976799999", hours=1)
    assert missing["failed"] and missing["option"] == "test_id", missing
    assert "no test with ID 281474976799999 in this account group" in missing["msg"]
    assert sim.posts() == []


# ---------------------------------------------------------------- environment and deprecation (items 4 and 13)

def test_an_empty_thousandeyes_token_falls_back_to_te_token_and_empty_aid_to_te_aid(runner, sim):
    result, unused = snapshot(runner, token=None, env={"THOUSANDEYES_TOKEN": "", "TE_TOKEN": "simulator-token",
                                                       "THOUSANDEYES_AID": "", "TE_AID": "5678"},
                              test_name="Lab DNS", hours=1)

    assert not result.get("failed"), result
    assert sim.snapshots()[0]["aid"] == "5678"


def test_without_any_token_the_message_names_the_environment_variables(runner, sim):
    result, unused = snapshot(runner, token=None, test_id=HTTP_TEST, hours=1)

    assert result["failed"] and "THOUSANDEYES_TOKEN or TE_TOKEN" in result["msg"], result
    assert sim.requests() == []


# Item 13's runtime deprecation of API v6 is asserted by test_behaviours_both_ways in test_integration_execution_paths.py.
