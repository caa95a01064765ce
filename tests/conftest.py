"""Fixtures shared by the test modules."""

from http_server import http_server  # noqa: F401  (a scripted HTTP server on 127.0.0.1)
