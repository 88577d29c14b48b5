"""A real server process killed with SIGKILL after its write committed and before a
byte of its answer went out (issue 15): the client sees the connection drop, sends
the same request again with the same Idempotency-Key to a new server, and gets the
first answer; one row exists. Real processes on the test database
(pendamping/tests/killed.py)."""

import http.client
import json

import pytest

from pendamping.accounts.models import ApiToken, IdempotentRequest
from pendamping.cases.models import ProgressNote
from pendamping.tests import killed

pytestmark = pytest.mark.django_db(transaction=True)

# The WSGI application of pendamping/wsgi.py under wsgiref, one request at a time.
# With KILL_AFTER_COMMIT set, the process kills itself (SIGKILL, as kill -9 does) when
# the application has answered a POST: its transaction has committed, and the answer
# is still in the process, not yet written to the socket.
SERVER = """
import os, signal, sys
from wsgiref.simple_server import WSGIRequestHandler, make_server
from pendamping.wsgi import application

def app(environ, start_response):
    result = application(environ, start_response)
    if environ["REQUEST_METHOD"] == "POST" and os.environ.get("KILL_AFTER_COMMIT"):
        os.kill(os.getpid(), signal.SIGKILL)
    return result

class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass

server = make_server("127.0.0.1", int(sys.argv[1]), app, handler_class=Quiet)
print("ready", flush=True)
server.serve_forever()
"""


def serve(db_file, **extra):
    port = killed.free_port()
    process = killed.start(["-c", SERVER, str(port)], db_file, **extra)
    assert process.stdout.readline().strip() == "ready", process.stdout.read()
    return process, port


def post(port, path, body, headers):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=killed.PATIENCE)
    try:
        conn.request("POST", path, json.dumps(body), headers | {"Content-Type": "application/json"})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), json.loads(response.read())
    finally:
        conn.close()


def test_a_write_whose_server_died_before_answering_is_retried_safely(world, tmp_path):
    db_file = tmp_path / "shared.sqlite3"
    case, worker = world.a.case, world.a.users["worker"]
    headers = {"Authorization": f"Bearer {ApiToken.issue(worker)}", "Idempotency-Key": "kill-1"}
    path, body = f"/api/v1/cases/{case.pk}/notes", {"kind": "phone", "body": "Telepon ibu."}
    before = ProgressNote.objects.filter(case=case).count()

    with killed.shared(db_file):
        server, port = serve(db_file, KILL_AFTER_COMMIT=1)
        with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
            post(port, path, body, headers)  # the answer never comes
        server.wait(timeout=killed.PATIENCE)
        assert server.returncode == -9

        server, port = serve(db_file)
        try:
            status, answer_headers, answer = post(port, path, body, headers)
            # and once more: still the first answer
            again = post(port, path, body, headers)
        finally:
            killed.kill9(server)

    assert status == 201, answer
    assert answer_headers.get("Idempotent-Replayed") == "true"  # the first run's answer
    assert again[0] == 201 and again[2] == answer
    notes = ProgressNote.objects.filter(case=case)
    assert notes.count() == before + 1  # written once, by the killed server
    assert notes.get(pk=answer["id"]).body == "Telepon ibu."
    assert IdempotentRequest.objects.filter(user=worker, key="kill-1").count() == 1
