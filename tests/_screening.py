"""Helpers the history test files share: one criterion screened in both worlds, through `screen` and the Screener."""

import eligibility

AS_OF = "2026-11-01"


def statuses(text, section, patient):
    """The criterion's status in both worlds, through `screen` and the Screener, which must agree."""
    return doc_statuses(f"{section.title()} Criteria:\n* {text}", patient)


def doc_statuses(doc, patient):
    """The first criterion's status of a whole eligibility text, open and closed world, through `screen` (the Screener
    must agree on every criterion)."""
    out = []
    for cw in (False, True):
        got = [r.status.value for r in eligibility.screen(doc, patient, as_of=AS_OF, closed_world=cw).results]
        assert eligibility.Screener(doc).statuses(patient, as_of=AS_OF, closed_world=cw) == got
        out.append(got[0])
    return out


def text_statuses(doc, patient, text):
    """The statuses (open world, closed world) of the criterion of a whole text whose text is `text` (a top-level one
    first, else a list item), through `screen`
    (the Screener must agree on every criterion)."""
    out = []
    for cw in (False, True):
        report = eligibility.screen(doc, patient, as_of=AS_OF, closed_world=cw)
        got = [r.status.value for r in report.results]
        assert eligibility.Screener(doc).statuses(patient, as_of=AS_OF, closed_world=cw) == got
        nested, stack = [], list(report.results)
        while stack:  # (a list item's result stands under its heading's)
            r = stack.pop(0)
            nested.append(r)
            stack[0:0] = r.children
        out.append(next(r.status.value for r in [*report.results, *nested] if r.text.strip() == text))
    return out


def never(text, section, patient, wrong):
    """The criterion never gives `wrong` for the patient, open or closed world, through `screen` or the Screener."""
    assert wrong not in statuses(text, section, patient)


def hbsag_bundle(*results):
    """A FHIR Bundle of one patient and an HBsAg Observation (LOINC 5196-1) per `(valueString, effectiveDateTime or None)`."""
    entries = [{"resource": {"resourceType": "Patient", "id": "p1", "birthDate": "1960-01-01", "gender": "female"}}]
    for i, (value, day) in enumerate(results):
        obs = {"resourceType": "Observation", "id": f"o{i}", "status": "final", "subject": {"reference": "Patient/p1"},
               "code": {"coding": [{"system": "http://loinc.org", "code": "5196-1"}]}, "valueString": value}
        if day is not None:
            obs["effectiveDateTime"] = day
        entries.append({"resource": obs})
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}
