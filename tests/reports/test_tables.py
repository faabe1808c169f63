"""Tables 二, 三 and 四 of the annual report, every cell against a brute-force count over randomised data (several
units, year boundaries, documents repealed mid-year, cases open at the year's end), and the checks of the identities."""

from __future__ import annotations

import copy
import random
from datetime import date

import pytest

from disclosure.models import Document, Validity
from reports import tables
from requests_app.models import ApplicantType, DisputeCase
from tests.reports.conftest import TZ, YEARS, random_applications, random_cases, random_documents, random_fee_notices

pytestmark = pytest.mark.django_db


def _made(doc: Document) -> date:
    return doc.written_date or doc.published_at.astimezone(TZ).date()


def brute_two(docs, year: int, unit) -> dict:
    start, end = date(year, 1, 1), date(year, 12, 31)
    out = {}
    for slug in ("gz", "gfxwj"):
        pool = [d for d in docs if d.column.slug == slug and d.status == Document.Status.PUBLISHED
                and (unit is None or d.organization_id == unit.pk)]  # fmt: skip
        ended = [d for d in pool if d.validity != Validity.VALID]
        out[slug] = {
            "issued": sum(1 for d in pool if start <= _made(d) <= end),
            "repealed": sum(1 for d in ended if start <= d.repealed_on <= end),
            "in_force": sum(
                1 for d in pool if _made(d) <= end and (d.validity == Validity.VALID or d.repealed_on > end)
            ),
        }
    return out


def brute_three(apps, year: int, unit) -> dict:
    start, end = date(year, 1, 1), date(year, 12, 31)
    out = {}
    for col in [*ApplicantType.values, "total"]:
        mine = [a for a in apps if (col == "total" or a.applicant_type == col)
                and (unit is None or a.organization_id == unit.pk) and a.received_on <= end]  # fmt: skip
        done = [a for a in mine if a.concluded_on and start <= a.concluded_on <= end]
        cells = {
            "new": sum(1 for a in mine if a.received_on >= start),
            "carried_in": sum(
                1 for a in mine if a.received_on < start and (a.concluded_on is None or a.concluded_on >= start)
            ),
            "results_total": len(done),
            "carried_over": sum(1 for a in mine if a.concluded_on is None or a.concluded_on > end),
        }
        for a in done:
            cells[a.result] = cells.get(a.result, 0) + 1
        out[col] = cells
    return out


def brute_four(cases, year: int, unit) -> dict:
    start, end = date(year, 1, 1), date(year, 12, 31)
    out = {}
    for kind in DisputeCase.Kind.values:
        pool = [c for c in cases if c.kind == kind and (unit is None or c.organization_id == unit.pk)
                and c.filed_on <= end and (c.concluded_on is None or c.concluded_on >= start)]  # fmt: skip
        cells = {
            o: sum(1 for c in pool if c.outcome == o and c.concluded_on <= end) for o in DisputeCase.Outcome.values
        }
        cells["pending"] = sum(1 for c in pool if c.concluded_on is None or c.concluded_on > end)
        cells["total"] = len(pool)
        out[kind] = cells
    return out


