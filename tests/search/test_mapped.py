"""Whoosh's files inside a segment are read from the memory map in place (search/mapped.py): the same bytes as the
copy BytesIO made, without the copy."""

import io
import pickle
import random

from whoosh.filedb.structfile import BufferFile

from search.mapped import MappedFile


def test_a_mapped_file_reads_as_bytesio_does():
    rng = random.Random(3)
    for _ in range(300):
        data = bytes(rng.choice(b"ab\ncd\n\x00") for _ in range(rng.randrange(0, 9000)))
        ours, theirs = MappedFile(memoryview(data)), io.BytesIO(data)
        for _ in range(30):
            op = rng.choice(["read", "readline", "seek", "readinto"])
            size = rng.choice([-1, None, 0, 1, 5, 100, 5000])
            if op == "read":
                assert ours.read(size) == theirs.read(size)
            elif op == "readline":
                assert ours.readline(size) == theirs.readline(size)
            elif op == "readinto":
                a, b = bytearray(rng.randrange(0, 50)), None
                b = bytearray(len(a))
                assert ours.readinto(a) == theirs.readinto(b) and a == b
            else:
                whence = rng.choice([0, 1, 2])
                offset = rng.randrange(0, len(data) + 10) if whence == 0 else rng.randrange(-len(data) // 2 - 1, 10)
                if (whence == 1 and theirs.tell() + offset < 0) or (whence == 2 and len(data) + offset < 0):
                    continue
                assert ours.seek(offset, whence) == theirs.seek(offset, whence)
            assert ours.tell() == theirs.tell()


def test_whooshs_buffer_files_read_in_place():
    data = pickle.dumps({"标题": "预算", "n": list(range(100))}, 2) + b"tail"
    view = memoryview(data)
    f = BufferFile(view, name="x")
    assert isinstance(f.file, MappedFile)
    assert f.read_pickle() == {"标题": "预算", "n": list(range(100))}
    assert f.read(4) == b"tail"
    assert f.get(0, 2) == data[:2]
