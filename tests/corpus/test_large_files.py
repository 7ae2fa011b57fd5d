"""A large single-line file is read and chunked in bounded memory, with every chunk's offsets right.

The one-offset-per-character map took about 100 MB of memory per MB of a
single-line file; the run-length map keeps the whole run under a small bound.
The text is written by the team for testing (``benchmarks/large_files.py``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
# Python, the corpus modules and the 2 MB text itself come to about 35 MB; per-character offsets were 200 MB.
PEAK_RSS_LIMIT_MB = 120

CHILD = textwrap.dedent(
    """
    import json, sys
    from large_files import peak_rss_mb
    from corpus.chunker import chunk_document
    from corpus.loader import load_documents

    document = load_documents([sys.argv[1]]).documents[0]
    chunks = chunk_document(document)
    bad = [c.id for c in chunks
           if " ".join(document.text[c.start:c.end].split()) != " ".join(c.text.split())]
    ordered = all(a.end <= b.start for a, b in zip(chunks, chunks[1:]))
    print(json.dumps({"chunks": len(chunks), "bad": bad[:5], "ordered": ordered,
                      "covered": [chunks[0].start, chunks[-1].end, len(document.text)],
                      "longest": max(c.end - c.start for c in chunks),
                      "peak_mb": peak_rss_mb()}))
    """
)


@pytest.mark.slow
def test_two_megabyte_single_line_file_in_bounded_memory(tmp_path):
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from large_files import write_single_line
    finally:
        sys.path.remove(str(BENCHMARKS))
    path = tmp_path / "seance-fleuve.txt"
    write_single_line(path, 2)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, timeout=300, cwd=BENCHMARKS
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["chunks"] > 1000 and not result["bad"] and result["ordered"]
    start, end, length = result["covered"]
    assert start < 50 and end >= length - 50  # the whole text is in chunks
    assert result["longest"] < 5000
    assert result["peak_mb"] < PEAK_RSS_LIMIT_MB, result
