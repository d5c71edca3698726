"""Running the API under uvicorn, in one process or several (``serve --workers``)."""

from __future__ import annotations

import copy
import socket
from pathlib import Path
from typing import Any

import uvicorn
from uvicorn.config import LOGGING_CONFIG
from uvicorn.supervisors import Multiprocess

APP_FACTORY = "csec_desktop.server.app:app_from_environment"
# Longer than clients and load balancers keep idle connections (httpx: 5 s, AWS ALB: 60 s), so the
# server is never the side that closes a connection a client is just reusing: that race loses the
# request in flight. uvicorn's default, 5 s, equals httpx's and makes the race common.
KEEP_ALIVE_SECONDS = 65


def log_config() -> dict[str, Any]:
    """uvicorn's logging, plus the server's own loggers (``csec_desktop.server``: its access log
    and errors, which name route templates and exception types, never request content).
    uvicorn's access log is off: it prints paths and query strings as sent."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["csec_desktop"] = {
        "handlers": ["default"],
        "level": "INFO",
        "propagate": False,
    }
    return config


class TcpConfig(uvicorn.Config):
    """uvicorn's settings, with a listening socket whose connections keep TCP_NODELAY.

    With more than one worker, uvicorn binds the socket itself and leaves its ``proto`` at 0;
    accepted connections inherit that, and asyncio sets TCP_NODELAY only on sockets whose ``proto``
    is IPPROTO_TCP. Nagle's algorithm then holds back each answer's last segment until the client's
    delayed ACK: about 40 ms added to every request on a kept-alive connection (uvicorn issue
    #3149). Re-wrapping the same descriptor with the right ``proto`` fixes it.
    """

    def bind_socket(self) -> socket.socket:
        sock = super().bind_socket()
        if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.proto == 0:
            tcp = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, sock.detach())
            tcp.set_inheritable(True)
            return tcp
        return sock


def serve(
    *,
    host: str,
    port: int,
    workers: int = 1,
    certfile: Path | None = None,
    keyfile: Path | None = None,
) -> bool:
    """Serve until stopped; False when the server could not start (port taken, bad TLS files)."""
    config = TcpConfig(
        APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        ssl_certfile=str(certfile) if certfile else None,
        ssl_keyfile=str(keyfile) if keyfile else None,
        log_level="info",
        log_config=log_config(),
        access_log=False,
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
    )
    if config.workers > 1:
        Multiprocess(config, sockets=[config.bind_socket()]).run()
        return True
    server = uvicorn.Server(config)
    server.run()
    return server.started
