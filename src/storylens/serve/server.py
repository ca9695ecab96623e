"""How uvicorn runs our app: the options `storylens serve` and its workers share.

Forwarded headers (`X-Forwarded-For`, `X-Forwarded-Proto`) are believed only from the
proxies named with `--trusted-proxy`. uvicorn's own default believes them from loopback,
so any local process, or a proxy passing a client's header through, could pick the client
address the rate limit counts by, and so escape it. Requests' headers have a deadline
(see serve.protocol).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from typing import Any

from storylens.errors import ConfigError
from storylens.serve.protocol import HeaderDeadlineProtocol
from storylens.serve.shutdown import SHUTDOWN_GRACE_S


def uvicorn_options(trusted_proxies: Sequence[str] = ()) -> dict[str, Any]:
    """Keyword arguments for `uvicorn.run` / `uvicorn.Config` (beyond app, host, port)."""
    return {
        "http": HeaderDeadlineProtocol,
        "log_level": "warning",
        "server_header": False,
        "proxy_headers": bool(trusted_proxies),
        # uvicorn reads FORWARDED_ALLOW_IPS from the environment when this is None: never.
        "forwarded_allow_ips": list(trusted_proxies),
        # Requests still running this long after SIGTERM are cancelled (see serve.shutdown).
        "timeout_graceful_shutdown": SHUTDOWN_GRACE_S,
    }


def checked_proxies(given: Sequence[str]) -> list[str]:
    """The `--trusted-proxy` values: IP addresses or networks (`10.0.0.0/8`); a ConfigError
    names the one that is neither."""
    found = []
    for value in given:
        try:
            ipaddress.ip_network(value.strip(), strict=False)
        except ValueError:
            raise ConfigError(
                f"--trusted-proxy {value!r} is not an IP address or network "
                "(e.g. 10.0.0.5 or 10.0.0.0/8)"
            ) from None
        found.append(value.strip())
    return found