@pytest.mark.parametrize("seed", [7, 8])
def test_every_cell_matches_a_brute_force_count(township, other_township, office, officer, seed):
    rng = random.Random(seed)
    units = [township, other_township, office]
    docs = random_documents(rng, units, officer, 500)
    docs = list(Document.objects.select_related("column").filter(pk__in=[d.pk for d in docs]))
    apps = random_applications(rng, units, 500)
    cases = random_cases(rng, units, officer, 200)
    notices = random_fee_notices(rng, apps, 60)
    for year in YEARS:
        for unit in (None, township, office):
            computed = tables.compute(year, unit, {})
            assert computed["two"]["documents"] == brute_two(docs, year, unit)
            expected_three = brute_three(apps, year, unit)
            for spec in tables.THREE_ROWS:
                if spec.key in tables.THREE_HEADINGS:
                    continue
                for col, _ in tables.THREE_COLUMNS:
                    if spec.results:
                        want = sum(expected_three[col].get(r, 0) for r in spec.results)
                    else:
                        want = expected_three[col][spec.key]
                    assert computed["three"][spec.key][col] == want, (year, unit, spec.key, col)
            assert computed["four"] == brute_four(cases, year, unit)
            mine = [f for f in notices if unit is None or f.application.organization_id == unit.pk]
            paid = [f for f in mine if f.paid_on and f.paid_on.year == year]
            assert computed["fees"] == {
                "notices": sum(1 for f in mine if f.issued_on.year == year), "paid": len(paid),
                "amount": f"{sum(f.amount for f in paid):.2f}",
            }  # fmt: skip
            # The identities hold on real data: nothing blocks except the figures not yet entered.
            last = tables.compute(year - 1, unit, {})
            found = tables.checks(computed, last)
            assert [c.message for c in found if c.blocking and "尚未填报" not in c.message] == []


def test_a_document_repealed_mid_year_counts_as_issued_and_repealed_and_not_in_force(township, officer):
    rng = random.Random(1)
    [doc] = random_documents(rng, [township], officer, 1)
    Document.objects.filter(pk=doc.pk).update(
        status=Document.Status.PUBLISHED, index_number="Y1", column=doc.column.__class__.objects.get(slug="gz"),
        written_date=date(2024, 3, 1), validity=Validity.REPEALED, repealed_on=date(2024, 9, 30),
    )  # fmt: skip
    gz = tables.compute(2024, township)["two"]["documents"]["gz"]
    assert gz == {"issued": 1, "repealed": 1, "in_force": 0}
    assert tables.compute(2023, township)["two"]["documents"]["gz"] == {"issued": 0, "repealed": 0, "in_force": 0}


def test_a_case_open_at_the_year_end_is_pending_then_counted_with_its_result(township, officer):
    DisputeCase.objects.create(organization=township, kind=DisputeCase.Kind.REVIEW, claimant="甲", organ="县政府",
                               filed_on=date(2024, 12, 1), concluded_on=date(2025, 2, 1),
                               outcome=DisputeCase.Outcome.CORRECTED, created_by=officer)  # fmt: skip
    assert tables.compute(2024, township)["four"]["review"]["pending"] == 1
    row = tables.compute(2025, township)["four"]["review"]
    assert row["corrected"] == 1 and row["pending"] == 0 and row["total"] == 1


def _filled(computed):
    computed["two"]["entered"] = {"licences": 1, "penalties": 2, "enforcements": 0, "fees": "0.5"}
    return computed


def test_the_checks_block_each_broken_identity_and_warn_on_in_force(township):
    last = tables.compute(2024, township)
    good = _filled(tables.compute(2025, township))
    assert tables.checks(good, last) == []

    broken = copy.deepcopy(good)
    broken["three"]["new"]["natural"] += 1
    messages = [c.message for c in tables.blocking(tables.checks(broken, last))]
    assert any("自然人" in m and "一＋二" in m for m in messages)

    broken = copy.deepcopy(good)
    broken["three"]["carried_in"]["total"] += 1
    broken["three"]["new"]["total"] -= 1  # table 三 itself still adds up, but not with last year's 四
    messages = [c.message for c in tables.blocking(tables.checks(broken, last))]
    assert any("上年结转" in m for m in messages)

    broken = copy.deepcopy(good)
    broken["four"]["review"]["total"] += 1
    assert any("表四" in c.message for c in tables.blocking(tables.checks(broken, last)))

    warned = copy.deepcopy(good)
    warned["two"]["documents"]["gz"]["in_force"] += 1
    found = tables.checks(warned, last)
    assert found and not tables.blocking(found) and "现行有效" in found[0].message

    missing = tables.compute(2025, township)
    assert len(tables.blocking(tables.checks(missing, last))) == 4
