"""Interpreted-session transcripts: SubRip (``srt``) and WebVTT (``webvtt-py``).

Cues are merged into speaker turns, each opened by a ``Speaker: NAME`` line
that ``corpus.structure`` understands, so a chunk never mixes two speakers.
The speaker of a cue comes from a WebVTT voice tag (``<v Jean Dupont>``) or
from a leading "NAME:" label; a cue without either continues the current turn.

Every cue's text span in the rendered text is kept with its times in
``meta["timeline"]`` as ``[start_char, end_char, start_seconds, end_seconds]``;
the chunker turns it into each chunk's ``time_start``/``time_end``.
"""

from __future__ import annotations

import html
import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from corpus.errors import DocumentError
from corpus.readers.base import Reader, ReadResult, decode_text, read_bytes
from corpus.speaker_lines import normalise_speaker

_TAG = re.compile(r"<[^>\n]{0,200}>")
_ASS_OVERRIDE = re.compile(r"\{\\[^}]*\}")  # "{\an8}" positioning left in many SRT files
_UPPER = "A-ZÀ-ÖØ-ÞŒ"
_LOWER = "a-zà-öø-ÿœ"
# Speaker labels: "JEAN DUPONT:", "M. Dupont :", "Jean Dupont:", roles ("Interprète :",
# "Modératrice :"), "김민수:", "김민수 시장:", "통역:".
_LABEL = re.compile(
    rf"""^(?:[-–—]\s*)?(?P<name>
        [{_UPPER}][{_UPPER}'’.\-]+(?:\s[{_UPPER}][{_UPPER}'’.\-]*){{0,3}}
      | (?:M\.|Mme|MM\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Pr\.?)\s+[{_UPPER}][\w'’\-]+(?:\s[{_UPPER}][\w'’\-]+){{0,2}}
      | [{_UPPER}][{_LOWER}'’\-]+(?:\s[{_UPPER}][\w'’\-]+){{1,2}}
      | (?i:interpr[èe]te|interpreter|interpr[ée]tation|traduction|mod[ée]rat(?:eur|rice)|moderator
           |animat(?:eur|rice)|pr[ée]sident(?:e)?|chair|question|r[ée]ponse|salle|public|audience)
      | [가-힣]{{2,4}}(?:\s?(?:시장|구청장|군수|도지사|의원|위원장|대표|교수|박사
           |국장|과장|팀장|대사|사회자|통역사?|씨|님))?
    )\s*:\s+(?P<rest>\S.*)$""",
    re.VERBOSE | re.DOTALL,
)

# Speakers are named without "M."/"Mme", as corpus.structure names them.
_HONORIFIC = re.compile(r"^(?:M\.|Mme|MM\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Pr\.?)\s+")


@dataclass(frozen=True, slots=True)
class Cue:
    """One subtitle: times in seconds, its text on one line, and its speaker if it names one."""

    start: float
    end: float
    text: str
    speaker: str = ""


class SrtReader(Reader):
    """``.srt`` transcripts (fractional times kept)."""

    extensions = (".srt",)

    def read(self, path: Path) -> ReadResult:
        import srt

        text, encoding = decode_text(read_bytes(path), path)
        if not text.strip():
            return ReadResult(text="", encoding=encoding)
        notes: list[str] = []
        try:
            subtitles = list(srt.parse(text))
            skipped: list[str] = []
        except srt.SRTParseError:
            # Stray lines between cues (a title, a note) break strict parsing only.
            with _srt_log_lines() as skipped:
                subtitles = list(srt.parse(text, ignore_errors=True))
            notes.append("text outside subtitle cues ignored")
        cues = [_cue(item.start.total_seconds(), item.end.total_seconds(), item.content, "") for item in subtitles]
        warnings = [f"unparseable SRT text skipped: {_excerpt(line)}" for line in skipped[:_MAX_SKIPPED]]
        if len(skipped) > _MAX_SKIPPED:
            warnings.append(f"… and {len(skipped) - _MAX_SKIPPED} more unparseable parts skipped")
        return _with_warnings(_result(path, cues, encoding, notes, "SRT"), warnings)


