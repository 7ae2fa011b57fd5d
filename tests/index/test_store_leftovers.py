"""What a killed build leaves behind is removed by the next build, at once; nothing else is touched."""

from __future__ import annotations

from index.generations import CURRENT_FILE, IndexLock, generations, remove_leftovers


def plant_leftovers(index_dir):
    partial = index_dir / ".gen-20260101T000000-0123abcd.partial"
    (partial / "lexical").mkdir(parents=True)
    (partial / "vectors.npy").write_bytes(b"\x93NUMPY half written")
    (index_dir / f".{CURRENT_FILE}.89abcdef").write_text("gen-20260101T000000-0123abcd\n", encoding="utf-8")
    keep = [index_dir / "notes.txt", index_dir / ".gen-mine.partial", index_dir / f".{CURRENT_FILE}.backup"]
    keep[0].write_text("the user's own notes", encoding="utf-8")
    keep[1].mkdir()
    keep[2].write_text("kept", encoding="utf-8")
    return [partial, index_dir / f".{CURRENT_FILE}.89abcdef"], keep


def test_next_build_removes_a_fresh_partial_and_pointer_temporaries(user_copy, encoder):
    from index.builder import build_index

    removed, kept = plant_leftovers(user_copy)
    build_index(None, user_copy, encoder=encoder)
    assert not any(path.exists() for path in removed)
    assert all(path.exists() for path in kept)
    assert len(generations(user_copy)) == 2


def test_remove_leftovers_touches_only_the_names_it_creates(user_copy):
    removed, kept = plant_leftovers(user_copy)
    with IndexLock(user_copy):
        remove_leftovers(user_copy)
    assert not any(path.exists() for path in removed) and all(path.exists() for path in kept)
