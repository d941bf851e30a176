"""W3C Bitstring Status List v1.0: one bit per credential, 1 = revoked. Bit 0 is the
most significant bit of the first byte (the spec's "left-most" bit). The published
``encodedList`` is the multibase base64url (``u`` prefix, no padding) of the GZIP of
the bitstring.

Indexes are handed out in a permuted order (``status_index``): consecutive credentials
get unrelated positions, so that a position tells nothing about when a credential was
issued, and the list never has to look for a free slot.
"""

from __future__ import annotations

import base64
import gzip
import io

__all__ = ["decode_list", "encode_list", "is_set", "status_index", "with_bit"]

MULTIBASE_BASE64URL = "u"


def encode_list(bits: bytes) -> str:
    # mtime=0: the same bitstring always encodes to the same text.
    packed = gzip.compress(bits, mtime=0)
    return MULTIBASE_BASE64URL + base64.urlsafe_b64encode(packed).decode().rstrip("=")


def decode_list(encoded: str, *, max_bytes: int = 16 * 1024 * 1024) -> bytes:
    """The bitstring an ``encodedList`` carries; ValueError for anything else (and for
    lists past ``max_bytes``, a verifier's guard against a compression bomb)."""
    if not encoded.startswith(MULTIBASE_BASE64URL):
        raise ValueError("encodedList is not multibase base64url (prefix 'u')")
    body = encoded[1:]
    try:
        padded = body + "=" * (-len(body) % 4)
        packed = base64.b64decode(padded, altchars=b"-_", validate=True)
        with gzip.GzipFile(fileobj=io.BytesIO(packed)) as stream:
            bits = stream.read(max_bytes + 1)
    except (ValueError, OSError, EOFError) as exc:
        raise ValueError(f"encodedList does not decode: {exc}") from None
    if len(bits) > max_bytes:
        raise ValueError("encodedList is larger than a status list may be")
    if not bits:
        raise ValueError("encodedList holds an empty list")
    return bits


def is_set(bits: bytes, index: int) -> bool:
    if not 0 <= index < len(bits) * 8:
        raise ValueError(f"status index {index} is outside the list ({len(bits) * 8} entries)")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def with_bit(bits: bytes, index: int) -> bytes:
    """``bits`` with entry ``index`` set."""
    if not 0 <= index < len(bits) * 8:
        raise ValueError(f"status index {index} is outside the list ({len(bits) * 8} entries)")
    changed = bytearray(bits)
    changed[index // 8] |= 0x80 >> (index % 8)
    return bytes(changed)


def status_index(sequence: int, multiplier: int, shift: int, size: int) -> int:
    """The position of the list's ``sequence``-th credential: ``(multiplier * sequence +
    shift) mod size``. With ``size`` a power of two and ``multiplier`` odd this visits
    every position exactly once in ``size`` steps."""
    if size & (size - 1) or multiplier % 2 == 0:
        raise ValueError("the size must be a power of two and the multiplier odd")
    if not 0 <= sequence < size:
        raise ValueError("the list is full")
    return (multiplier * sequence + shift) % size
