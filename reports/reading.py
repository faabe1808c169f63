"""A report's tables as they stand: frozen once filed, computed afresh while it is drafted; last year's beside them;
the checks; and the facts the narrative is pre-filled with."""

from __future__ import annotations

from evaluation.figures import Period, totals, unit_figures
from reports import tables
from reports.models import ENTERED_FIELDS, AnnualReport


def scope(report: AnnualReport):
    """What a report counts: its unit, or the whole county when the county report adds up every unit."""
    return None if report.aggregate else report.organization


def entered(report: AnnualReport) -> dict:
    """Table 二's entered figures. The county report that adds up every unit adds its own entries to those of the
    units' accepted reports of the year."""
    values = {name: getattr(report, name) for name in ENTERED_FIELDS}
    if not report.aggregate:
        return values
    others = AnnualReport.objects.filter(year=report.year, status=AnnualReport.Status.ACCEPTED).exclude(pk=report.pk)
    for row in others.values(*ENTERED_FIELDS):
        for name in ENTERED_FIELDS:
            if row[name] is not None:
                values[name] = (values[name] or 0) + row[name]
    return values


def live_tables(report: AnnualReport) -> dict:
    return tables.compute(report.year, scope(report), entered(report))


def report_tables(report: AnnualReport) -> dict:
    """The frozen tables of a filed report, or a fresh computation while it is drafted."""
    if report.tables and not report.is_editable:
        return report.tables
    return live_tables(report)


def last_year_tables(report: AnnualReport) -> dict:
    """Last year's tables for the same scope: its filed report's frozen copy when there is one, else computed (with
    the figures its report holds, if any)."""
    before = (
        AnnualReport.objects.filter(organization_id=report.organization_id, year=report.year - 1)
        .select_related("organization")
        .first()
    )
    if before is not None and before.tables and not before.is_editable:
        return before.tables
    if before is not None:
        return live_tables(before)
    return tables.compute(report.year - 1, scope(report), {})


def current_checks(report: AnnualReport, current: dict | None = None, last: dict | None = None) -> list[tables.Check]:
    """The checks of the report as it stands. A page that computed them keeps them on the instance
    (``remember_checks``), so the transition table's condition (asked for the buttons, and again for the disabled
    ones) does not count again."""
    if current is None and "_checks" in report.__dict__:
        return report.__dict__["_checks"]
    return tables.checks(current or report_tables(report), last or last_year_tables(report))


def remember_checks(report: AnnualReport, found: list[tables.Check]) -> None:
    report.__dict__["_checks"] = found


def forget_checks(report: AnnualReport) -> None:
    report.__dict__.pop("_checks", None)


def facts(report: AnnualReport) -> dict:
    """What the portal knows of the unit's year (or the county's): publications, 解读, late publications, 政民互动
    and 纠错, new media, applications answered on time."""
    rows = unit_figures(Period.year(report.year))
    if not report.aggregate and not report.is_county:
        rows = [r for r in rows if r.unit_id == report.organization_id]
    f = totals(rows)
    on_time = f"{100 * f.app_on_time / f.app_answered:.1f}%" if f.app_answered else "—"
    return {"figures": f, "app_on_time_rate": on_time}


def overview_text(report: AnnualReport) -> str:
    """Section 一 pre-filled with the facts, for the unit to edit."""
    f = facts(report)
    n = f["figures"]
    return (
        f"{report.year}年，{report.organization.name}认真贯彻落实《中华人民共和国政府信息公开条例》，"
        f"在政府门户网站主动公开政府信息{n.published}条，其中政务动态{n.news}条、政府信息公开目录信息{n.catalogue}条；"
        f"发布政策文件{n.policies}件，其中{n.interpreted}件同步发布了政策解读；"
        f"超过20个工作日公开的信息{n.late}条。"
        f"收到政府信息公开申请{n.app_received}件，答复{n.app_answered}件，按期答复率{f['app_on_time_rate']}。"
        f"政民互动方面，交办网民留言{n.msg_dispatched}件，答复{n.msg_answered}件，其中按期答复{n.msg_on_time}件；"
        f"处理网站纠错{n.corr_replied}件。政务新媒体发布信息{n.nm_posts}条。"
    )


def fee_text(current: dict) -> str:
    """Section 六's sentence on 信息处理费 (条例 art. 42), from the year's fee notices."""
    fees = current.get("fees") or {"notices": 0, "paid": 0, "amount": "0"}
    if not fees["notices"] and not fees["paid"]:
        return "本年度未收取信息处理费。"
    return (f"本年度依据《政府信息公开信息处理费管理办法》发出收费通知{fees['notices']}件，"
            f"收取信息处理费{fees['paid']}件，共计{fees['amount']}元。")  # fmt: skip
