"""A Hugging Face hub on 127.0.0.1 for tests: model folders served in the hub's layout.

Routes the hub client and our downloader use: ``GET /api/models/{repo}[/revision/{rev}]``
(model info with ``siblings``, each with size, git blob id and, for LFS files, sha256) and
``GET|HEAD /{repo}/resolve/{rev}/{file}`` (ETag, X-Repo-Commit, Content-Length, Range), LFS
files through a redirect to ``/cdn/…`` as on the real hub.
Faults on request: drop the connection mid-file, or serve altered bytes under the real hash.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlparse

COMMIT = "0123456789abcdef0123456789abcdef01234567"
LFS_SUFFIXES = (".safetensors", ".bin", ".model", ".h5")


@dataclass
class Hub:
    repos: dict[str, Path]
    drop_after: dict[str, int] = field(default_factory=dict)  # file -> bytes sent, once
    corrupt: set[str] = field(default_factory=set)
    throttle: dict[str, float] = field(default_factory=dict)  # file -> seconds per 8 KiB sent
    requests: list[tuple[str, str, str]] = field(default_factory=list)  # (method, path, range)
    url: str = ""

    def siblings(self, repo: str) -> list[dict[str, object]]:
        out: list[dict[str, object]] = []
        for item in sorted(self.repos[repo].iterdir()):
            if not item.is_file():
                continue
            data = item.read_bytes()
            blob = hashlib.sha1(f"blob {len(data)}\0".encode() + data).hexdigest()
            row: dict[str, object] = {"rfilename": item.name, "size": len(data), "blobId": blob}
            if item.name.endswith(LFS_SUFFIXES):
                sha = hashlib.sha256(data).hexdigest()
                row["lfs"] = {"sha256": sha, "size": len(data), "pointerSize": 134}
            out.append(row)
        return out


def _handler(hub: Hub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # quiet
            pass

        def do_HEAD(self) -> None:
            self.do_GET(head=True)

        def do_GET(self, head: bool = False) -> None:
            path = unquote(urlparse(self.path).path)
            hub.requests.append((self.command, path, self.headers.get("Range", "")))
            info = re.fullmatch(r"/api/models/(.+?)(?:/revision/[^/]+)?", path)
            if info and info.group(1) in hub.repos:
                repo = info.group(1)
                body = json.dumps(
                    {"id": repo, "modelId": repo, "sha": COMMIT, "siblings": hub.siblings(repo)}
                ).encode()
                return self._send(200, body, {"Content-Type": "application/json"}, head)
            got = re.fullmatch(r"/(.+?)/resolve/([^/]+)/(.+)", path)
            if got and got.group(1) in hub.repos:
                file = hub.repos[got.group(1)] / got.group(3)
                if file.is_file() and file.name.endswith(LFS_SUFFIXES):
                    return self._redirect(got.group(1), file, head)
                if file.is_file():
                    return self._file(file, head)
            if path.startswith("/cdn/"):
                repo, name = path[len("/cdn/") :].rsplit("/", 1)
                if repo in hub.repos and (hub.repos[repo] / name).is_file():
                    return self._file(hub.repos[repo] / name, head)
            body = json.dumps({"error": "Repository not found"}).encode()
            self._send(404, body, {"X-Error-Code": "RepoNotFound"}, head)

        def _redirect(self, repo: str, file: Path, head: bool) -> None:
            """LFS files are served elsewhere, as on the real hub (Range must survive)."""
            data = file.read_bytes()
            headers = {
                "Location": f"/cdn/{repo}/{file.name}",
                "X-Repo-Commit": COMMIT,
                "X-Linked-Etag": f'"{hashlib.sha256(data).hexdigest()}"',
                "X-Linked-Size": str(len(data)),
            }
            self._send(302, b"", headers, head)

        def _file(self, file: Path, head: bool) -> None:
            data = file.read_bytes()
            sha = hashlib.sha256(data).hexdigest()
            if file.name in hub.corrupt:
                data = bytes(b ^ 0xFF for b in data[:64]) + data[64:]
            start = 0
            status = 200
            match = re.fullmatch(r"bytes=(\d+)-", self.headers.get("Range", ""))
            if match:
                start = int(match.group(1))
                if start >= len(data):
                    return self._send(416, b"", {"Content-Range": f"bytes */{len(data)}"}, head)
                status = 206
            headers = {
                "ETag": f'"{sha}"',
                "X-Repo-Commit": COMMIT,
                "Accept-Ranges": "bytes",
                "Content-Type": "application/octet-stream",
            }
            if status == 206:
                headers["Content-Range"] = f"bytes {start}-{len(data) - 1}/{len(data)}"
            body = data[start:]
            cut = hub.drop_after.pop(file.name, None)
            if cut is not None and not head:
                self._send(status, body, headers, head, cut=cut)
                self.close_connection = True
                self.connection.shutdown(2)  # the connection drops mid-file
                return
            self._send(status, body, headers, head, pause=hub.throttle.get(file.name, 0.0))

        def _send(
            self,
            status: int,
            body: bytes,
            headers: dict[str, str],
            head: bool,
            cut: int | None = None,
            pause: float = 0.0,
        ) -> None:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if head:
                return
            body = body if cut is None else body[:cut]
            step = 8192 if pause else max(1, len(body))
            try:
                for i in range(0, len(body), step):  # a slow network, when asked for
                    self.wfile.write(body[i : i + step])
                    self.wfile.flush()
                    time.sleep(pause)
            except OSError:  # the client went away (a cancelled download)
                self.close_connection = True

    return Handler


@contextmanager
def serve(repos: dict[str, Path]) -> Iterator[Hub]:
    """Run a hub for ``repos`` (id -> folder) on a free port of 127.0.0.1."""
    hub = Hub(repos)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(hub))
    server.daemon_threads = True
    hub.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield hub
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
