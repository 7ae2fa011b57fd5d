"""A user's own index for the store tests: five documents from two sources, two generations.

The documents below were written by the team for testing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

USER_SOURCES = {
    "archive-a/zorglub-tours.txt": "# Zorglub à Tours\n\nLa métropole de Tours teste le zorglub.\n",
    "archive-a/velo.md": "# Mobilités\n\nLa ville de Tours a ouvert quarante kilomètres de pistes cyclables en 2021.\n",
    "archive-a/suwon.md": "# 빗물 관리\n\n수원시는 레인시티 사업으로 빗물 저금통을 보급하고 있습니다.\n",
    "archive-b/goyang.txt": "# 도시농업\n\n고양시는 옥상 텃밭과 도시농업 박람회를 운영하고 있습니다.\n",
    "archive-b/grenoble.txt": "# Hydrogène\n\nGrenoble Alpes Métropole prépare une filière d'hydrogène vert.\n",
}


@pytest.fixture(scope="session")
def user_index(tmp_path_factory, encoder) -> Path:
    """Built once from ``archive-a``, then ``archive-b`` added: two complete generations."""
    from index.builder import build_index

    root = tmp_path_factory.mktemp("user-index")
    for name, text in USER_SOURCES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    index_dir = root / "index"
    build_index([root / "archive-a"], index_dir, encoder=encoder)
    build_index([root / "archive-b"], index_dir, encoder=encoder, add=True)
    return index_dir


@pytest.fixture
def user_copy(user_index, tmp_path) -> Path:
    """A private copy of ``user_index`` that a test may damage."""
    copy = tmp_path / "index"
    shutil.copytree(user_index, copy)
    return copy
