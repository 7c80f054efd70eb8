"""Helpers the history test files share: one criterion screened in both worlds, through `screen` and the Screener."""

import eligibility

AS_OF = "2026-11-01"


def statuses(text, section, patient):
    """The criterion's status in both worlds, through `screen` and the Screener, which must agree."""
    doc = f"{section.title()} Criteria:\n* {text}"
    out = []
    for cw in (False, True):
        got = eligibility.screen(doc, patient, as_of=AS_OF, closed_world=cw).results[0].status.value
        assert eligibility.Screener(doc).statuses(patient, as_of=AS_OF, closed_world=cw)[0] == got
        out.append(got)
    return out


def never(text, section, patient, wrong):
    """The criterion never gives `wrong` for the patient, open or closed world, through `screen` or the Screener."""
    assert wrong not in statuses(text, section, patient)
