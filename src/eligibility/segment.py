"""Segmentation: an eligibility block → sections and a tree of items (bullets, numbers, sub-lists)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Literal

__all__ = ["Item", "unescape", "segment"]

Section = Literal["inclusion", "exclusion"]

_ESCAPE = re.compile(r"\\([<>^\[\]~*_#()\-+.!|{}`=])")
_HEADER = re.compile(
    # ('**Inclusion Criteria:**', '### Exclusion Criteria', '2. Exclusion Criteria', 'Inclusion Criteria (all of the
    # following must be met):', 'Exclusion criteria include:', 'Exclusion Criteria for Cohort B only:')
    r"^\s*(?:#{1,6}\s*|[-*•_]+\s*|\d{1,2}[.)]\s*)?[*_]*"
    r"(?:(?P<pre>(?:[a-z][\w-]*\s+){0,2}?(?:parts?|cohorts?|arms?|groups?|phases?)\s+[a-z0-9]{1,3}"
    r"(?:\s*(?:,|and|&|or)\s*[a-z0-9]{1,3})*)\s*[-–:]?\s*)?"  # ('Part A Exclusion Criteria:')
    r"(?:(?:key|main|general|major|overall|additional|other)\s+)?"
    r"(?P<kind>inclusion|exclusion|eligibility|ineligibility)"
    r"(?:\s+criteria)?(?:(?:\s+(?:for|of|in)\s+|\s*[–-]\s*)(?P<whom>[^:()]{0,60}))?(?:\s*\((?P<paren>[^()]{0,80})\))?"
    r"(?:\s+(?:include|includes|are|is))?\s*[*_]*\s*:?\s*[*_]*\s*$",
    re.IGNORECASE,
)
_TEMPLATE_HEADER = re.compile(
    # the registry's template sentences: 'Participants are eligible to be included in the study only if all of the following
    # criteria apply:', 'Participants are excluded from the study if any of the following criteria apply:'
    r"(?i)^\s*[*_#]*\s*(?:participants?|patients?|subjects?)\s+(?:are|is|will\s+be)\s+(?:(?P<inc>eligible\s+to\s+be\s+included)|"
    r"(?P<exc>excluded))\s+(?:in|from)\s+the\s+(?:study|trial)\s+(?:only\s+)?if\b[^:]{0,80}:\s*[*_]*\s*$")
_HEADER_WITH_TEXT = re.compile(
    r"(?i)^\s*(?:[-•]\s+)?[*_#]*\s*(?P<kind>inclusion|exclusion)\s+criteria\s*[*_]*\s*:\s*[*_]*\s*(?P<rest>\S.*)$")
"""'Inclusion Criteria: Age ≥ 18 years' on one line: the header, then its first item."""
_GROUP_WORDS = re.compile(r"(?i)^(?!\s*(?:both|all|each|every)\b).*\b(?:cohorts?|parts?|arms?|groups?|expansion|escalation)\b")
"""A section header's words that name one group of the trial's patients ('for Cohort B only'; not 'for both phases')."""
_GROUP_ALONE = re.compile(
    r"(?i)\s*(?:for\s+)?(?P<g>(?:[a-z][\w-]*\s+){0,2}?(?:parts?|cohorts?|arms?|groups?|phases?)\s+[a-z0-9]{1,3}"
    r"(?:\s*(?:,|and|&|or)\s*[a-z0-9]{1,3})*)(?:\s+only)?\s*")
"""Words that are one group's label and nothing more: a header's bracket ('Inclusion Criteria (Part A):', '(Cohort B
only)'), its words after 'for' ('… for Phase 1:'), or a markdown heading over section headers ('## Part A')."""
_HEADER_WORDS = frozenset({"key", "main", "general", "major", "overall", "additional", "other"})
"""The words `_HEADER` takes before 'Inclusion'/'Exclusion' ('General Exclusion Criteria:')."""
_EVERYONE_HEADER = re.compile(
    r"(?i)\b(?:general|common|overall)\b|\b(?:all|both|every|each)\s+(?:the\s+)?(?:parts?|cohorts?|arms?|groups?|phases?|"
    r"participants|patients|subjects|stud(?:y|ies)|populations?)\b")
