"""Demo content of the evaluation app: four months of page views (made up, over the pages the other apps' demos
published), last month's 通报 as the beat task generates it, the month before sent to the units, this year's 考核方案
and last year's 网站工作年度报表 being filled in. Idempotent: what exists is left alone."""

from __future__ import annotations

import random
from datetime import timedelta

from django.db.models import Q
from django.urls import reverse

from disclosure.models import Column, Document
from evaluation import services, visits
from evaluation.figures import Period
from evaluation.models import Bulletin, DailyVisits, PathVisits, Scheme
from portal import workdays
from portal.models import User

DAYS = 120


def _pages() -> list[tuple[str, float]]:
    """(path, weight): the home page, the platform, the columns and the published documents, newest read most."""
    pages = [("/", 40.0), (reverse("disclosure:platform"), 8.0), ("/services/", 5.0), ("/messages/", 4.0)]
    pages += [(reverse("disclosure:column", args=[slug]), 3.0)
              for slug in Column.objects.filter(is_active=True, kind="news").values_list("slug", flat=True)]  # fmt: skip
    documents = Document.objects.public().order_by("-published_at").values_list("pk", flat=True)[:80]
    pages += [(reverse("disclosure:document", args=[pk]), 3.0 / (1 + i / 10)) for i, pk in enumerate(documents)]
    return pages


def _seed_visits(stdout) -> None:
    today = workdays.today()
    first = today - timedelta(days=DAYS)
    have = set(DailyVisits.objects.filter(day__gte=first).values_list("day", flat=True))
    rng = random.Random(15)  # noqa: S311 - demo figures, not security
    pages = _pages()
    total_weight = sum(w for _, w in pages)
    described = {path: visits.describe(path) for path, _ in pages}
    made = 0
    for offset in range(DAYS, 0, -1):
        day = today - timedelta(days=offset)
        if day in have:
            continue
        working = workdays.is_workday(day)
        visitors = int(rng.gauss(420 if working else 180, 40))
        views = int(visitors * rng.uniform(2.2, 3.4))
        rows = []
        for path, weight in pages:
            n = int(views * weight / total_weight * rng.uniform(0.6, 1.4))
            if n:
                url_name, key = described[path]
                rows.append(PathVisits(day=day, path=path, views=n, url_name=url_name, object_key=key))
        PathVisits.objects.bulk_create(rows)
        DailyVisits.objects.create(day=day, views=sum(r.views for r in rows), visitors=visitors)
        made += 1
    stdout.write(f"访问量：新建 {made} 天的统计。")


def seed(stdout) -> None:
    _seed_visits(stdout)
    office = list(User.objects.filter(Q(username="gongkai1") | Q(username="gongkai2")).order_by("username"))
    last = Period.month(workdays.today().year, workdays.today().month).previous_month()
    before = last.previous_month()
    if len(office) == 2 and not Bulletin.objects.filter(year=before.start.year, month=before.start.month).exists():
        writer, reviewer = office
        sent = services.generate_bulletin(before.start.year, before.start.month)
        inspection = {line["figures"]["unit_id"]: 0 for line in sent.figures["units"]}
        services.edit_bulletin(sent, actor=writer, inspection=inspection, remarks=(
            "本月各乡镇、各部门按照政务公开工作要点，及时发布政务动态和政策文件。个别单位存在信息发布量偏少、"
            "政策文件未同步解读等问题，请对照本通报逐项整改，并于下月5日前将整改情况报县政府办公室。"
        ))  # fmt: skip
        services.approve_bulletin(sent, actor=reviewer, opinion="同意印发。")
        services.send_bulletin(sent, actor=reviewer)
        stdout.write(f"通报：{sent.title}（已印发）。")
    bulletin = services.generate_bulletin(last.start.year, last.start.month)
    stdout.write(f"通报：{bulletin.title}（{bulletin.get_status_display()}）。")
    if office and not Scheme.objects.filter(year=workdays.today().year).exists():
        scheme = services.create_scheme(workdays.today().year, actor=office[0])
        stdout.write(f"考核方案：{scheme.name}（拟定中）。")
    report = services.create_web_report(workdays.today().year - 1)
    stdout.write(f"年度报表：{report.title}（{report.get_status_display()}）。")
