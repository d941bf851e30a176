"""Bitstring Status List encoding as the W3C specification has it: bit 0 is the
left-most bit, the list is GZIP then multibase base64url ('u', no padding), at least
16 KB; positions are a permutation."""

from __future__ import annotations

import base64
import gzip

import pytest

from stint_reputation.domain.bitstring import (
    decode_list,
    encode_list,
    is_set,
    status_index,
    with_bit,
)
from stint_reputation.settings import MIN_STATUS_LIST_BITS


def test_bit_zero_is_the_most_significant_bit_of_the_first_byte() -> None:
    bits = with_bit(bytes(2), 0)
    assert bits == b"\x80\x00"
    assert with_bit(bits, 9) == b"\x80\x40"
    assert is_set(with_bit(bits, 9), 9) and not is_set(bits, 9)


def test_the_encoding_is_multibase_base64url_of_gzip() -> None:
    bits = with_bit(bytes(MIN_STATUS_LIST_BITS // 8), 12345)
    encoded = encode_list(bits)
    assert encoded.startswith("u") and "=" not in encoded
    body = encoded[1:]
    # Decoded here by hand, as another verifier would.
    raw = gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    assert len(raw) * 8 == MIN_STATUS_LIST_BITS == 131_072
    assert decode_list(encoded) == bits
    assert encode_list(bits) == encoded


def test_garbage_and_bombs_are_refused() -> None:
    with pytest.raises(ValueError, match="multibase"):
        decode_list("zabc")
    with pytest.raises(ValueError):
        decode_list("u!!!")
    with pytest.raises(ValueError, match="larger"):
        decode_list(encode_list(bytes(4096)), max_bytes=1024)
    with pytest.raises(ValueError, match="outside"):
        is_set(bytes(1), 8)


def test_positions_are_a_permutation_of_the_list() -> None:
    size = 1024
    seen = {status_index(n, 389, 77, size) for n in range(size)}
    assert seen == set(range(size))
    assert [status_index(n, 389, 77, size) for n in range(3)] != [77, 78, 79]
    with pytest.raises(ValueError, match="full"):
        status_index(size, 389, 77, size)
    with pytest.raises(ValueError):
        status_index(0, 2, 0, size)
