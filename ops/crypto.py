"""Streaming authenticated encryption of backup archives (AES-256-GCM in 1 MiB segments).

Fernet would hold the whole archive in memory; this is the STREAM construction (Hoang, Reyhanitabar, Rogaway,
Vizár 2015): each segment is sealed with a nonce of a random per-file prefix, the segment's number and a flag
marking the last segment, with the file header as associated data. Reordering, dropping, truncating at a segment
boundary or appending is detected, as is any changed byte.

File layout: ``PORTALBAK`` + version byte + 7-byte nonce prefix, then segments of up to 1 MiB plaintext + 16-byte
tag. The key is 32 random bytes, URL-safe base64 (``manage.py backup --generate-key``)."""

from __future__ import annotations

import base64
import binascii
import io
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"PORTALBAK\x01"
_PREFIX_BYTES = 7
HEADER_BYTES = len(MAGIC) + _PREFIX_BYTES
SEGMENT = 1024 * 1024
_TAG = 16


class BackupKeyError(ValueError):
    """The key is malformed, wrong, or the file was changed."""


def generate_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def load_key(text: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(text.strip().encode())
    except (binascii.Error, ValueError) as exc:
        raise BackupKeyError("BACKUP_ENCRYPTION_KEY 不是有效的 base64 文本。") from exc
    if len(key) != 32:
        raise BackupKeyError("BACKUP_ENCRYPTION_KEY 须为32字节密钥的 base64 文本（manage.py backup --generate-key）。")
    return key


def is_encrypted(path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(len(MAGIC)) == MAGIC


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    return prefix + counter.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


class EncryptingWriter(io.RawIOBase):
    """A write-only file object: what is written reaches ``raw`` encrypted. ``close()`` seals the last segment."""

    def __init__(self, raw, key: bytes):
        self._raw = raw
        self._aead = AESGCM(key)
        prefix = os.urandom(_PREFIX_BYTES)
        self._header = MAGIC + prefix
        self._prefix = prefix
        self._counter = 0
        self._buffer = bytearray()
        raw.write(self._header)

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._buffer += data
        # Keep at least one byte back: the segment sealed at close() must be the last one.
        if len(self._buffer) > SEGMENT:
            view = memoryview(self._buffer)
            start = 0
            while len(self._buffer) - start > SEGMENT:
                self._seal(bytes(view[start : start + SEGMENT]), last=False)
                start += SEGMENT
            view.release()
            del self._buffer[:start]
        return len(data)

    def _seal(self, chunk: bytes, last: bool) -> None:
        self._raw.write(self._aead.encrypt(_nonce(self._prefix, self._counter, last), chunk, self._header))
        self._counter += 1

    def close(self) -> None:
        if not self.closed:
            self._seal(bytes(self._buffer), last=True)
            self._buffer.clear()
            self._raw.flush()
        super().close()


class DecryptingReader(io.RawIOBase):
    """A read-only file object over an encrypted archive; raises BackupKeyError on a wrong key or any tampering."""

    def __init__(self, raw, key: bytes):
        self._raw = raw
        self._aead = AESGCM(key)
        self._header = raw.read(HEADER_BYTES)
        if len(self._header) != HEADER_BYTES or not self._header.startswith(MAGIC):
            raise BackupKeyError("不是加密的备份文件。")
        self._prefix = self._header[len(MAGIC) :]
        self._counter = 0
        self._pending = raw.read(SEGMENT + _TAG)
        self._plain = b""
        self._pos = 0
        self._done = False

    def readable(self) -> bool:
        return True

    def _next_segment(self) -> None:
        current, self._pending = self._pending, self._raw.read(SEGMENT + _TAG)
        last = not self._pending
        try:
            self._plain = self._aead.decrypt(_nonce(self._prefix, self._counter, last), current, self._header)
            self._pos = 0
        except InvalidTag as exc:
            raise BackupKeyError("备份文件无法解密：密钥不正确，或文件已被截断、篡改。") from exc
        self._counter += 1
        self._done = last

    def readinto(self, buffer) -> int:
        while self._pos >= len(self._plain) and not self._done:
            self._next_segment()
        n = min(len(buffer), len(self._plain) - self._pos)
        buffer[:n] = self._plain[self._pos : self._pos + n]
        self._pos += n
        return n
