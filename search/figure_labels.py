"""What a key figure measures, in a few words of the clause it is written in.

``figure_label(text, figure, others)`` reads the clause around the figure: the words before it and
after it up to sentence or clause punctuation, other figures and parenthetical asides left out, so that
"Investissement de 320 Milliards de won pour la création de 5 centres" labels 320 milliards
"Investissement pour la création" and 5 centres "création de 5 centres"; "예산 1,650억 원 투입" labels
1,650억 원 "예산 투입". A label never starts mid-word or with a preposition, is at most ``MAX_LABEL``
characters, and falls back on the figure's stored context, then on the figure as written: never empty.
"""

from __future__ import annotations

import re

from corpus.figures import Figure

# A table cell of the briefing: longer labels wrap over several lines and stop being read.
MAX_LABEL = 80

_BREAK = re.compile(r"\n|[;:!?•→—()\[\]]|\.(?=\s|$)|,(?=\s)|\s[-–]\s|^[-–]\s")
_PAREN = re.compile(r"\([^()]*\)")
# Words that only link a label to the figure: "budget de", "plus de", "ont été investis".
_EDGE = frozenset(
    "de d' du des la le les l' à au aux en pour par sur avec et ou un une dont qui que qu' soit plus "
    "moins environ près entre jusqu'à d'ici ont a été sont seront est sera of the in for to by and a an about".split()
)
_SAYS_SOMETHING = re.compile(r"[^\W\d_]{3,}|[\uac00-\ud7a3]{2,}")
_ELIDED = re.compile(r"^(?:d|l|qu)['’](?=\w)", re.I)


def figure_label(text: str, figure: Figure, others: list[Figure]) -> str:
    """What ``figure`` measures in ``text`` (where it was found, at ``figure.start``); ``others``: the other figures.

    >>> figure_label("Réduction de 70% des plaintes", figure, [])
    'Réduction des plaintes'
    """
    if 0 <= figure.start < len(text) and text[figure.start : figure.end] == figure.text:
        masked = _masked(text, figure, others)
        start, end = _enclosing(masked, figure.start, figure.end)
        # A count names what it counts ("5 centres"), in its clause; an amount in parentheses is not shown.
        shown = figure.text if figure.kind == "quantity" and (start, end) == (figure.start, figure.end) else ""
        label = _clause_label(masked, start, end, shown)
        if label:
            return label
    for fallback in (figure.context, figure.text):
        if _says_something(fallback):
            return _shorten(fallback.split())
    return figure.text


def _masked(text: str, figure: Figure, others: list[Figure]) -> str:
    """The text with the other figures turned into clause breaks and the asides around none of them blanked."""
    chars = list(text)
    for other in others:
        # A date says when ("investis d'ici 2024"), another amount or count would be a second subject.
        if other.kind not in ("date", "time", "number") and (other.end <= figure.start or other.start >= figure.end):
            end = other.end
            while end < len(text) and _is_hangul(text[end]):
                end += 1  # the particle glued to it ("13.4%에서") goes with it
            chars[other.start : end] = "\n" * (end - other.start)
    masked = "".join(chars)
    for aside in _PAREN.finditer(masked):
        if not aside.start() <= figure.start < aside.end():
            # An aside that ends its sentence ("(Chine, Japon etc.) La ville") still ends it.
            blank = re.sub(r"\.(?=[\s)])|(.)", lambda m: " " if m.group(1) else m.group(), aside.group(), flags=re.S)
            masked = masked[: aside.start()] + blank + masked[aside.end() :]
    return masked


def _enclosing(masked: str, start: int, end: int) -> tuple[int, int]:
    """The figure's span, or that of its parenthesis when nothing inside says what it measures.

    "18.9 Milliards de won (13.2 millions d'euros) ont été investis": the euros measure what the won do.
    """
    opening, closing = masked.rfind("(", 0, start), masked.find(")", end)
    if opening < 0 or closing < 0 or ")" in masked[opening:start] or "(" in masked[end:closing]:
        return start, end
    if _says_something(masked[opening + 1 : start] + masked[end:closing]):
        return start, end
    return opening, closing + 1


def _clause_label(masked: str, start: int, end: int, shown: str) -> str:
    """The label from the clause around ``masked[start:end]``; ``shown``: the figure when it stays in its label.

    A count names what it counts ("création de 5 centres de recherche"); an amount is what the words around measure
    ("budget de" 165 milliards: "budget"; "예산 1,650억 원 투입": "예산 투입").
    """
    head = _BREAK.split(masked[max(0, start - 200) : start])[-1]
    after = _BREAK.split(masked[end : end + 200])[0]
    if shown:
        words = (head + shown + after).split()  # one text: "d'un quart", "50명으로" stay whole
        glued = bool(head) and not head[-1].isspace()
        before, tail = words[: len(head.split()) - glued], words[len(head.split()) - glued :]
    else:
        if after[:1].isalpha():
            after = after.split(" ", 1)[1] if " " in after else ""  # a particle glued to the figure ("70%를")
        before, tail = head.split(), after.split()
        while before and _is_edge(before[-1]):
            before.pop()  # "budget de" 165 milliards
    # A long clause keeps the words nearest the figure before it, then those after as far as they fit.
    while before and (len(" ".join(before)) > MAX_LABEL or _is_edge(_ELIDED.sub("", before[0]))):
        before.pop(0)
    while not before and not shown and tail and _is_edge(tail[0]):
        tail.pop(0)
    words = before + tail
    if words:
        words[0] = _ELIDED.sub("", words[0])  # "d'atteindre un taux" → "atteindre un taux"
    return _shorten(words) if _says_something(" ".join(words)) else ""


def _shorten(words: list[str]) -> str:
    """The words up to ``MAX_LABEL`` characters, cut between words, without a linking word at the end."""
    kept: list[str] = []
    for word in words:
        if len(" ".join(kept + [word])) > MAX_LABEL:
            break
        kept.append(word)
    while len(kept) > 1 and _is_edge(kept[-1]):
        kept.pop()
    return " ".join(kept).strip(" ,-–") or " ".join(words)[:MAX_LABEL]


def _is_edge(word: str) -> bool:
    folded = word.casefold().replace("’", "'")
    if folded in _EDGE or folded in ("-", "–", "/", "+", "~"):
        return True
    return len(folded) < 3 and not _SAYS_SOMETHING.search(folded)


def _is_hangul(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3"


def _says_something(text: str) -> bool:
    return any(_SAYS_SOMETHING.search(w) and not _is_edge(w) for w in text.split())