class VttReader(Reader):
    """``.vtt`` transcripts; ``<v Name>`` voice tags give the speaker."""

    extensions = (".vtt",)

    def read(self, path: Path) -> ReadResult:
        import webvtt
        from webvtt.errors import MalformedFileError

        text, encoding = decode_text(read_bytes(path), path)
        if not text.strip():
            return ReadResult(text="", encoding=encoding)
        try:
            captions = list(webvtt.from_string(text))
        except MalformedFileError as error:
            raise DocumentError(path, f"not a valid WebVTT file ({error or 'no WEBVTT header'})") from None
        # ``start_in_seconds`` is truncated to whole seconds: use milliseconds.
        cues = [
            _cue(c.start_time.in_milliseconds() / 1000, c.end_time.in_milliseconds() / 1000, c.raw_text, c.voice or "")
            for c in captions
        ]
        return _result(path, cues, encoding, [], "WebVTT")


def _cue(start: float, end: float, raw: str, voice: str) -> Cue:
    """A cue with markup removed, lines joined and a "NAME:" label taken out as its speaker."""
    text = html.unescape(_TAG.sub("", _ASS_OVERRIDE.sub("", raw)))
    text = " ".join(text.split())
    speaker = normalise_speaker(voice) if voice.strip() else ""
    label = _LABEL.match(text)
    # Two capitals ("OK:", "NB:") are an abbreviation, not a name.
    if label and sum(ch.isalpha() for ch in label.group("name")) >= (2 if _is_hangul(label.group("name")[0]) else 3):
        speaker = normalise_speaker(_HONORIFIC.sub("", label.group("name")))
        text = label.group("rest").strip()
    return Cue(round(start, 3), round(end, 3), text, speaker)


_MAX_SKIPPED = 3  # a badly broken file would otherwise print one warning per stray line


@contextmanager
def _srt_log_lines():
    """What ``srt`` logs while parsing ("Skipped unparseable SRT data: …"), collected instead of printed.

    The library logs to its own logger, which reaches stderr without the file's
    name; the reader turns each line into a warning naming the file.
    """
    lines: list[str] = []

    class _Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(str(record.args[0]) if record.args else record.getMessage())

    logger = logging.getLogger("srt")
    handler, propagate = _Collect(logging.WARNING), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield lines
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _excerpt(text: str) -> str:
    shown = " ".join(text.split())
    return repr(shown if len(shown) <= 60 else shown[:59] + "…")


def _with_warnings(result: ReadResult, warnings: list[str]) -> ReadResult:
    from dataclasses import replace

    return replace(result, warnings=(*result.warnings, *warnings)) if warnings else result


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def _result(path: Path, cues: list[Cue], encoding: str, notes: list[str], kind: str) -> ReadResult:
    cues = [cue for cue in cues if cue.text]
    if not cues:
        raise DocumentError(path, f"not a valid {kind} file (no subtitle cue found)")
    text, timeline, speakers, turns = render_turns(cues)
    notes = [f"{len(cues)} cues in {turns} speaker turns"] + notes
    if encoding not in ("utf-8", "ascii"):
        notes.append(f"decoded as {encoding}")
    meta = {"timeline": timeline}
    if speakers:
        meta["speakers"] = speakers
    return ReadResult(text=text, encoding=encoding, meta=meta, notes=tuple(notes))


def render_turns(cues: list[Cue]) -> tuple[str, list[list], list[str], int]:
    """Render cues as turns: a ``Speaker:`` line, then the turn's cues as one paragraph.

    Returns:
        The text, the timeline (one ``[start_char, end_char, start_s, end_s]`` per
        cue), the speakers in order of first appearance, and the number of turns.
    """
    parts: list[str] = []
    timeline: list[list] = []
    speakers: list[str] = []
    length, speaker, turns = 0, None, 0

    def emit(piece: str) -> None:
        nonlocal length
        parts.append(piece)
        length += len(piece)

    for cue in cues:
        current = cue.speaker or speaker or ""
        if current != speaker or not turns:
            if turns:
                emit("\n\n")
            if current:
                emit(f"Speaker: {current}\n")
                if current not in speakers:
                    speakers.append(current)
            speaker, turns = current, turns + 1
        elif parts:
            emit(" ")
        timeline.append([length, length + len(cue.text), cue.start, cue.end])
        emit(cue.text)
    emit("\n")
    return "".join(parts), timeline, speakers, turns
