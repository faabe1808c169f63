"""The 政府网站工作年度报表 in the national layout (国办函〔2018〕12号) and where each figure comes from.

A line is computed from the site's data (``SITE``), entered by the office (``ENTRY``: the site does not hold it, so
the form says so and nothing is invented), taken from the site profile (``PROFILE``) or derived from other lines
(``DERIVED``: 解读信息发布总数 is the sum of its three parts). A computed line whose figure the site cannot give
(followers no account recorded) becomes an entry too."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from disclosure import selectors as disclosure
from engagement import selectors as engagement
from evaluation import visits
from evaluation.figures import Period
from evaluation.models import ColumnClass
from evaluation.scoring import number
from interaction import selectors as interaction
from newmedia import selectors as newmedia
from portal.models import SiteProfile
from services_guide import selectors as services_guide

SITE, ENTRY, PROFILE, DERIVED = "site", "entry", "profile", "derived"
NOT_HELD = "本站尚未记录该数据，请填写。"


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    unit: str = ""
    kind: str = "int"  # int | decimal | bool | text
    source: str = ENTRY
    note: str = ""
    level: int = 0  # indentation under a heading line


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[Line, ...]


def _entry(key: str, label: str, unit: str = "", kind: str = "int", note: str = NOT_HELD, level: int = 1) -> Line:
    return Line(key, label, unit, kind, ENTRY, note, level)


def _site(key: str, label: str, unit: str = "", kind: str = "int", note: str = "", level: int = 1) -> Line:
    return Line(key, label, unit, kind, SITE, note, level)


SECTIONS: tuple[Section, ...] = (
    Section("网站基本信息", (
        Line("site_name", "网站名称", kind="text", source=PROFILE),
        Line("site_domain", "首页网址", kind="text", source=PROFILE),
        Line("sponsor", "主办单位", kind="text", source=PROFILE),
        Line("site_type", "网站类型", kind="text", source=PROFILE),
        Line("site_id_code", "政府网站标识码", kind="text", source=PROFILE),
        Line("icp_number", "ICP备案号", kind="text", source=PROFILE),
        Line("police_number", "公安机关备案号", kind="text", source=PROFILE),
    )),
    Section("访问量", (
        _site("visits_unique", "独立用户访问总量", "个", note="按日统计的独立访客之和（同一访客在不同日期分别计数）。",
              level=0),
        _site("visits_total", "网站总访问量", "次", note="服务器统计的公众页面浏览次数，不含搜索引擎等程序访问。",
              level=0),
    )),
    Section("信息发布", (
        _site("pub_total", "总数", "条", note="本年度公开发布的信息（主动公开）。", level=0),
        _site("pub_overview", "概况类信息更新量", "条", note="按“栏目分类”中标为概况类的栏目统计。"),
        _site("pub_news", "政务动态信息更新量", "条"),
        _site("pub_catalogue", "信息公开目录信息更新量", "条"),
    )),
    Section("专栏专题", (
        _site("topics_maintained", "维护数量", "个", note="按“栏目分类”中标为专栏专题的栏目统计。", level=0),
        _site("topics_new", "新开设数量", "个", level=0),
    )),
    Section("解读回应", (
        Line("interp_total", "解读信息发布总数", "条", source=DERIVED, note="解读材料、解读产品和媒体评论文章之和。"),
        _site("interp_materials", "其中：解读材料数量", "条", note="政策解读栏目本年度发布的信息。"),
        _entry("interp_products", "其中：解读产品数量", "个"),
        _entry("interp_media", "其中：媒体评论文章数量", "篇"),
        _site("responses", "回应公众关注热点或重大舆情数量", "次", note="舆情回应台账本年度记录的回应次数。", level=0),
    )),
    Section("办事服务", (
        _site("svc_catalogue", "是否发布服务事项目录", kind="bool", level=0),
        _entry("svc_users", "注册用户数", "万", kind="decimal", level=0),
        _site("svc_items", "政务服务事项数量", "项", level=0),
        _site("svc_items_online", "可全程在线办理政务服务事项数量", "项", level=0),
        _entry("svc_cases_total", "办件量：总数", "万件", kind="decimal", level=0),
        _entry("svc_cases_natural", "其中：自然人办件量", "万件", kind="decimal"),
        _entry("svc_cases_legal", "其中：法人办件量", "万件", kind="decimal"),
    )),
    Section("互动交流", (
        _entry("ix_unified_platform", "是否使用统一平台", kind="bool", level=0),
        _site("msg_received", "留言办理：收到留言数量", "条", level=0),
        _site("msg_answered", "办结留言数量", "条"),
        _site("msg_average_days", "平均办理时间", "天", kind="decimal", note="按工作日计。"),
        _site("msg_published", "公开答复数量", "条"),
        _site("survey_periods", "征集调查：征集调查期数", "期", level=0),
        _site("survey_opinions", "收到意见数量", "条"),
        _site("survey_results", "公布调查结果期数", "期"),
        _site("interview_periods", "在线访谈：访谈期数", "期", note="本年度已举行的在线访谈。", level=0),
        _site("interview_questions", "网民留言数量", "条", note="网民向本年度访谈提出的问题（不含主持人提问）。"),
        _site("interview_answers", "答复网民提问数量", "条"),
        _entry("ix_smart_qa", "是否提供智能问答", kind="bool", level=0),
    )),
    Section("安全防护", (
        _entry("sec_checks", "安全检测评估次数", "次", level=0),
        _entry("sec_found", "发现问题数量", "个", level=0),
        _entry("sec_fixed", "问题整改数量", "个", level=0),
        _entry("sec_monitoring", "是否建立安全监测预警机制", kind="bool", level=0),
        _entry("sec_drills", "是否开展应急演练", kind="bool", level=0),
        _entry("sec_owner", "是否明确网站安全责任人", kind="bool", level=0),
    )),
    Section("移动新媒体", (
        _site("nm_any", "是否有移动新媒体", kind="bool", level=0),
    )),
    Section("创新发展", (
        _entry("inno_search", "搜索即服务", kind="bool", level=0),
        _entry("inno_languages", "多语言版本", kind="bool", level=0),
        _entry("inno_accessible", "无障碍浏览", kind="bool", level=0),
        _entry("inno_personal", "千人千网", kind="bool", level=0),
        _entry("inno_other", "其他", kind="text", note="其他创新做法，没有的填“无”。", level=0),
    )),
)  # fmt: skip
NEW_MEDIA_SECTION = "移动新媒体"
INTERP_PARTS = ("interp_materials", "interp_products", "interp_media")


def platform_lines(figures: dict) -> list[Line]:
    """One block per platform with accounts: names and posts from the site, followers from the weekly records or,
    when none recorded any, entered."""
    lines = []
    for row in figures.get("platforms", []):
        p = row["platform"]
        lines.append(_site(f"nm:{p}:accounts", f"{row['label']}：名称", kind="text", level=0))
        lines.append(_site(f"nm:{p}:posts", "信息发布量", "条", note="各账号每周填报的发布条数之和。"))
        lines.append(_site(f"nm:{p}:followers", "关注量", "个", note="各账号本年度最后一次填报的关注量之和。"))
    return lines


def sections(figures: dict) -> list[Section]:
    return [
        Section(s.title, s.lines + tuple(platform_lines(figures))) if s.title == NEW_MEDIA_SECTION else s
        for s in SECTIONS
    ]


def all_lines(figures: dict) -> list[Line]:
    return [line for section in sections(figures) for line in section.lines]


def entry_lines(figures: dict) -> list[Line]:
    """The lines the office enters: those the site does not hold, and computed ones it could not give this year."""
    return [
        line
        for line in all_lines(figures)
        if line.source == ENTRY or (line.source == SITE and figures.get(line.key) is None)
    ]


def value_of(line: Line, figures: dict, entries: dict):
    if line.source == DERIVED:
        parts = [value_of(_by_key(key), figures, entries) for key in INTERP_PARTS]
        return None if any(p is None or p == "" for p in parts) else sum(Decimal(str(p)) for p in parts)
    if line.source in (SITE, PROFILE) and figures.get(line.key) is not None:
        return figures[line.key]
    value = entries.get(line.key)
    return None if value == "" else value


def _by_key(key: str) -> Line:
    return next(line for section in SECTIONS for line in section.lines if line.key == key)


def missing(figures: dict, entries: dict) -> list[str]:
    """Labels of the entry lines still empty: the report is not submitted until every one is filled."""
    return [line.label for line in entry_lines(figures) if value_of(line, figures, entries) is None]


def display(line: Line, value) -> str:
    if value is None:
        return "—"
    if line.kind == "bool":
        return "是" if value in (True, "true") else "否"
    if line.kind == "decimal":
        try:
            return number(Decimal(str(value)))
        except InvalidOperation:
            return str(value)
    return str(value)


# --- The site's own figures for a year


def _column_categories() -> tuple[dict[int, str], list[ColumnClass]]:
    """Each column's 信息发布 line: its classification, or by default news columns as 政务动态 and catalogue
    columns as 信息公开目录."""
    classes = {c.column_id: c for c in ColumnClass.objects.all()}
    categories = {}
    for column in disclosure.all_columns():
        chosen = classes.get(column["id"])
        if chosen is not None:
            categories[column["id"]] = chosen.category
        elif column["kind"] == "news":
            categories[column["id"]] = ColumnClass.Category.NEWS
        elif column["kind"] == "catalogue":
            categories[column["id"]] = ColumnClass.Category.CATALOGUE
    topics = [c for c in classes.values() if c.category == ColumnClass.Category.TOPIC]
    return categories, topics


def compute(year: int) -> dict:
    """Every figure the site holds for ``year`` (a few grouped queries), keyed by line."""
    period = Period.year(year)
    profile = SiteProfile.get()
    figures: dict = {
        "site_name": profile.site_name, "site_domain": profile.site_domain, "sponsor": profile.sponsor,
        "site_type": "政府门户网站", "site_id_code": profile.site_id_code, "icp_number": profile.icp_number,
        "police_number": profile.police_number,
    }  # fmt: skip
    days = visits.daily(period.start, period.end)
    figures["visits_total"] = sum(d.views for d in days)
    figures["visits_unique"] = sum(d.visitors for d in days)

    categories, topics = _column_categories()
    interpretation_columns = {c["id"] for c in disclosure.all_columns() if c["is_interpretation"]}
    counts = dict.fromkeys(("pub_total", "pub_overview", "pub_news", "pub_catalogue", "interp_materials"), 0)
    line_of = {"overview": "pub_overview", "news": "pub_news", "catalogue": "pub_catalogue"}
    for row in disclosure.publication_counts(period.start_at, period.end_at):
        n = row["published"]
        counts["pub_total"] += n
        if (line := line_of.get(categories.get(row["column_id"], ""))) is not None:
            counts[line] += n
        if row["column_id"] in interpretation_columns:
            counts["interp_materials"] += n
    figures.update(counts)
    figures["topics_maintained"] = sum(
        1 for t in topics
        if (t.opened_on is None or t.opened_on < period.end) and (t.closed_on is None or t.closed_on >= period.start)
    )  # fmt: skip
    figures["topics_new"] = sum(1 for t in topics if t.opened_on and period.start <= t.opened_on < period.end)

    services = services_guide.annual_figures(year)
    figures["svc_catalogue"] = services.catalogue_published
    figures["svc_items"] = services.items_published
    figures["svc_items_online"] = services.items_fully_online

    ix = interaction.annual_interaction_figures(period.start_at, period.end_at)
    figures.update({
        "msg_received": ix["messages_received"], "msg_answered": ix["messages_answered"],
        "msg_average_days": ix["messages_average_workdays"], "msg_published": ix["messages_published"],
        "survey_periods": ix["consultations"], "survey_opinions": ix["opinions"],
        "survey_results": ix["consultation_results"],
    })  # fmt: skip
    if ix["messages_answered"] == 0:
        figures["msg_average_days"] = 0

    talks = engagement.annual_figures(period.start_at, period.end_at)
    figures.update({
        "responses": talks["responses"], "interview_periods": talks["interviews"],
        "interview_questions": talks["interview_questions"], "interview_answers": talks["interview_answers"],
    })  # fmt: skip
    # Not a line of the national layout: kept with the figures for the office's own breakdown of 解读.
    figures["interp_by_kind"] = disclosure.interpretations_by_kind(period.start_at, period.end_at)

    platforms = newmedia.annual_platform_figures(year)
    figures["platforms"] = [{"platform": p["platform"], "label": p["label"]} for p in platforms]
    figures["nm_any"] = bool(platforms)
    for p in platforms:
        key = f"nm:{p['platform']}"
        figures[f"{key}:accounts"] = "、".join(p["accounts"])
        figures[f"{key}:posts"] = p["posts"]
        figures[f"{key}:followers"] = p["followers"]
    return figures


# --- Rows for pages, the PDF and the XLSX


@dataclass(frozen=True)
class Row:
    section: str
    label: str
    unit: str
    value: str
    source: str
    note: str
    level: int


def rows(figures: dict, entries: dict) -> list[Row]:
    result = []
    for section in sections(figures):
        for line in section.lines:
            value = value_of(line, figures, entries)
            entered = line.source == ENTRY or (line.source == SITE and figures.get(line.key) is None)
            result.append(Row(section.title, line.label, line.unit, display(line, value),
                              "填报" if entered else {"profile": "网站信息", "derived": "合计"}.get(line.source, "统计"),
                              line.note, line.level))  # fmt: skip
    return result
