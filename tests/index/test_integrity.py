"""Damaged index files are detected by their checksums: one line naming the file and the rebuild command, exit 2.

Each case damages one file of a copy of the user index (``conftest.user_index``)
the way a disk, a careless edit or a crash would, then runs ``search`` and
``info`` through the real entry point.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from app.cli import main
from index.generations import generations


def overwrite_64_bytes(path):
    with path.open("r+b") as handle:
        handle.seek(path.stat().st_size // 2)
        handle.write(bytes(range(64)))


def zero_vectors(path):
    vectors = np.load(path)
    np.save(path, np.zeros_like(vectors))


def truncate(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def edit_manifest(change):
    def apply(path):
        manifest = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(change(manifest)), encoding="utf-8")

    return apply


def without(key):
    return edit_manifest(lambda manifest: {k: v for k, v in manifest.items() if k != key})


DAMAGE = {
    "dense.faiss: 64 bytes overwritten": ("dense.faiss", overwrite_64_bytes),
    "vectors.npy: zeroed, same shape": ("vectors.npy", zero_vectors),
    "chunks.jsonl: truncated": ("chunks.jsonl", truncate),
    "documents.jsonl: emptied": ("documents.jsonl", lambda path: path.write_bytes(b"")),
    "alignment.json: deleted": ("alignment.json", lambda path: path.unlink()),
    "lexical vocabulary: truncated": ("lexical/vocab.index.json", truncate),
    "manifest.json: garbled bytes": ("manifest.json", lambda path: path.write_bytes(b"\xff\xfe\x00{garbage")),
    "manifest.json: not JSON": ("manifest.json", lambda path: path.write_bytes(b"{not json")),
    "manifest.json: a JSON list": ("manifest.json", lambda path: path.write_text("[1, 2, 3]", encoding="utf-8")),
    "manifest.json: encoder as a string": ("manifest.json", edit_manifest(lambda m: m | {"encoder": "use-m3"})),
    "manifest.json: without documents": ("manifest.json", without("documents")),
    "manifest.json: without files": ("manifest.json", without("files")),
    "manifest.json: chunk count as text": ("manifest.json", edit_manifest(lambda m: m | {"chunk_count": "12"})),
    "manifest.json: a checksum changed": (  # the error names the file that no longer matches
        "manifest.json",
        edit_manifest(lambda m: m | {"files": m["files"] | {"chunks.jsonl": {"size": 1, "sha256": "0" * 64}}}),
    ),
    "manifest.json: deleted": ("manifest.json", lambda path: path.unlink()),
}
COMMANDS = {"search": ["search", "zorglub", "--json", "-k", "3"], "info": ["info"]}


def run(capsys, *argv):
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_damaged_file_is_one_line_naming_it(capsys, user_copy, case, command):
    name, damage = DAMAGE[case]
    damage(generations(user_copy)[0] / name)
    name = "chunks.jsonl" if case == "manifest.json: a checksum changed" else name
    code, out, err = run(capsys, *COMMANDS[command], "--index-dir", user_copy)
    assert code == 2, (case, out, err)
    assert out == "" and "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert name in err and f"seminar-search index --index-dir {user_copy}" in err


def test_incremental_build_does_not_reuse_damaged_vectors(user_copy, encoder):
    from index.builder import build_index
    from index.store import load_index

    zero_vectors(generations(user_copy)[0] / "vectors.npy")
    report = build_index(None, user_copy, encoder=encoder)
    assert report.reused == 0 and report.encoded == sum(report.chunks_by_lang.values())
    assert any("vectors.npy is damaged" in line and "not reused" in line for line in report.warnings)
    data = load_index(user_copy)
    assert np.all(np.linalg.norm(data.vectors, axis=1) > 0.5)


def test_undamaged_index_reuses_every_vector(user_copy, encoder):
    from index.builder import build_index

    report = build_index(None, user_copy, encoder=encoder)
    assert report.encoded == 0 and report.reused == sum(report.chunks_by_lang.values()) and not report.warnings


def test_manifest_round_trips(user_index):
    from index.generations import read_generation_manifest
    from index.manifest import Manifest

    manifest = read_generation_manifest(generations(user_index)[0])
    assert Manifest.from_json(json.loads(json.dumps(manifest.to_json()))) == manifest
    assert set(manifest.files) >= {"chunks.jsonl", "documents.jsonl", "vectors.npy", "dense.faiss", "alignment.json"}
    assert all(len(entry.sha256) == 64 and entry.size > 0 for entry in manifest.files.values())
