"""What a heading names holds for the items under it: 'Performance status:' over 'WHO 0-2' or '0-3' is the ECOG scale,
as 'Performance status: WHO 0-2' on one line reads (the items were left unread: the heading's words are a weak synonym,
which names a scale only where it stands alone). Each case in both worlds, through `screen` and the Screener."""

import pytest
from _screening import doc_statuses

import eligibility


def _doc(item):
    return f"PATIENT CHARACTERISTICS:\n\nPerformance status:\n\n  -  {item}\n\nAge:\n\n  -  18 and over\n"


def _item_statuses(item, patient):
    out = []
    for cw in (False, True):
        report = eligibility.screen(_doc(item), patient, as_of="2026-11-01", closed_world=cw)
        assert eligibility.Screener(_doc(item)).statuses(patient, as_of="2026-11-01", closed_world=cw) == [
            r.status.value for r in report.results]
        out.append(report.results[0].children[0].status.value)
    return out


@pytest.mark.parametrize(("item", "ecog", "expected"), [
    ("WHO 0-2", 1, "match"), ("WHO 0-2", 3, "fail"), ("0-3", 3, "match"), ("0-3", 4, "fail"), ("ECOG 0-1", 2, "fail")])
def test_a_performance_status_heading_names_the_ecog_scale_of_its_items(item, ecog, expected):
    assert _item_statuses(item, {"age": 50, "ECOG": ecog}) == [expected, expected]


def test_a_performance_status_heading_leaves_a_karnofsky_item_on_its_own_scale():
    assert _item_statuses("Karnofsky 70-100%", {"age": 50, "Karnofsky": 60}) == ["fail", "fail"]
    assert _item_statuses("Karnofsky 70-100%", {"age": 50, "ECOG": 0}) == ["unknown", "unknown"]


def test_without_the_value_it_stays_open():
    assert _item_statuses("WHO 0-2", {"age": 50}) == ["unknown", "unknown"]
    assert doc_statuses(_doc("WHO 0-2"), {"age": 50, "ECOG": 1}) == ["match", "match"]