"""A section header's words that say its criteria are everyone's ('Exclusion Criteria for All Parts:', 'General …')."""
_MD_GROUP_LINE = re.compile(r"\s*#{1,6}\s*[*_]*(?P<label>[^#*_:]{1,60}?)[*_]*\s*:?\s*[*_]*\s*")
"""A markdown heading line ('## Part A', '### Cohort 2:'): a group's label when `_GROUP_ALONE` reads its words."""
_BULLETED = re.compile(r"^\s*[-*•]\s+")
_DONOR_HEADER = re.compile(r"(?i)\bdonors?\b")
_NCI_SECTION = re.compile(
    r"^\s*(?:[-*•]\s*)?(?P<name>DISEASE CHARACTERISTICS|PATIENT CHARACTERISTICS|PRIOR CONCURRENT THERAPY|"
    r"PRIOR CONCURRENT THERAPIES)\s*:\s*",
    re.IGNORECASE,
)
_INLINE_HEADER = re.compile(r"[ \t]+(?=(?:Inclusion|Exclusion|INCLUSION|EXCLUSION)\s+(?:Criteria|CRITERIA)\s*:)")
"""A header run on after other words; the words before it are checked by the caller (a pattern that opens with a
lookbehind is tried at every position of the text)."""
_BLANK_BEFORE_HEADER = re.compile(r"[ \t](?=(?:Inclusion|Exclusion|INCLUSION|EXCLUSION)\s+(?:Criteria|CRITERIA)\s*:)")
"""Where `_INLINE_HEADER` matches (a run of blanks ends right before the header): a quicker first test, as a
greedy run of blanks is tried again from each blank of the text."""
_INLINE_BULLET = re.compile(r"(?<=\S)[ \t](?=\*[ \t]+\S)")
_MARKER = re.compile(
    r"^(?P<indent>[ \t]*)(?:(?P<bullet>[*•·▪◦‣–-])[ \t]+(?:(?P<num_in>\d{1,2})[.)](?!\d)[ \t]*)?"
    r"|(?P<num>\d{1,2})[.)](?!\d)[ \t]*(?=\S)|(?P<letter>[a-zA-Z])[.)][ \t]+|\((?P<paren>[a-z0-9]{1,3})\)[ \t]+"
    r"|(?P<roman>(?:i|ii|iii|iv|v|vi|vii|viii|ix|x))[.)][ \t]+)"
)
NCI_SUBHEADING_NAMES = (
    r"Age|Performance status|Life expectancy|Hematopoietic|Hepatic|Renal|Cardiovascular|Cardiac|"
    r"Pulmonary|Neurologic|Other|Sex|Menopausal status|Hormone receptor status|Biologic therapy|Chemotherapy|"
    r"Endocrine therapy|Radiotherapy|Surgery|Immunologic|Gastrointestinal|Metabolic|Infection"
)
"""The sub-headings of old NCI records' sections, as a regex alternation."""
_NCI_SUBHEADINGS = re.compile(rf"(?<![\w-])(?P<h>{NCI_SUBHEADING_NAMES})\s*:")


# Old NCI records lost their line breaks: a new requirement starts at these words, unless 'OR'/'and' joins it
_REQUIREMENT_START = re.compile(
    r"(?<=[A-Za-z0-9%)\]])\s+(?<!\bOR\s)(?<!\bor\s)(?<!\band\s)(?=(?:No|Not|At least|Must|Prior|Concurrent|Negative|Adequate|Fertile|"
    r"Recovered|Willing|Able|Life expectancy|Except|Prior)\b)"
)
_SEE = re.compile(r"(?i)\s*see\s+(?:disease\s+characteristics|general\s+eligibility(?:\s+criteria)?)\s*\.?")


