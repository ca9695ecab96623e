"""Build the sample corpus' binary and non-UTF-8 documents from their UTF-8 sources.

Sources live in ``corpus/src/`` as plain UTF-8 files; this script writes

* ``encodings/bpa-balkanergo-denial.html``   – cp1251, no charset declared anywhere
* ``encodings/eldiariocentral-solvera-hidrogeno.txt`` – ISO-8859-1 (latin-1), no BOM
* ``gz/*.html.gz``                            – gzip, mtime 0, no file name in the header
* ``archive/crawl.warc.gz``                   – a WARC/1.0 file, each record gzipped: one
  ``warcinfo`` record, one ``request`` record, then four ``response`` records holding
  the HTML pages (``#1`` … ``#4`` in gold.json, in the order of ``WARC_PAGES``)

The output is byte-identical on every run (fixed dates, record ids and gzip headers).
Run from anywhere:  .venv/bin/python corpus/make_binary_fixtures.py
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

CORPUS = Path(__file__).resolve().parent
SRC = CORPUS / "src"

ENCODED = [
    ("encodings/bpa-balkanergo-denial.html", "cp1251"),
    ("encodings/eldiariocentral-solvera-hidrogeno.txt", "latin-1"),
]

GZIPPED = [
    "gz/lakeshore-lisbon-port-strike.html",
    "gz/riverside-kessler-suppliers.html",
]

# (source, target URI, HTTP Date header, WARC-Date) in response-record order.
WARC_PAGES = [
    (
        "warc/riverside-castelmonte-aftershocks.html",
        "https://www.riversidechronicle.example/news/world/2025/03/15/castelmonte-aftershocks",
        "Fri, 20 Jun 2025 08:15:02 GMT",
        "2025-06-20T08:15:02Z",
    ),
    (
        "warc/riverside-sofia-methane.html",
        "https://www.riversidechronicle.example/news/world/2025/05/13/sofia-dismisses-methane-leak-report",
        "Fri, 20 Jun 2025 08:15:09 GMT",
        "2025-06-20T08:15:09Z",
    ),
    (
        "warc/riverside-tarrow-commuters.html",
        "https://www.riversidechronicle.example/news/transport/2025/04/23/tarrow-light-rail-commuters",
        "Fri, 20 Jun 2025 08:15:17 GMT",
        "2025-06-20T08:15:17Z",
    ),
    (
        "warc/northernledger-zipto-drivers.html",
        "https://www.northernledger.example/news/ride-hailing-drivers-hail-supreme-court-win",
        "Fri, 20 Jun 2025 08:16:40 GMT",
        "2025-06-20T08:16:40Z",
    ),
]


def record_id(n: int) -> str:
    return f"<urn:uuid:5f0c2a9e-6b1d-4c3e-9a7f-{n:012d}>"


def write_encoded() -> None:
    for name, encoding in ENCODED:
        text = (SRC / name).read_text(encoding="utf-8")
        target = CORPUS / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode(encoding))  # strict: every character must fit


def write_gzipped() -> None:
    for name in GZIPPED:
        data = (SRC / name).read_bytes()
        target = CORPUS / (name + ".gz")
        target.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
            gz.write(data)
        target.write_bytes(buffer.getvalue())


def write_warc() -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True, warc_version="WARC/1.0")
    info = (
        b"software: storylens-corpus-crawler/0.1\r\n"
        b"format: WARC File Format 1.0\r\n"
        b"description: sample crawl for the storylens corpus (fictional outlets)\r\n"
        b"robots: obey\r\n"
    )
    writer.write_record(
        writer.create_warc_record(
            "",
            "warcinfo",
            payload=io.BytesIO(info),
            warc_content_type="application/warc-fields",
            warc_headers_dict={
                "WARC-Record-ID": record_id(0),
                "WARC-Date": "2025-06-20T08:15:00Z",
                "WARC-Filename": "crawl.warc.gz",
            },
        )
    )
    first_uri = WARC_PAGES[0][1]
    request = (
        f"GET /{first_uri.split('/', 3)[3]} HTTP/1.1\r\n"
        "Host: www.riversidechronicle.example\r\n"
        "User-Agent: storylens-corpus-crawler/0.1\r\n"
        "Accept: text/html\r\n\r\n"
    ).encode()
    writer.write_record(
        writer.create_warc_record(
            first_uri,
            "request",
            payload=io.BytesIO(request),
            warc_content_type="application/http; msgtype=request",
            warc_headers_dict={
                "WARC-Record-ID": record_id(1),
                "WARC-Date": "2025-06-20T08:15:01Z",
                "WARC-Concurrent-To": record_id(2),
            },
        )
    )
    for n, (name, uri, http_date, warc_date) in enumerate(WARC_PAGES, start=2):
        body = (SRC / name).read_bytes()
        headers = StatusAndHeaders(
            "200 OK",
            [
                ("Date", http_date),
                ("Server", "nginx"),
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("Cache-Control", "max-age=300"),
            ],
            protocol="HTTP/1.1",
        )
        writer.write_record(
            writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Record-ID": record_id(n), "WARC-Date": warc_date},
            )
        )
    target = CORPUS / "archive" / "crawl.warc.gz"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(buffer.getvalue())


def main() -> None:
    write_encoded()
    write_gzipped()
    write_warc()


if __name__ == "__main__":
    main()
