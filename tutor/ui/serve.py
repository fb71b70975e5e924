"""`qi-tutor serve`: the tutor in a browser, one app process and one profile per connection.

textual-serve runs a command per WebSocket connection and relays the terminal to
xterm.js in the page. On top of it: the page asks for a name first (the profile rule
of `tutor.paths`), the connection's app runs with `--profile NAME`, so each name
keeps its own record; a WebSocket whose `Origin` is not the served address is refused,
so another site open in the student's browser cannot drive the tutor; and the page
turns on xterm.js's screen-reader mode, which keeps the terminal's rows in the DOM as
text (for screen readers, and for the browser test that reads them).
"""

from __future__ import annotations

import argparse
import asyncio
import re
import shlex
import socket
import sys
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
import textual_serve
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from tutor import exit_codes
from tutor.paths import PROFILE_RULE, BadProfile, Locations, profile_name
from tutor.terminal_text import shown

PAGE = Path(__file__).with_name("serve_page.html")
# The bundle builds its terminal with `new <module>.Terminal({...})`; one option more turns the
# accessibility tree on. The pattern is checked at start, so a textual-serve that changed it fails loudly.
TERMINAL_OPTIONS = re.compile(r"(new \w+\.Terminal\(\{)")
WILDCARD_HOSTS = {"0.0.0.0", "::", ""}


class ServeError(Exception):
    """A reason the server cannot start, worded for the person who ran the command."""


def origin(url: str) -> str:
    """`scheme://host[:port]` of `url`, lower-cased, as a browser sends it in `Origin`."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


@cache
def terminal_script() -> str:
    """textual-serve's page script with xterm.js's screen-reader mode on."""
    bundle = Path(textual_serve.__file__ or "").parent / "static" / "js" / "textual.js"
    script, found = TERMINAL_OPTIONS.subn(r"\1screenReaderMode:!0,", bundle.read_text(encoding="utf-8"))
    if found != 1:
        raise ServeError(f"textual-serve's page script has changed ({bundle}); qi-tutor serve needs textual-serve 1.1")
    return script


class TutorServer(Server):
    """textual-serve's server, with a name page, a per-name command and an Origin check."""

    def __init__(self, host: str, port: int, public_url: str, app_command: list[str]) -> None:
        super().__init__(shlex.join(app_command), host=host, port=port, title="qi-tutor", public_url=public_url)
        self.app_command = app_command
        self.allowed_origin = origin(self.public_url)

    async def _make_app(self) -> web.Application:
        app = web.Application()
        # Autoescape: the page repeats the name a visitor typed.
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(PAGE.parent), autoescape=True)
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws/{name}", self.handle_websocket, name="websocket"),
                web.get("/terminal.js", self.handle_script, name="script"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        return app

    async def on_startup(self, app: web.Application) -> None:
        print(f"qi-tutor serve: open {self.public_url} in a browser; Ctrl+C stops the server.", flush=True)

    async def handle_script(self, request: web.Request) -> web.Response:
        return web.Response(text=terminal_script(), content_type="application/javascript")

    async def handle_index(self, request: web.Request) -> web.Response:
        """The name form; with a valid `?name=`, the terminal for that name."""
        name = request.query.get("name")
        context: dict[str, Any] = {"static": f"{self.public_url}/static/", "name": None, "tried": "", "problem": None}
        status = 200
        if name is not None:
            try:
                context["name"] = profile_name(name.strip())
            except BadProfile:
                context["tried"], status = name, 400
                context["problem"] = f"'{shown(name, 40)}' is not a name here: a name is {PROFILE_RULE}."
        if context["name"]:
            context["websocket_url"] = "ws" + self.public_url.removeprefix("http") + f"/ws/{context['name']}"
            context["font_size"] = to_int(request.query.get("fontsize", "16"), 16)
        return aiohttp_jinja2.render_template(PAGE.name, request, context, status=status)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One app process for this connection, under the connection's name, if the page is ours."""
        sent_from = request.headers.get("Origin", "")
        if origin(sent_from) != self.allowed_origin:
            print(f"qi-tutor serve: refused a connection from {shown(sent_from or 'no origin', 80)}", flush=True)
            raise web.HTTPForbidden(text=f"connections come only from pages served at {self.allowed_origin}")
        try:
            name = profile_name(request.match_info["name"])
        except BadProfile:
            raise web.HTTPBadRequest(text=f"a name is {PROFILE_RULE}") from None
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service: AppService | None = None

        async def close() -> None:
            await websocket.close()

        try:
            await websocket.prepare(request)
            service = AppService(
                shlex.join([*self.app_command, "--profile", name]),
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self.download_manager,
            )
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        finally:
            if service is not None:
                await service.stop()
        return websocket


def app_command(args: argparse.Namespace, locations: Locations) -> list[str]:
    """The command each connection runs, before its `--profile`: this Python, this data folder, these banks."""
    command = [sys.executable, "-m", "tutor", "--data-dir", str(locations.data_dir)]
    for bank in getattr(args, "bank", []):
        command += ["--bank", str(Path(bank).expanduser().absolute())]
    if getattr(args, "seed", None) is not None:
        command += ["--seed", str(args.seed)]
    if getattr(args, "no_shuffle", False):
        command.append("--no-shuffle")
    return command


def served_url(host: str, port: int, url: str | None) -> str:
    """The address students open, which is also the only `Origin` accepted."""
    if url:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ServeError(f"--url wants an address such as http://tutor.example:{port}, not {shown(url, 80)!r}")
        return origin(url)
    if host in WILDCARD_HOSTS:
        raise ServeError(
            f"--host {host!r} listens on every address; say which one students open with "
            f"--url http://HOST:{port} (browsers are allowed in only from that address)"
        )
    named = f"[{host}]" if ":" in host else host
    return f"http://{named}" + ("" if port == 80 else f":{port}")


def check_listen(host: str, port: int) -> None:
    """Bind once before starting, so a port in use or a bad host is one clear line, not a traceback."""
    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        raise ServeError(f"cannot listen on host {shown(host, 80)!r}: {error.strerror}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            raise ServeError(f"cannot listen on {shown(host, 80)} port {port}: {error.strerror}") from None


WARNING = (
    "qi-tutor serve: there is no login. Anyone who can reach {url} can use the tutor under any name, "
    "and see and add to that name's record. Serve only where you trust everyone who can reach the port."
)


def run_serve(args: argparse.Namespace, locations: Locations) -> int:
    """`qi-tutor serve [--host H] [--port N] [--url URL]`: serve until Ctrl+C."""
    if getattr(args, "profile", None):
        print("qi-tutor serve: each browser gives its own name; --profile does not apply here", file=sys.stderr)
        return exit_codes.USAGE
    try:
        url = served_url(args.host, args.port, args.url)
        check_listen(args.host, args.port)
        terminal_script()
    except ServeError as error:
        print(f"qi-tutor serve: {error}", file=sys.stderr)
        return exit_codes.USAGE
    print(WARNING.format(url=url), file=sys.stderr, flush=True)
    server = TutorServer(args.host, args.port, url, app_command(args, locations))
    try:
        server.serve()
    except OSError as error:  # taken between the check and the bind
        print(f"qi-tutor serve: cannot listen on {args.host} port {args.port}: {error.strerror}", file=sys.stderr)
        return exit_codes.USAGE
    return exit_codes.OK
