"""Serves a built site on 127.0.0.1:PORT and resolves its pages with
pyoembed, an oEmbed consumer that discovers the endpoint from the page's
<link type="application/json+oembed">: the HTML it returns must be the
iframe snippet of the page's embed."""
import functools
import http.server
import sys
import threading

from pyoembed import oEmbed

out, port = sys.argv[1], int(sys.argv[2])
handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=out)
handler.log_message = lambda *a: None
server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{port}/"
try:
    for page, embed in [("", "embed/"), ("tags/ferry/", "tags/ferry/embed/"), ("story/", "embed/story/")]:
        data = oEmbed(base + page, maxwidth=640)
        assert data["type"] == "rich", data
        html = data["html"]
        assert f'<iframe src="{base}{embed}"' in html, html
        assert f'data-pym-src="{base}{embed}"' in html, html
        assert f'<script src="{base}pym.v1.min.js"></script>' in html, html
        print(f"ok {base}{page}: {data['title']}")
finally:
    server.shutdown()
