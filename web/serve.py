#!/usr/bin/env python3
"""Serves the page (a folder) on 127.0.0.1 with the MIME types browsers need: application/wasm lets
the browser compile kosim.wasm while it downloads. Usage: serve.py FOLDER [PORT]   (PORT 0: any free
port). The first line printed is the page's address."""
import functools
import http.server
import sys

TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
         ".wasm": "application/wasm", ".data": "application/octet-stream", ".png": "image/png",
         ".json": "application/json", ".kos": "text/plain; charset=utf-8", "": "application/octet-stream"}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = TYPES

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")   # a rebuilt page shows at the next reload
        super().end_headers()

    def log_message(self, format, *args):
        pass   # quiet: the tests read the first line only


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: serve.py FOLDER [PORT]")
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 8000
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=sys.argv[1]))
    print(f"http://127.0.0.1:{server.server_address[1]}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
