"""Tell binary files (images, PDFs, archives, executables) from text documents."""

from __future__ import annotations

# Signatures of the binary files most often found beside saved pages. Gzip is not here:
# it is decompressed and sniffed again.
_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"%PDF-",
    b"PK\x03\x04",  # zip, docx, epub
    b"PK\x05\x06",  # empty zip
    b"GIF87a",
    b"GIF89a",
    b"\xff\xd8\xff",  # JPEG
    b"\x7fELF",
    b"\xfd7zXZ\x00",
    b"\x28\xb5\x2f\xfd",  # zstd
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"SQLite format 3\x00",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # old MS Office
    b"wOFF",
    b"wOF2",
)
# Control bytes that plain text does not contain (tab, newlines, form feed and ESC allowed).
_CONTROL = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)
# Random or compressed bytes are ~11% control bytes (28 of 256 values); text is ~0%, and a
# page with a few stray NULs stays far below 5%, so they are stripped instead.
MAX_CONTROL_RATIO = 0.05


def has_binary_magic(head: bytes) -> bool:
    if head.startswith(_MAGIC):
        return True
    # bzip2 ("BZh" + block size + block magic) and ISO media (MP4) need a closer look.
    return (head.startswith(b"BZh") and head[4:10] == b"1AY&SY") or head[4:8] == b"ftyp"


def control_ratio(data: bytes) -> float:
    if not data:
        return 0.0
    # translate() deletes every non-control byte in C: fast even on a 20 MB page.
    return len(data.translate(None, _NOT_CONTROL)) / len(data)


def looks_binary(data: bytes) -> bool:
    return has_binary_magic(data) or control_ratio(data) > MAX_CONTROL_RATIO
