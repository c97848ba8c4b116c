"""A static file server for the browser tests, behaving like GitHub Pages:
it sends `Access-Control-Allow-Origin: *`, which a sandboxed frame (whose
origin is opaque) needs to load the site's module script and wasm.

usage: python3 serve.py DIRECTORY     (binds 127.0.0.1 on a free port, prints it)
"""
import functools
import http.server
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, *args):
        pass


def main():
    directory = sys.argv[1]
    handler = functools.partial(Handler, directory=directory)
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        print(f"serving on port {server.server_address[1]}", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main()
