"""Whoosh's segment files read in place from the memory map, not copied into each process.

Whoosh maps a segment's compound file into memory and opens each file inside it as a ``BufferFile`` over a slice of
the map, but ``BufferFile`` wraps that slice in ``io.BytesIO``, which copies it: every web process held a private
copy of the whole index (11 MB for 4,000 documents, growing with the site), where the map's pages are the kernel's
page cache, shared by all processes and dropped under memory pressure. ``install()`` gives ``BufferFile`` a
read-only file over the slice instead, which copies only what is read.
"""

from __future__ import annotations

from whoosh.filedb import structfile


class MappedFile:
    """The read side of a binary file over a buffer (a memoryview of the map), without copying the buffer."""

    __slots__ = ("_buffer", "_position")

    def __init__(self, buffer) -> None:
        self._buffer = buffer
        self._position = 0

    def read(self, size: int | None = -1) -> bytes:
        start = self._position
        end = len(self._buffer) if size is None or size < 0 else min(start + size, len(self._buffer))
        self._position = max(start, end)
        return bytes(self._buffer[start:end])

    def readline(self, size: int | None = -1) -> bytes:
        start = self._position
        limit = len(self._buffer) if size is None or size < 0 else min(start + size, len(self._buffer))
        end = start
        while end < limit:  # looked for in pieces, so a line costs what it is long, not the rest of the file
            piece = bytes(self._buffer[end : min(end + 4096, limit)])
            found = piece.find(b"\n")
            if found != -1:
                end += found + 1
                break
            end += len(piece)
        self._position = max(start, end)
        return bytes(self._buffer[start:end])

    def readinto(self, target) -> int:
        data = self.read(len(target))
        target[: len(data)] = data
        return len(data)

    def seek(self, offset: int, whence: int = 0) -> int:
        if whence == 1:
            offset += self._position
        elif whence == 2:
            offset += len(self._buffer)
        if offset < 0:
            raise ValueError("negative seek position")
        self._position = offset
        return offset

    def tell(self) -> int:
        return self._position

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def flush(self) -> None:
        """Nothing to write: the file is read-only."""

    def close(self) -> None:
        self._buffer = memoryview(b"")


def _buffer_file_init(self, buf, name=None, onclose=None) -> None:
    # BufferFile.__init__ as Whoosh 2.7 writes it, with MappedFile in place of BytesIO(buf).
    self._buf = buf
    self._name = name
    self.file = MappedFile(buf)
    self.onclose = onclose
    self.is_real = False
    self.is_closed = False


def install() -> None:
    structfile.BufferFile.__init__ = _buffer_file_init
