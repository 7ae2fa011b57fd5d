"""The speaker a line of a document gives the floor to, and speakers' names as the archive writes them.

Minutes name speakers as "MME Claire GUICHARD" lines, "Jérôme Tebaldi,
Président …" paragraphs, bold bullets, "… conduite par M. …" and
"Intervention de …"; translations made by the project mark them with a
"발표자:" / "Intervenant :" / "Speaker:" line.
"""

from __future__ import annotations

import re

_EXPLICIT_SPEAKER = re.compile(r"^(?:발표자|발언자|Intervenant(?:e)?|Speaker)\s*:\s*(.*)$")
_HONORIFIC = re.compile(
    r"^(?:-\s*)?(?:SEM\.?\s+)?(?:MR\.?|M\.|MME\.?|Mme\.?|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Pr\.?|SEM\.?)\s+(.*)$"
)
_LED_BY = re.compile(r"\b(?:conduite?|représentée?|présidée?) par\s+(?:M\.|Mme|MME)?\s*([A-ZÀ-Ý][^,;:()]{2,40})")
_NAME_ROLE = re.compile(r"^([A-ZÀ-Ý][a-zà-ÿ'’-]+(?:[ -][A-ZÀ-Ý][\wà-ÿ'’-]+){1,3}),\s+\S")


def is_speaker_line(line: str) -> bool:
    """Whether the line is an explicit speaker marker ("발표자: …"), which names a speaker and says nothing else."""
    return bool(_EXPLICIT_SPEAKER.match(line))


def normalise_speaker(name: str) -> str:
    """ "CLAIRE GUICHARD" → "Claire Guichard"; mixed-case names are kept."""
    name = re.sub(r"\s+", " ", name).strip(" ,:;-*")
    words = []
    for word in name.split(" "):
        if word.isupper() and len(word) > 1:
            word = "-".join(part.capitalize() for part in word.split("-"))
        words.append(word)
    return " ".join(words)


def speaker_of(line: str, single_line_block: bool, bold: bool = False) -> str:
    """The speaker a line introduces, or "" (see the module docstring for the patterns).

    Args:
        line: the cleaned line.
        single_line_block: the line is a paragraph on its own, and not a list item.
        bold: the source line was in bold, which makes a bullet a speaker heading.
    """
    explicit = _EXPLICIT_SPEAKER.match(line)
    if explicit:
        name = explicit.group(1).strip()
        return "" if name in ("", "-", "—", "–") else name  # "발표자: -" ends a speaker's part
    honorific = _HONORIFIC.match(line)
    if honorific and (not line.startswith("- ") or bold):
        name = _leading_name(honorific.group(1))
        if name:
            return normalise_speaker(name)
    if single_line_block:
        led = _LED_BY.search(line)
        if led:
            return normalise_speaker(_leading_name(led.group(1)) or led.group(1))
        named = _NAME_ROLE.match(line)
        if named and len(line) < 250:
            return normalise_speaker(named.group(1))
    intervention = re.match(r"^Intervention d(?:e |')\s*([A-ZÀ-Ý][A-ZÀ-Ý' -]{3,})$", line)
    return normalise_speaker(intervention.group(1)) if intervention else ""


def _leading_name(rest: str) -> str:
    """Capitalised words up to the first comma; the last one must be a surname in capitals."""
    words = []
    for word in re.split(r"\s+", rest.replace("**", "").strip()):
        clean = word.rstrip(",:;")
        if not clean or not clean[0].isupper() or clean.endswith(".") and words:
            break
        words.append(clean)
        if word.endswith((",", ":", ";")) or len(words) == 4:
            break
    while words and not (words[-1].isupper() and len(words[-1]) > 1):
        words.pop()
    return " ".join(words) if words and len(words) >= 2 or words and len(words[0]) > 3 else ""
