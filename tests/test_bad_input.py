"""Bad input: every unreadable file becomes one warning naming it, and the rest is indexed.

Each case puts one bad file next to good French and Korean documents and
checks, through ``corpus.loader.load_documents`` (and for a few through the
real ``seminar-search index`` command), that the warning names the file and
says why, and that the good documents are all there.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from corpus.chunker import ChunkingOptions, chunk_document
from corpus.errors import DocumentError
from corpus.loader import discover, load_documents

GOOD = {
    "fr/tours.txt": "# Transition écologique\n\nLa ville de Tours a présenté son plan climat et ses pistes cyclables.\n",
    "ko/suwon.md": "# 탄소중립\n\n수원시는 재활용 정책을 강화하고 시민 참여를 늘리고 있습니다.\n",
}


def corpus_with(tmp_path: Path, bad: dict[str, bytes]) -> Path:
    """A corpus folder with the good documents and the given bad files."""
    root = tmp_path / "corpus"
    for name, text in GOOD.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    for name, data in bad.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def assert_rest_indexed(report) -> None:
    ids = {document.id for document in report.documents}
    assert {"tours", "suwon"} <= ids
    for document in report.documents:
        if document.id in ("tours", "suwon"):
            assert chunk_document(document), document.id


def warning_for(report, name: str) -> str:
    matches = [line for line in report.warnings if name in line]
    assert len(matches) == 1, report.warnings
    return matches[0]


def pdf_bytes(encrypt_with: str | None = None) -> bytes:
    """A small valid PDF (pypdf writes it), optionally password-protected."""
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if encrypt_with is not None:
        writer.encrypt(user_password=encrypt_with, owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("rapport.pdf", pdf_bytes()[: len(pdf_bytes()) // 2], "corrupt PDF"),
        ("tronque.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "corrupt PDF"),
        ("pas-un.pdf", b"Ceci n'est pas un PDF.", "corrupt PDF (no PDF header"),
        ("secret.pdf", pdf_bytes(encrypt_with="motdepasse"), "encrypted PDF (a password is required"),
        ("scan.pdf", pdf_bytes(), "PDF has no text layer"),
        ("vide.txt", b"", "empty document"),
        ("blanc.md", b" \n\t\n   \n", "empty document"),
        ("binaire.txt", os.urandom(4096), "not a text file"),
        ("casse.docx", b"PK\x03\x04 not really a zip archive", "corrupt DOCX"),
        ("ancien.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "legacy Word (.doc)"),
        ("sans-entete.vtt", "00:00:01.000 --> 00:00:02.000\nBonjour.\n".encode(), "not a valid WebVTT file"),
        ("rien.srt", "Aucun sous-titre ici.\n".encode(), "not a valid SRT file"),
        ("vide.vtt", b"", "empty document"),
    ],
)
def test_bad_file_is_one_warning_and_the_rest_is_indexed(tmp_path, name, data, reason):
    report = load_documents([corpus_with(tmp_path, {name: data})])
    assert_rest_indexed(report)
    warning = warning_for(report, name)
    assert str(tmp_path / "corpus" / name) in warning and reason in warning
    assert len(report.documents) == 2


def test_extremely_long_line_without_spaces_is_chunked(tmp_path):
    line = "수소" * 50_000 + "x" * 100_000  # 200,000 characters, no space, no sentence end
    report = load_documents([corpus_with(tmp_path, {"long.txt": line.encode()})])
    assert_rest_indexed(report)
    document = next(d for d in report.documents if d.id == "long")
    chunks = chunk_document(document)
    assert "".join(chunk.text for chunk in chunks) == line  # cut anywhere, nothing lost
    assert max(len(chunk.text) for chunk in chunks) <= ChunkingOptions().target_chars  # bounded by the target size


def test_mixed_language_document_keeps_both_languages(tmp_path):
    french = "La délégation de Tours présente son réseau de chaleur renouvelable aux partenaires coréens. " * 6
    korean = "수원시 대표단은 수소 버스와 충전소 확충 계획을 소개했습니다. 시민들의 반응도 좋았습니다. " * 6
    text = f"# Séance bilingue\n\n{french}\n\n{korean}\n\n{french}\n"
    report = load_documents([corpus_with(tmp_path, {"mixte.txt": text.encode()})])
    document = next(d for d in report.documents if d.id == "mixte")
    assert document.meta.language == "ko"  # the loader files a mixed text under Korean
    languages = [chunk.lang for chunk in chunk_document(document)]
    assert "fr" in languages and "ko" in languages


def test_symlink_loops_do_not_hang_or_lose_documents(tmp_path):
    root = corpus_with(tmp_path, {})
    (root / "boucle").mkdir()
    (root / "boucle" / "parent").symlink_to(root, target_is_directory=True)  # folder loop
    (root / "a.txt").symlink_to(root / "b.txt")
    (root / "b.txt").symlink_to(root / "a.txt")  # file loop
    report = load_documents([root])
    assert_rest_indexed(report)
    assert len(report.documents) == 2  # each good document once, however many paths reach it


def test_symlink_loop_is_reported(tmp_path):
    root = corpus_with(tmp_path, {})
    (root / "a.txt").symlink_to(root / "b.txt")
    (root / "b.txt").symlink_to(root / "a.txt")
    report = load_documents([root])
    assert "a.txt" in warning_for(report, "a.txt")


def test_symlink_out_of_the_corpus_is_skipped_and_reported(tmp_path):
    outside = tmp_path / "private" / "notes.txt"
    outside.parent.mkdir()
    outside.write_text("Notes personnelles, hors du corpus.\n", encoding="utf-8")
    root = corpus_with(tmp_path, {})
    (root / "lien.txt").symlink_to(outside)
    report = load_documents([root])
    assert_rest_indexed(report)
    assert "outside" in warning_for(report, "lien.txt")
    assert all("Notes personnelles" not in document.text for document in report.documents)


def test_path_outside_the_corpus_given_explicitly_is_read(tmp_path):
    elsewhere = tmp_path / "ailleurs.txt"
    elsewhere.write_text("Un document passé explicitement, hors du dossier du corpus.\n", encoding="utf-8")
    report = load_documents([corpus_with(tmp_path, {}), elsewhere])
    assert {"tours", "suwon", "ailleurs"} == {document.id for document in report.documents}


def test_missing_path_is_an_error_naming_it(tmp_path):
    with pytest.raises(DocumentError, match="nowhere"):
        discover([tmp_path / "nowhere"])


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_is_skipped_with_a_warning(tmp_path):
    root = corpus_with(tmp_path, {"prive.txt": b"Texte confidentiel."})
    (root / "prive.txt").chmod(0)
    try:
        report = load_documents([root])
    finally:
        (root / "prive.txt").chmod(0o644)
    assert_rest_indexed(report)
    assert "permission denied" in warning_for(report, "prive.txt")


def test_duplicate_documents_lose_nothing(tmp_path):
    copy = GOOD["fr/tours.txt"].encode()
    report = load_documents([corpus_with(tmp_path, {"fr/copie-de-tours.txt": copy})])
    texts = [document.text for document in report.documents]
    assert GOOD["fr/tours.txt"] in texts and GOOD["ko/suwon.md"] in texts


def test_duplicate_documents_are_detected_and_reported(tmp_path):
    copy = GOOD["fr/tours.txt"].encode()
    report = load_documents([corpus_with(tmp_path, {"fr/copie-de-tours.txt": copy})])
    warning = warning_for(report, "copie-de-tours.txt")
    assert "tours.txt" in warning.replace("copie-de-tours.txt", "") and "duplicate" in warning
    assert len(report.documents) == 2


# Peak RSS from VmHWM: Linux keeps ru_maxrss across fork and exec, so the child
# would report the pytest process's own peak.
_MEASURE = """
import json, resource, sys
from pathlib import Path
from corpus.loader import load_documents
report = load_documents([sys.argv[1]])
status = Path("/proc/self/status")
peak = (int(next(l for l in status.read_text().splitlines() if l.startswith("VmHWM:")).split()[1])
        if status.exists() else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
print(json.dumps({"documents": len(report.documents), "chars": sum(len(d.text) for d in report.documents), "peak_mb": peak / 1024}))
"""


def _peak_load(folder: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(folder)], capture_output=True, text=True, timeout=120, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_50_mb_text_file_loads_with_bounded_memory(tmp_path):
    """Peak RSS of loading a 50 MB file stays within a small multiple of its size."""
    big = tmp_path / "big"
    big.mkdir()
    line = "Compte rendu de la séance plénière : la délégation coréenne présente le réseau de chaleur. 12345\n"
    lines = 50 * 2**20 // len(line.encode())
    with (big / "archive.txt").open("w", encoding="utf-8") as handle:
        for _ in range(lines):
            handle.write(line)
    size_mb = (big / "archive.txt").stat().st_size / 2**20
    small = tmp_path / "small"
    small.mkdir()
    (small / "note.txt").write_text(line, encoding="utf-8")
    baseline, loaded = _peak_load(small), _peak_load(big)
    assert loaded["documents"] == 1 and loaded["chars"] == lines * len(line)
    extra = loaded["peak_mb"] - baseline["peak_mb"]
    print(
        f"50 MB text file: peak RSS {loaded['peak_mb']:.0f} MB, {extra:.0f} MB over a tiny file ({extra / size_mb:.1f}x the file)"
    )
    assert extra < 5 * size_mb


@pytest.mark.slow
def test_cli_index_warns_about_each_bad_file_and_indexes_the_rest(tmp_path):
    bad = {
        "rapport.pdf": pdf_bytes()[:300],
        "secret.pdf": pdf_bytes(encrypt_with="motdepasse"),
        "vide.txt": b"",
        "binaire.txt": os.urandom(2048),
    }
    root = corpus_with(tmp_path, bad)
    script = Path(sys.executable).with_name("seminar-search")  # the installed console command
    entry = [str(script)] if script.exists() else [sys.executable, "-m", "app.cli"]
    command = entry + ["index", str(root), "--index-dir", str(tmp_path / "index")]
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=300, env=env, cwd=Path(__file__).resolve().parent.parent
    )
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == len(bad)
    for name in bad:
        assert any(str(root / name) in line for line in warnings), (name, warnings)
    assert "indexed 2 documents" in done.stdout


def test_cli_index_of_a_missing_path_is_one_line_and_exit_2(tmp_path, capsys):
    from app.cli import main

    assert main(["index", str(tmp_path / "absent"), "--index-dir", str(tmp_path / "index")]) == 2
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0 and "absent" in error and "no such file" in error