@dataclass
class Item:
    """One bullet or paragraph: its own text span in the (unescaped) document and its sub-items."""

    section: Section
    start: int
    end: int
    indent: int = 0
    marker: str = ""
    number: int | None = None
    children: list[Item] = field(default_factory=list)
    heading: str = ""
    """For old NCI records: the sub-heading ('Hepatic') the item stands under."""
    donor: bool = False
    """Under a section header about the donor ('EXCLUSION CRITERIA - DONOR:'): its items are not the patient's."""
    group: str = ""
    """Under a section header for one group of the trial ('Exclusion Criteria for Cohort B only:'): that group."""
    header: str = ""
    """The section header it stands under, as written ('' where none)."""
    header_at: int = -1
    """Where that header starts (-1: none)."""


def unescape(text: str) -> str:
    """ClinicalTrials.gov markdown escapes removed: '\\\\>' → '>'.

    >>> unescape(r"ANC \\>1.5 x 10\\^9/L")
    'ANC >1.5 x 10^9/L'
    """
    return _ESCAPE.sub(r"\1", text)


_ORPHAN_KEY = re.compile(r"(?im)^[ \t]*(?:key|main)[ \t]*(?=\n(?:[ \t]*\n)*[ \t]*(?:inclusion|exclusion)\s+criteria)")


def _prepare_with_leads(text: str) -> tuple[str, dict[int, int]]:
    """Unescape, unify line ends, and break text flattened onto one line back into lines; and for each line broken out of
    one whose first words end in a colon ('… provided they meet all of the following criteria: * Evaluable … * No …'),
    where it starts and that line's indent: its items.

    Every rewrite keeps the text's length (a space becomes a newline) so spans stay true.
    """
    t = unescape(text).replace("\r\n", " \n").replace("\r", "\n")
    if _BLANK_BEFORE_HEADER.search(t):
        t = _INLINE_HEADER.sub(lambda m: m.group() if m.start() == 0 or t[m.start() - 1].isspace()
                               or (before := t[t.rfind("\n", 0, m.start()) + 1 : m.start()].strip()) in ("-", "*", "•")
                               # ('Part A Exclusion Criteria:': one header, for that group)
                               or _GROUP_ALONE.fullmatch(before.strip("#*_-–: ")) is not None
                               # ('General Exclusion Criteria:': one header, its word kept with it)
                               or before.strip("#*_-–: ").lower() in _HEADER_WORDS else "\n", t)
    if "ey" in t:  # 'Key' alone on the line above 'Exclusion Criteria:' (the registry split 'Key Exclusion Criteria')
        t = _ORPHAN_KEY.sub(lambda m: " " * len(m.group()), t)
    lines = t.split("\n")
    out = []
    leads: dict[int, int] = {}
    pos = 0
    for line in lines:
        if "*" in line and len(re.findall(r"(?<=\S)[ \t]\*[ \t]+\S", line)) >= 2:
            first = _INLINE_BULLET.search(line)
            if first is not None and line[: first.start()].rstrip().endswith(":"):
                indent = len(line) - len(line.lstrip())
                leads.update({pos + m.start() + 1: indent for m in _INLINE_BULLET.finditer(line)})
            line = _INLINE_BULLET.sub("\n", line)
        out.append(line)
        pos += len(line) + 1
    return "\n".join(out), leads


_LABEL_LINE = re.compile(r"[ \t]*[A-Z][^:;.]{0,60}:[ \t]*")
_GROUP_WORD_LINE = re.compile(r"(?i)[ \t]*(?:patients|volunteers|donors|recipients|controls|adults|children|adolescents|"
                              r"subjects|participants|women|men)\s*:[ \t]*")
"""A one-word label that names a group ('Patients:'); another one word ('Criteria:', 'Registration:') may end a wrapped
line."""
_NCI_LABEL_LINE = re.compile(rf"(?i)[ \t]*(?:{NCI_SUBHEADING_NAMES})\s*:[ \t]*")
"""A one-word sub-heading of an old record ('Radiotherapy:', 'Hepatic:'): a heading of its own."""
_UNFINISHED = re.compile(r"(?i)(?:\b(?:of|per|the|following|before|after|to|by|with|within|and|or|as|for|in|at|than|from)|[,(–—-])\s*$")
"""An item whose words stop mid-sentence ('… at least one of the following per IMWG'): the line after it goes on with it."""
"""A short label on a line of its own, no deeper than the bullet before it ('Dose expansion:', 'PATIENTS WITH ALZHEIMER
DISEASE:'): the heading of the items after it, not a wrapped line of that bullet."""


