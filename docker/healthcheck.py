"""Container health check: GET http://127.0.0.1:8000/health/ and exit 0 only on HTTP 200.

/health/ answers 200 for "ok" and "degraded" (broker down, saves still work) and 503 when the
database is down. The request carries a Host header taken from DJANGO_ALLOWED_HOSTS, because
production settings answer 400 to any host not in that list (127.0.0.1 usually is not). The
URL is exempt from the HTTPS redirect (SECURE_REDIRECT_EXEMPT), so plain HTTP is fine here.
Standard library only: the slim image has no curl.
"""

import os
import sys
import urllib.error
import urllib.request

URL = "http://127.0.0.1:8000/health/"


def host_header() -> str:
    for entry in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(","):
        host = entry.strip().lstrip(".")  # ".example.org" also allows "example.org"
        if host and "*" not in host:
            return host
    return "localhost"


def main() -> int:
    request = urllib.request.Request(URL, headers={"Host": host_header()})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError) as exc:
        print(f"health check failed: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
