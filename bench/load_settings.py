"""Settings of the load test's server (bench.load): production's, served over plain HTTP.

The environment sets DEBUG off, persistent connections and the shared cache (bench.load
SERVER_ENV, README "Running in production"). In production a proxy ends TLS; on
127.0.0.1 there is none, and a client never sends a Secure cookie over http, so the
session and CSRF cookies are not marked Secure here.
"""

from pendamping.settings import *  # noqa: F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
