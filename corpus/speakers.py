"""One speaker, several spellings: a canonical name per script and the aliases of each speaker.

The archive writes the same person several ways: with and without accents or
hyphens ("Elise Pereira Nunes", "Élise Pereira-Nunes"), and in Hangul with
the Latin name in brackets ("엘리즈 페레이라누네스(Elise Pereira Nunes)"), with
more than one Hangul transcription. Spellings are one speaker when their
Latin letters agree once accents, case, spaces and hyphens are ignored, or,
for a Hangul name without a Latin one, when its passages pair mostly with
one French speaker's and that speaker's pair mostly with it. Each chunk keeps
the most frequent spelling in its own script as its speaker, and all the
spellings as aliases, which the speaker filter matches.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import Counter
from typing import Iterable

from corpus.chunk import Chunk
from corpus.language import has_hangul

_BRACKETED_LATIN = re.compile(r"\(([^()]*[A-Za-zÀ-ÿ][^()]*)\)")


def speaker_key(name: str) -> str:
    """The spelling-independent key of a name: its Latin letters (the bracketed ones in a Hangul name)."""
    latin = _BRACKETED_LATIN.search(name) if has_hangul(name) else None
    base = latin.group(1) if latin else name
    decomposed = unicodedata.normalize("NFKD", base)
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch)).casefold()


def unify_speakers(chunks_by_doc: dict[str, list[Chunk]]) -> dict[str, list[Chunk]]:
    """The same chunks with canonical speakers and their aliases (``speaker_aliases``)."""
    chunks = [chunk for doc_chunks in chunks_by_doc.values() for chunk in doc_chunks if chunk.speaker]
    parent: dict[str, str] = {speaker_key(chunk.speaker): speaker_key(chunk.speaker) for chunk in chunks}

    def find(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for a, b in _paired_keys(chunks):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    spellings: dict[str, Counter] = {}
    for chunk in chunks:
        spellings.setdefault(find(speaker_key(chunk.speaker)), Counter())[chunk.speaker] += 1
    unified: dict[str, list[Chunk]] = {}
    for doc, doc_chunks in chunks_by_doc.items():
        unified[doc] = [_with_canonical(chunk, spellings[find(speaker_key(chunk.speaker))]) if chunk.speaker else chunk
                        for chunk in doc_chunks]
    return unified


def _with_canonical(chunk: Chunk, spellings: Counter) -> Chunk:
    hangul = has_hangul(chunk.speaker)
    same_script = [name for name in spellings if has_hangul(name) == hangul]
    # Most frequent first; on a tie the spelling with accents and hyphens, which a plain one often drops.
    canonical = max(same_script, key=lambda name: (spellings[name], _marks(name), name))
    aliases = tuple(sorted(spellings)) if len(spellings) > 1 else ()
    return dataclasses.replace(chunk, speaker=canonical, speaker_aliases=aliases)


def _marks(name: str) -> int:
    return sum(not ch.isascii() or ch == "-" for ch in name)


def _paired_keys(chunks: Iterable[Chunk]) -> list[tuple[str, str]]:
    """Keys of a Hangul-only name and of the French name its pairs mostly carry, when that holds both ways."""
    by_pair: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        if chunk.pair:
            by_pair.setdefault(chunk.pair, []).append(chunk)
    counts: Counter = Counter()
    totals: Counter = Counter()  # pairs in which each key is a speaker
    for members in by_pair.values():
        keys = {speaker_key(chunk.speaker) for chunk in members}
        totals.update(keys)
        if len(keys) == 2:
            counts[tuple(sorted(keys))] += 1
    return [(a, b) for (a, b), n in counts.items() if _is_hangul_key(a) != _is_hangul_key(b)
            and 2 * n > totals[a] and 2 * n > totals[b]]


def _is_hangul_key(key: str) -> bool:
    return has_hangul(key)
