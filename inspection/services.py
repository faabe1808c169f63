"""Every change the self-inspection makes: a column's update class (office staff, through the workflow kernel), a run asked
for from the dashboard, the nightly run itself (seed 001, 网站管理制度 第二十九条: daily checks of links, column
updates and content, recorded), and forgetting what was found on a page when the page is edited."""

from __future__ import annotations

import logging
import traceback
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from inspection import alerts, extract, freshness, links, probes, wording
from inspection.dashboard import SiteWide, build
from inspection.models import ColumnRule, ColumnRuleHistory, InspectionRun, LinkSource, UpdateClass, WordingHit
from inspection.paths import path_to
from portal import workdays
from portal.errors import DomainError, NotAllowed
from portal.review_warnings import ReviewWarning
from portal.workflow import ANY_STATE, Transition, Workflow, after_commit

logger = logging.getLogger(__name__)

# The models whose rows are published pages, and the page kind findings on them carry.
PAGE_MODELS = ("disclosure.Document", "newmedia.Account")
PAGE_KINDS = {"disclosure.document": "document", "newmedia.account": "account"}
# A run still marked running after this long died with its worker; another may start.
RUN_STALE_AFTER = timedelta(hours=6)


# --- Column update classes


def _office_only(user, rule) -> str | None:
    return None if user.is_office_staff else "只有政务公开办人员可以调整栏目更新类别。"


# A rule's "state" is its update class: the kernel locks the row, checks who may change it, and writes the history
# row with the class before and after.
RULES = Workflow(
    model=ColumnRule,
    history=ColumnRuleHistory,
    history_fk="rule",
    transitions=[Transition(ColumnRuleHistory.Action.SET, (ANY_STATE,), who=_office_only)],
    status_field="update_class",
)


@transaction.atomic
def set_update_class(column, *, actor, update_class: str, per_unit: bool) -> ColumnRule:
    if update_class not in UpdateClass.values:
        raise DomainError("请选择更新类别。")
    if not column.accepts_documents:
        raise DomainError(f"“{column.name}”是栏目分组，本身不发布信息，无需设置更新类别。")
    rule, _ = ColumnRule.objects.get_or_create(
        column=column, defaults={"update_class": freshness.default_class(column)}
    )
    if (rule.update_class, rule.per_unit) == (update_class, per_unit):
        error = RULES.problem(rule, actor, ColumnRuleHistory.Action.SET)
        if error:
            raise error
        return rule
    before = rule.per_unit

    def step(locked: ColumnRule) -> dict:
        locked.update_class, locked.per_unit = update_class, per_unit
        return {"per_unit": [before, per_unit], "column": column.name}

    return RULES.run(rule, ColumnRuleHistory.Action.SET, actor=actor, step=step)


# --- Pages edited


def page_saved(sender, instance, **kwargs) -> None:
    """post_save of a page model: what the last night found on the page no longer stands."""
    kind = PAGE_KINDS[sender._meta.label_lower]
    if kind == "document" and instance.status not in (sender.Status.PUBLISHED, sender.Status.WITHDRAWN):
        return  # not a public page: nothing was found on it
    forget_page(kind, instance.pk)


def forget_page(kind: str, page_id: int) -> None:
    LinkSource.objects.filter(page_kind=kind, page_id=page_id).delete()
    WordingHit.objects.filter(page_kind=kind, page_id=page_id).delete()


# --- Runs


def _running() -> InspectionRun | None:
    """The run going on now, if any; runs left "running" by a worker that died are marked failed."""
    since = timezone.now() - RUN_STALE_AFTER
    running = InspectionRun.objects.filter(status=InspectionRun.Status.RUNNING)
    running.filter(started_at__lt=since).update(status=InspectionRun.Status.FAILED, finished_at=timezone.now())
    return running.filter(started_at__gte=since).first()


