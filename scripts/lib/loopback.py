"""HTTP stand-in for the script tests (scripts/lib/assert.sh serve_loopback).

Usage: python3 loopback.py HANDLER_FILE ARGS...
HANDLER_FILE defines `class Handler(Quiet)` (Quiet is a silent BaseHTTPRequestHandler) and may read
ARGS from `argv`. The server listens on a free port of 127.0.0.1 and prints that port first.
"""
import http.server
import sys


class Quiet(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main():
    handler_file, argv = sys.argv[1], sys.argv[2:]
    scope = {"Quiet": Quiet, "argv": argv, "__name__": "handler"}
    with open(handler_file, encoding="utf-8") as f:
        exec(compile(f.read(), handler_file, "exec"), scope)
    server = http.server.HTTPServer(("127.0.0.1", 0), scope["Handler"])
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