@dataclass
class _Line:
    start: int
    end: int
    text: str


def segment(text: str) -> tuple[str, list[Item]]:
    """Split an eligibility block into top-level items with nested children.

    Returns the prepared document text (spans refer to it) and the items in document order.
    A text with no section header is inclusion criteria.
    """
    doc, leads = _prepare_with_leads(text)
    lines: list[_Line] = []
    pos = 0
    for raw in doc.split("\n"):
        lines.append(_Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1

    section: Section = "inclusion"
    flat: list[tuple[Item, bool]] = []  # (item, follows a blank line)
    blank = True
    current: Item | None = None
    nci = False
    donor_from: list[tuple[int, bool]] = []  # (where a section header starts, whether it is about the donor)
    group_from: list[tuple[int, str]] = []  # (where a section header starts, the group of the trial it is for)
    headers: list[int] = []  # (where each section header starts: no item nests under one before it)
    header_lines: list[tuple[int, str]] = []  # (where each section header starts, and its words)
    md_group, md_level = "", 0  # (the group a markdown heading names, '## Part A', for the section headers under it)
    for at, ln in enumerate(lines):
        s = ln.text
        if not s.strip():
            blank = True
            continue
        low = s.lower()
        maybe = "clusion" in low or "ligib" in low  # (every header names inclusion, exclusion or eligibility)
        if s.lstrip().startswith("#") and not maybe and (md := _MD_GROUP_LINE.fullmatch(s)) is not None:
            g = _GROUP_ALONE.fullmatch(md.group("label"))
            following = next((x.text for x in lines[at + 1 :] if x.text.strip()), "")
            # ('## Part A' over 'Inclusion Criteria:': no criterion, the group of the headers under it, up to a markdown
            # header as high as it or a header for everyone; not '### Cohort A' over items, review 101 R1)
            md_group = g.group("g") if g is not None and _HEADER.match(following) else ""
            md_level = len(s.lstrip()) - len(s.lstrip().lstrip("#"))
            if md_group:
                blank = True
                continue
        h = _HEADER.match(s) if maybe else None
        if h and h.group("kind").lower() in ("eligibility", "ineligibility") and _BULLETED.match(s) and re.search(
                r"(?i)(?:eligibility|ineligibility)\s+(?:for|of|in)\b", s):
            h = None  # '-  Eligibility for other transplant types:' in an exclusion list: an item, no section header
        if h and h.group("kind").lower() in ("inclusion", "exclusion") and current is not None and not blank and (
                not s.rstrip().endswith(":") and "criteria" not in s.lower()):
            h = None  # ('… and a wrapped line that reads "exclusion"'): no header
        if h and (h.group("whom") or "").strip() and not s.rstrip().rstrip("*_ ").endswith(":") and re.search(
                r"(?i)\b(?:do|does|did|is|are|was|were|will|apply|applies|must|should|may|can|not)\b", h.group("whom") or ""):
            h = None  # '* Exclusion criteria of the parent study do not apply': an item that speaks of criteria
        t = _TEMPLATE_HEADER.match(s) if h is None and ("ligible" in low or "xcluded" in low) else None
        if (h and len(s.strip()) < 110) or t:
            kind = h.group("kind").lower() if h else ("inclusion" if t.group("inc") else "exclusion")  # type: ignore[union-attr]
            section = "exclusion" if kind in ("exclusion", "ineligibility") else "inclusion"
            whom = (h.group("whom") or "") if h else ""
            donor_from.append((ln.start, bool(_DONOR_HEADER.search(s))))
            header_lines.append((ln.start, s.strip()))
            # the group the header is for: named after 'for' ('Exclusion Criteria for Cohort B only:'), in its bracket
            # ('Inclusion Criteria (Part A):'), before it ('Part A Exclusion Criteria:'), or by a markdown heading over
            # it ('## Part B' over 'Inclusion Criteria:'); before, the first three of a phase or in a bracket, and the
            # last two, were read as everyone's
            group = whom.strip(" -–*_") if _GROUP_WORDS.search(whom) else ""
            if not group and h:
                for words in (whom, h.group("paren") or "", h.group("pre") or ""):
                    if words and (g := _GROUP_ALONE.fullmatch(words)) is not None:
                        group = g.group("g")
                        break
            level = len(s.lstrip()) - len(s.lstrip().lstrip("#"))
            if md_group and ((level and level < md_level) or _EVERYONE_HEADER.search(s)):
                md_group = ""  # ('# Exclusion Criteria', 'Exclusion Criteria for All Parts:' after '## Part B', review 101 R2)
            group_from.append((ln.start, group or md_group))
            headers.append(ln.start)
            current = None
            nci = False
            blank = True
            continue
        hw = _HEADER_WITH_TEXT.match(s) if maybe else None
        if hw:
            # 'Inclusion Criteria: Age ≥ 18 years': the header, then its first item on the same line
            section = "exclusion" if hw.group("kind").lower() == "exclusion" else "inclusion"
            donor_from.append((ln.start, False))
            header_lines.append((ln.start, s[: hw.start("rest")].strip()))
            group_from.append((ln.start, ""))
            nci = False
            current = Item(section, ln.start + hw.start("rest"), ln.end, indent=0, marker="para")
            flat.append((current, True))
            blank = False
            continue
        # (every match of _NCI_SECTION holds 'haracter' or 'herap' in some case: no letter of either is one that
        # IGNORECASE matches to a character beyond ASCII, so the lower-cased line holds it as written)
        n = _NCI_SECTION.match(s) if "haracter" in low or "herap" in low else None
        if n:
            section = "inclusion"
            nci = True
            start = ln.start + n.end()
            current = Item(section, start, ln.end, indent=0, marker="nci")
            flat.append((current, True))
            blank = False
            continue
        m = _MARKER.match(s)
        if m and (m.group("bullet") or m.group("num") or m.group("letter") or m.group("paren") or m.group("roman")):
            indent = len(m.group("indent").expandtabs(4))
            if ln.start in leads:
                indent = max(indent, leads[ln.start] + 2)  # (broken out of its lead's line: the lead's items, audit 102 F1)
            num = m.group("num_in") or m.group("num")
            marker = "bullet" if m.group("bullet") else "number" if m.group("num") else "letter" if (m.group("letter") or m.group("paren") or m.group("roman")) else "?"
            current = Item(section, ln.start + m.end(), ln.end, indent=indent, marker=marker,
                           number=int(num) if num else None)
            if m.group("bullet") and m.group("num_in"):
                current.marker = "bullet-number"
            flat.append((current, blank))
            blank = False
            continue
        if current is not None and not blank and not (
                len(s) - len(s.lstrip()) <= current.indent and current.marker not in ("para", "nci") and _LABEL_LINE.fullmatch(s)
                and (len(s.split()) > 1 or _GROUP_WORD_LINE.fullmatch(s) or _NCI_LABEL_LINE.fullmatch(s))
                and not _UNFINISHED.search(doc[current.start : current.end])):
            current.end = ln.end  # a wrapped line continues the item
            continue
        indent = len(s) - len(s.lstrip())
        current = Item(section, ln.start + indent, ln.end, indent=indent, marker="para")
        flat.append((current, blank))
        blank = False

    items: list[Item] = []
    for it, _ in flat:
        if it.marker == "nci":
            items.extend(_split_nci(doc, it))
        elif doc.count(":", it.start, it.end) >= 2 and len(_NCI_SUBHEADINGS.findall(doc, it.start, it.end)) >= 2:
            # 'Age: 18 and over Performance status: ECOG 0-2': sub-headings run together on one line
            parts = _split_nci(doc, Item(it.section, it.start, it.end, indent=it.indent, marker="nci"))
            for p in parts:
                p.indent, p.marker = it.indent, it.marker
            items.extend(parts)
        else:
            items.append(it)
    for it in items:
        it.donor = next((d for at, d in reversed(donor_from) if at <= it.start), False)
        it.group = next((g for at, g in reversed(group_from) if at <= it.start), "")
        it.header_at, it.header = next(((at, h) for at, h in reversed(header_lines) if at <= it.start), (-1, ""))
    doc, items = _join_continuations(doc, items)
    return doc, _nest(doc, items, headers)


_CONTINUES = re.compile(
    r"(?:unless|except|excluding|with\s+the\s+exception|other\s+than|provided|as\s+long\s+as|but|if|or|and|AND)\b(?![-/])")
"""How an item that carries on the one above it opens, in lower case ('unless due to bone marrow involvement', 'except
patients who have fully recovered', 'or ≥ 50 × 10^9/L in patients with …', 'and HBV DNA detectable'; 'AND' in capitals)."""
_CARRIED_ON = re.compile(r"(?<![;])\s(?:and|with|AND)\s*$")
"""How an item ends that the next one carries on: 'HBcAb positive, and', 'HBcAb positive with' (not '…; and', which closes a
list)."""


def _join_continuations(doc: str, items: list[Item]) -> tuple[str, list[Item]]:
    """'ANC ≥ 1.0 × 10^9/L' then, as an item of its own, 'unless due to bone marrow involvement'; 'ANC ≥ 1.0 × 10^9/L
    (unless due to' then 'bone marrow involvement)'; 'HBcAb positive, and' then 'HBV DNA detectable': the second goes on
    with the first's sentence, and is joined to it (read alone, its half sentence was a requirement or a reason to exclude
    of its own, and the first lost its exception or its other half). The second's marker is blanked in the text (its
    length kept, so spans stay true) and the first item runs on to the second's end."""
    out: list[Item] = []
    blanks: list[tuple[int, int]] = []
    for it in items:
        prev = out[-1] if out else None
        if (prev is not None and prev.section == it.section and prev.donor == it.donor and prev.group == it.group
                and not prev.heading and not it.heading and prev.marker != "nci" and it.marker != "nci"
                and it.indent >= prev.indent and _continues(doc, prev, it)):
            line_start = doc.rfind("\n", 0, it.start) + 1
            if line_start > prev.end:
                blanks.append((line_start, it.start))
            prev.end = it.end
            continue
        out.append(it)
    if not blanks:
        return doc, items
    chars = list(doc)
    for a, b in blanks:
        for k in range(a, b):
            if chars[k] != "\n":
                chars[k] = " "
    return "".join(chars), out


def _continues(doc: str, prev: Item, it: Item) -> bool:
    """Whether an item carries on the sentence of the item before it."""
    own = doc[it.start : it.end].strip()
    before = doc[prev.start : prev.end].rstrip()
    if not own or not before or before.endswith(":"):
        return False
    if ((own[0].islower() or own[0] == ")") and before.count("(") > before.count(")")
            and own.count(")") > own.count("(")):
        return True  # ('… (unless due to' then 'bone marrow involvement)': a bracket the item above opened, this one closes)
    m = _CONTINUES.match(own)
    if m is not None and m.group() in ("and", "AND") or _CARRIED_ON.search(before[-8:]) is not None:
        # ('HBcAb positive with' then 'detectable HBV DNA': one reason to exclude in two halves; not ', and' or a leading
        # 'and', which as often close a list of reasons each of which excludes: left as items, each excluding)
        return (it.section == "exclusion" and not own.rstrip().endswith(":") and before.rstrip().endswith(" with")
                and not before.rstrip().endswith(", with"))
    # (not 'if …', 'but …': a criterion of its own as often ('if female, negative pregnancy test'), or a carve-out of the
    # limit above, which `criteria._join_or_runs` reads as one where it names what the limit measures)
    return m is not None and own[0].islower() and m.group() not in ("if", "but", "and")


_LINE_OR = re.compile(r"\bOR\b")
_LIST_LEAD = re.compile(r"(?i)\b(?:(?:1|one|any|all|each|both)\s+of\s+the\s+following|the\s+following|including\s*:|defined\s+(?:as|by)|"
                        r"consisting\s+of|as\s+follows|(?:measurable|evaluable)\s+disease|such\s+as\s*:)")
_GROUP_LABEL = re.compile(r"\b(?:Group|Arm|Cohort|Stratum|Part|Phase|GROUP|ARM|COHORT|STRATUM|PART|PHASE)\s+[\w-]{1,6}\s*:|"
                          # ('Aplastic anemia patients: LVEF at least 45% … No myocardial infarction …': the patients of
                          # one disease, whose label binds what follows, audit 102 F3)
                          r"\b(?!(?:All|Eligible|Other|These|Such|Most|Some|Adult|Pediatric|Female|Male)\b)[A-Z][a-z]+"
                          r"(?:[ -][a-z]+){0,3}\s+patients\s*:")


def _before_groups(body: str, a: int, b: int, lead: bool = False) -> int:
    """Where the first group label ('Group 2:', 'Phase II:') or list lead-in ('including:', '1 of the following',
    'measurable disease') opens: requirements after it may bind that group or belong to that list, so the run-on text
    from there is kept in one piece ('Group 2: Prior surgery required' is no one's requirement; 'Measurable disease …
    No pleural or pericardial effusions' says what does not count as measurable, beside 'Malignant pleural effusion
    allowed'). An 'OR' in capitals joins alternatives across the lines: nothing is split ('… aplastic anemia Must have
    related donor … OR Bone marrow transplant failure Must have …'). The lead-ins and 'OR' count in the text before any
    sub-heading (`lead`), whose lines were a nested list; a sub-heading's lines ('Renal: Creatinine … OR Creatinine
    clearance … No hemodialysis') are flat."""
    if lead and _LINE_OR.search(body, a, b):
        return a
    m = _GROUP_LABEL.search(body, a, b)
    li = _LIST_LEAD.search(body, a, b) if lead else None
    stops = [x.start() for x in (m, li) if x is not None]
    return min(stops) if stops else b


def _split_nci(doc: str, it: Item) -> list[Item]:
    """An old NCI section: one item per sub-heading ('Hepatic: ...')."""
    body = doc[it.start : it.end]
    heads = list(_NCI_SUBHEADINGS.finditer(body))
    out: list[Item] = []
    # the text before any sub-heading ('DISEASE CHARACTERISTICS: Histologically proven … rectum No CNS metastases
    # Bidimensionally measurable …'): its run-on requirements, one item each
    lead_end = heads[0].start() if heads else len(body)
    lead_start = len(body) - len(body.lstrip())
    if body[:lead_end].strip():
        cuts = [m.start() for m in _REQUIREMENT_START.finditer(body, lead_start, _before_groups(body, lead_start, lead_end, lead=True))
                if m.start() > lead_start]
        bounds = [0] + cuts + [lead_end]
        out.extend(Item(it.section, it.start + a, it.start + b, marker="para") for a, b in pairwise(bounds) if body[a:b].strip())
    for k, h in enumerate(heads):
        end = heads[k + 1].start() if k + 1 < len(heads) else len(body)
        pos = h.end()
        see = _SEE.match(body, pos, end)
        if see:
            pos = see.end()
        cuts = [m.start() for m in _REQUIREMENT_START.finditer(body, pos, _before_groups(body, pos, end)) if m.start() > pos]
        bounds = [h.start()] + cuts + [end]
        for a, b in zip(bounds, bounds[1:]):
            if body[a:b].strip() and (a != h.start() or body[pos:b].strip()):
                out.append(Item(it.section, it.start + a, it.start + b, marker="para", heading=h.group("h")))
    return out


def _own_text(doc: str, it: Item) -> str:
    return doc[it.start : it.end].strip()


def _nest(doc: str, items: list[Item], headers: list[int] | None = None) -> list[Item]:
    """Nest items: deeper indentation, a sub-list after a colon, or (for text flattened onto
    one line) bullets between consecutively numbered items."""
    out: list[Item] = []
    by_section: dict[str, list[Item]] = {}
    for it in items:
        by_section.setdefault(it.section, []).append(it)
    for sec_items in _in_order(items):
        out.extend(_nest_section(doc, sec_items, headers or []))
    return out


def _in_order(items: list[Item]) -> list[list[Item]]:
    runs: list[list[Item]] = []
    for it in items:
        if runs and runs[-1][0].section == it.section:
            runs[-1].append(it)
        else:
            runs.append([it])
    return runs


_INLINE_FIRST = re.compile(r"(?:^|(?<=[:;]))\s*1\.\s*(?=[A-Z])")
_INLINE_NEXT = re.compile(r"(?<=[.;])\s+(?P<n>\d{1,2})\.\s*(?=[A-Z])(?P<head>[^.:;]{3,150}):\s*$")


def _inline_sublists(doc: str, top: Item) -> None:
    """'* 2.Diagnosed with multiple myeloma …: 1. Bone marrow plasma cells ≥ 10% …; and at least one of the following:'
    over '* S: …', …, '* B: Lytic bone lesions … 2. Definition of relapsed/refractory multiple myeloma:', '* Must have
    received at least three regimens', …: text flattened onto one line numbers its own sub-lists inside the items; the
    items after '2. …:' are that sub-list's, not more of the first's (read as one list, 'at least one of the following'
    made the counted lines one more alternative). In place: the top item gets the numbered parts as its children."""
    first = _INLINE_FIRST.search(doc, top.start, top.end)
    if first is None or not top.children:
        return
    def part(start: int, end: int, number: int) -> Item:
        return replace(top, start=start, end=end, indent=top.indent + 1, marker="number", number=number, children=[])

    parts: list[Item] = [part(first.end(), top.end, 1)]
    for ch in top.children:
        m = _INLINE_NEXT.search(doc, ch.start, ch.end)
        if m is not None and int(m.group("n")) == len(parts) + 1:
            parts[-1].children.append(replace(ch, end=m.start()))
            parts.append(part(m.start("head"), ch.end, len(parts) + 1))
        else:
            parts[-1].children.append(ch)
    if len(parts) < 2:
        return  # one inline number is no list of its own
    top.end = first.start()
    top.children = parts


def _nest_section(doc: str, items: list[Item], headers: list[int]) -> list[Item]:
    numbered = [it for it in items if it.marker == "bullet-number"]
    if len(numbered) >= 2 and all(it.indent == items[0].indent for it in items):
        # Flattened text ('* 1.Aged … * 2.Diagnosed … * S: …'): top level follows the numbering.
        top: list[Item] = []
        expected = 1
        for it in items:
            if it.marker == "bullet-number" and it.number == expected:
                top.append(it)
                expected += 1
            elif top:
                top[-1].children.append(it)
            else:
                top.append(it)
        for t in top:
            _inline_sublists(doc, t)
        return top
    roots: list[Item] = []
    stack: list[Item] = []
    numbers = {(it.indent, it.number) for it in items if it.marker == "number" and it.number is not None}
    for it in items:
        if stack and headers and bisect_left(headers, it.start) > bisect_right(headers, stack[-1].start):
            # ('* Age ≥ 18 years' / '* Additional inclusion criteria for Part 2:' / '  * Platelets ≥ 75 × 10^9/L': a
            # section header between them; the indented item is the new section's, not a sub-item of the one before)
            stack.clear()
        while stack:
            top = stack[-1]
            deeper = it.indent > top.indent
            colon_list = (
                it.indent >= top.indent
                and it.marker != top.marker
                and _own_text(doc, top).rstrip().endswith(":")
                and it.marker != "para"
            )
            if deeper and top.marker != "para" or colon_list:
                break
            if top.marker == "para" and _own_text(doc, top).rstrip().endswith(":") and it.marker in ("bullet", "number", "letter") and it.indent >= top.indent:
                break
            lead = stack[-1]
            if (it.marker == "para" and lead.marker == "number" and lead.number is not None and it.indent >= lead.indent
                    and (lead.indent, lead.number + 1) in numbers and _own_text(doc, lead).rstrip().endswith(":")):
                # ('11. Any prior severe AE … such as:' over unmarked lines, 'Grade 2 or higher pneumonitis', …, then '12. …'):
                # lines between a numbered lead and the next number are its list (read as criteria of their own,
                # 'Grade 2 or higher pneumonitis' asked of now let in a patient whose pneumonitis had resolved)
                break
            stack.pop()
        if stack:
            stack[-1].children.append(it)
        else:
            roots.append(it)
        stack.append(it)
    return roots