def request_run(*, actor) -> None:
    """Office staff ask for a run now (it runs in the worker, after this request)."""
    if not actor.is_office_staff:
        raise NotAllowed("只有政务公开办人员可以发起自查。")
    if _running():
        raise DomainError("已有一次自查正在进行，请稍后刷新查看结果。")
    from celery import current_app

    # By name: the tasks module imports this one (the app's ready() has registered it in every process).
    after_commit(current_app.tasks["inspection.run"], actor.pk)


def _read_pages(holdings: links.Holdings, dictionary: wording.Dictionary) -> list[tuple[links.Page, ReviewWarning]]:
    """Every published page: its links into ``holdings``, its wording findings returned."""
    from disclosure import selectors as disclosure
    from newmedia import selectors as newmedia

    hits = []
    for batch in disclosure.published_pages():
        for document in batch:
            page = links.Page("document", document.pk, document.title, path_to("disclosure:document", document.pk),
                              document.organization_id)  # fmt: skip
            files = [path_to("disclosure:attachment", document.pk, a.pk) for a in document.attachments.all()]
            holdings.add(page, extract.links_in(document.body, page.url) + files)
            hits += [(page, w) for w in wording.check_texts(disclosure.document_texts(document), dictionary)]
    for account in newmedia.directory_accounts().exclude(homepage_url=""):
        url = path_to("newmedia:account_page", account.pk)
        holdings.add(links.Page("account", account.pk, account.name, url, account.organization_id),
                     [account.homepage_url])  # fmt: skip
    return hits


@transaction.atomic
def _store_hits(hits) -> None:
    WordingHit.objects.all().delete()
    rows = [
        WordingHit(
            page_kind=page.kind, page_id=page.id, page_title=page.title[:200], page_url=page.url[:300],
            organization_id=page.organization_id, label=w.label, match=w.match[:100], suggestion=w.suggestion[:200],
            source=w.source[:200], context=f"{w.before}【{w.match}】{w.after}"[:200], is_serious=w.serious,
        )
        for page, w in hits
    ]  # fmt: skip
    WordingHit.objects.bulk_create(rows, batch_size=1000)


def _warn(dashboard) -> dict:
    """Warnings are part of the run but not of its findings: a mail server that is down is logged, and the states are
    left as they were so that the next night tells again."""
    try:
        with transaction.atomic():
            return {"warnings_sent": alerts.warn(dashboard)}
    except Exception:
        logger.exception("inspection warnings could not be sent; the next run will try again")
        return {"warnings_error": traceback.format_exc()[-500:]}


def run_inspection(*, on: date | None = None, actor=None, notify: bool = True, checker=None) -> InspectionRun | None:
    """The nightly run: read every published page (links and wording), keep the link table in step, check every
    link, store the findings, measure the scored items, keep a snapshot of the marks for the report, and warn.
    Returns None when another run is still going."""
    if _running():
        logger.info("inspection run skipped: another is running")
        return None
    on = on or workdays.today()
    run = InspectionRun.objects.create(on=on, requested_by=actor)
    try:
        holdings = links.Holdings(links.own_hosts())
        hits = _read_pages(holdings, wording.load())
        stats = {"pages": len(holdings.pages), **links.sync(holdings)}
        _store_hits(hits)
        stats["wording_hits"] = len(hits)
        stats["link_check"] = links.check_all(on, checker)
        stats["probes"] = probes.run_all()
        dashboard = build(SiteWide(), probes=stats["probes"])
        run.summary = dashboard.snapshot()
        run.stats = stats
        run.status = InspectionRun.Status.DONE
        run.finished_at = timezone.now()
        run.save()
        if notify:
            run.stats.update(_warn(dashboard))
            run.save(update_fields=["stats"])
    except Exception:
        run.status = InspectionRun.Status.FAILED
        run.finished_at = timezone.now()
        run.stats = {**(run.stats or {}), "error": traceback.format_exc()[-2000:]}
        run.save()
        raise
    return run
