"""Demo content for the disclosure app: documents in every column and items in every workflow state, all built
through the services (a published item went through 初审, 复审 and 终审). Idempotent: an item whose title exists is
left alone. Called by ``manage.py seed_demo`` after the units and users exist."""

from __future__ import annotations

import html
import io
import zipfile
from datetime import timedelta
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.utils import timezone

from disclosure import conf, services
from disclosure.models import Column, Document, SensitiveWord
from portal import workdays
from portal.models import Organization, Role, SiteProfile, User

YES = {key: True for key, _ in services.CHECKLIST}
TEXTS = Path(__file__).parent / "demo_texts"


def _y(offset: int = 0) -> int:
    """Years in demo titles follow the clock, so the demo never looks stale."""
    return timezone.localdate().year + offset


def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def _users(org: Organization) -> dict[str, User | None]:
    people = User.objects.filter(organization=org, is_active=True).prefetch_related("groups").order_by("pk")
    pick = {"officer": None, "reviewer": None, "leader": None}
    for user in people:
        roles = user.role_names()
        if Role.OFFICER in roles and not pick["officer"]:
            pick["officer"] = user
        elif Role.REVIEWER in roles and not pick["reviewer"]:
            pick["reviewer"] = user
        elif Role.LEADER in roles and user.is_principal_leader and not pick["leader"]:
            pick["leader"] = user
    return pick


def _full_units() -> list[tuple[Organization, dict]]:
    units = []
    for org in Organization.objects.active().exclude(kind=Organization.Kind.COUNTY_OFFICE):
        people = _users(org)
        if all(people.values()):
            units.append((org, people))
    return units


def _office_staff() -> list[User]:
    return list(User.objects.with_role(Role.OFFICE).filter(organization__isnull=False).order_by("pk")[:2])


def _exists(title: str) -> bool:
    return Document.objects.filter(title=title).exists()


def _law(name: str) -> tuple[str, str]:
    lines = [line.strip() for line in (TEXTS / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines[0], _p(*lines[1:])


def _backdate(document: Document, days: int) -> None:
    """Spread demo items over the recent past so that lists look lived-in (same year: the 索引号 year stays true).
    The 超期公开 flag is worked out again for the earlier date, as publishing would have set it then."""
    now = timezone.now()
    when = max(now - timedelta(days=days, hours=days % 7), now.replace(month=1, day=1, hour=9))
    late = services.is_late(document.written_date, when)
    due = workdays.add_workdays(when, conf.INTERPRETATION_WORKDAYS) if document.interpretation_due_on else None
    Document.objects.filter(pk=document.pk).update(published_at=when, published_late=late, interpretation_due_on=due)


def _docx(*paragraphs: str) -> bytes:
    """A small, valid .docx (WordprocessingML in a zip) for demo attachments: no extra package needed."""
    body = "".join(f"<w:p><w:r><w:t>{html.escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
            'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main'
            '+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>'
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


# Admin-edited words the confidentiality scan looks for; administrators extend the list.
SENSITIVE_WORDS = [
    ("内部资料", True, "标注为内部资料的材料不得公开"),
    ("仅供领导参阅", True, "内部参阅材料"),
    ("未经审定", False, "提示核实是否为定稿"),
]


def _sensitive_words() -> None:
    for word, blocking, note in SENSITIVE_WORDS:
        SensitiveWord.objects.get_or_create(word=word, defaults={"is_blocking": blocking, "note": note})


# --- Building blocks


def _reviewed(
    org, people, office, column_slug, title, *, to="published", days=0, attach=(), override="", **fields
) -> Document | None:
    """Take a document through the real workflow up to state ``to``: ``attach`` is (name, bytes) pairs uploaded to
    the draft; ``override`` is the office's written reason for letting a blocking scan finding through at 终审."""
    if _exists(title):
        return None
    column = Column.objects.get(slug=column_slug)
    fields.setdefault("written_date", timezone.localdate() - timedelta(days=days + 3))
    if column.carries_metadata:
        fields.setdefault("summary", title)
        fields.setdefault("topic", "综合政务")
        fields.setdefault("genre", "通知")
    document = services.create_document(actor=people["officer"], column=column, title=title, **fields)
    for name, data in attach:
        services.add_attachment(document, actor=people["officer"], upload=SimpleUploadedFile(name, data))
    if to == "draft":
        return document
    document = services.submit(document, actor=people["officer"])
    steps = [("pending_second", people["reviewer"]), ("pending_final", people["leader"]), ("published", office)]
    for _state, actor in steps:
        if to == "returned":
            return services.review(document, actor=actor, decision="return", checklist=YES,
                                   opinion="请补充活动的具体时间和参加人数，核实数据后重新报送。")  # fmt: skip
        if to == "rejected":
            return services.review(document, actor=actor, decision="reject", checklist={**YES, "no_privacy": False},
                                   opinion="内容涉及群众个人信息，不予公开发布。")  # fmt: skip
        if document.status == to:
            return document
        if override and document.status == "pending_final":
            document = services.override_scan(document, actor=actor, reason=override)
        document = services.review(document, actor=actor, decision="pass", checklist=YES, opinion="同意。")
    if document.status == "published":  # a 解读 whose policy is still in review waits (待随政策发布)
        _backdate(document, days)
    return document


def _imported(office, org, column_slug, title, body, days=0, **fields) -> Document | None:
    if _exists(title):
        return None
    column = Column.objects.get(slug=column_slug)
    if column.carries_metadata:
        fields.setdefault("summary", title)
        fields.setdefault("topic", "综合政务")
        fields.setdefault("genre", "其他")
        fields.setdefault("written_date", timezone.localdate() - timedelta(days=days + 2))
    document = services.import_document(actor=office, column=column, organization=org, title=title, body=body,
                                        source_name="demo", **fields)  # fmt: skip
    _backdate(document, days)
    return document


# --- Content


def _county_news(county: str, office: User, office_org: Organization) -> int:
    items = [
        (
            "zwyw",
            f"{county}召开{_y()}年第四季度经济运行分析会",
            _p(
                f"近日，{county}召开第四季度经济运行分析会，通报前三季度全县主要经济指标完成情况，分析当前经济运行中存在的问题，安排部署四季度重点工作。",
                "会议要求，各乡镇、各部门要紧盯全年目标任务，抓项目建设、抓产业发展、抓招商引资，确保全年经济社会发展目标圆满完成。",
            ),
        ),
        (
            "zwyw",
            f"{county}部署冬季安全生产和森林防火工作",
            _p(
                "会议强调，要压紧压实安全生产责任，深入开展隐患排查整治，严防各类事故发生。",
                "各乡镇要加强野外用火管理，落实护林员巡山责任，确保森林资源安全。",
            ),
        ),
        (
            "zwyw",
            f"{county}政务服务中心推行“一窗通办”改革",
            _p(
                "县政务服务中心整合各部门窗口，推行“前台综合受理、后台分类审批、统一窗口出件”模式，群众办事“只进一扇门、只跑一次腿”。"
            ),
        ),
        (
            "tzgg",
            f"{county}人民政府办公室关于{_y(1)}年元旦放假安排的通知",
            _p(
                f"根据国务院办公厅通知精神，现将{_y(1)}年元旦放假安排通知如下：1月1日至3日放假调休，共3天。",
                "节假日期间，各单位要妥善安排值班和安全保卫等工作，遇有重大突发事件发生，要按规定及时报告并妥善处置。",
            ),
        ),
        (
            "tzgg",
            f"关于公开征求《{county}城乡环境卫生管理办法（征求意见稿）》意见的公告",
            _p(
                "为广泛听取社会各界意见，现将《办法（征求意见稿）》全文公布，征求意见截止时间为公告发布之日起30日。",
                "有关单位和个人可通过政府门户网站“政民互动”栏目提出意见建议。",
            ),
        ),
    ]
    made = 0
    for i, (slug, title, body) in enumerate(items):
        document = _imported(office, office_org, slug, title, body, days=2 + i * 5, source=f"{county}人民政府办公室")
        made += bool(document)
        if document and slug == "zwyw":
            _add_picture(document, i)
    return made


# Colours of the demo's 图片新闻 pictures: plain landscapes, no text in the image.
PICTURE_COLOURS = [((31, 95, 168), (120, 180, 90)), ((196, 60, 40), (244, 197, 66)), ((40, 120, 110), (200, 220, 180))]


def _add_picture(document: Document, i: int) -> None:
    """A generated 16:9 picture (sky over fields) as the news item's cover, so the home page has 图片新闻."""
    from io import BytesIO

    from django.core.files.base import ContentFile
    from PIL import Image, ImageDraw

    sky, land = PICTURE_COLOURS[i % len(PICTURE_COLOURS)]
    image = Image.new("RGB", (640, 360), sky)
    draw = ImageDraw.Draw(image)
    draw.ellipse((440 - i * 60, 50, 540 - i * 60, 150), fill=(255, 236, 170))
    draw.polygon([(0, 250), (200, 170), (380, 240), (560, 160), (640, 200), (640, 360), (0, 360)], fill=land)
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    document.cover_image.save(f"demo-picture-{i}.png", ContentFile(buffer.getvalue()), save=False)
    Document.objects.filter(pk=document.pk).update(cover_image=document.cover_image.name)


def _policies(county: str, office: User, office_org: Organization) -> int:
    made = 0
    specs = [
        ("gz", f"{county}人民政府关于印发《{county}政府信息公开工作规定》的通知", f"清政发〔{_y()}〕3号"),
        (
            "gfxwj",
            f"{county}人民政府办公室关于印发《{county}城乡居民最低生活保障实施细则》的通知",
            f"清政办发〔{_y()}〕12号",
        ),
        ("gfxwj", f"{county}人民政府关于进一步加强农村宅基地管理的意见", f"清政发〔{_y()}〕9号"),
        ("gkzd", f"{county}政务公开保密审查制度", f"清政办发〔{_y()}〕21号"),
        ("gkzd", f"{county}政府信息依申请公开工作制度", f"清政办发〔{_y()}〕22号"),
        ("ndbg", f"{county}人民政府{_y(-1)}年政府信息公开工作年度报告", ""),
    ]
    for i, (slug, title, number) in enumerate(specs):
        body = _p(
            "为贯彻落实《中华人民共和国政府信息公开条例》，进一步规范工作程序，结合本县实际，制定本文件。",
            "各乡镇人民政府、县直各部门要高度重视，明确责任分工，认真抓好贯彻落实。",
            "本文件自印发之日起施行，由县人民政府办公室负责解释。",
        )
        genre = "意见" if "意见" in title else ("报告" if "报告" in title else "通知")
        days = 10 + i * 9
        # One example of the 超期公开 flag: the annual report went up some 40 days after it was written.
        written = timezone.localdate() - timedelta(days=days + (40 if slug == "ndbg" else 2))
        made += bool(_imported(office, office_org, slug, title, body, days=days, doc_number=number, genre=genre,
                               topic="综合政务", keywords="政务公开 制度", written_date=written))  # fmt: skip
    # A 规范性文件 filed under 政策 is also listed under Art. 20 item (一): one row, two places in the catalogue.
    for document in Document.objects.filter(column__slug="gfxwj", organization=office_org).order_by("pk")[:1]:
        document.also_listed_in.add(Column.objects.get(slug="fd-01"))
        services.queue_index(document)  # the search finds it under both columns
    laws = sorted(TEXTS.glob("law_*.txt"))
    targets = ["qtwj", "qtwj", "fd-01", "fd-01", "jc-07", "fd-06", "fd-13", "jc-19", "qtwj", "fd-15"]
    for i, (path, slug) in enumerate(zip(laws, targets, strict=False)):
        title, body = _law(path.name)
        made += bool(_imported(office, office_org, slug, title, body, days=30 + i * 4, topic="公安、安全、司法",
                               source="国家法律法规数据库"))  # fmt: skip
    return made


def _catalogue_everywhere(county: str, office: User, office_org: Organization) -> int:
    """At least one item in every catalogue column that is still empty, from the column's own subject."""
    made = 0
    for i, column in enumerate(Column.objects.filter(kind=Column.Kind.CATALOGUE, is_active=True).order_by("order")):
        if column.documents.exists():
            continue
        org = office_org if column.allows_unit(office_org) else None
        if org is None:
            org = Organization.objects.active().filter(kind__in=column.publisher_kinds).order_by("order").first()
        if org is None:
            continue
        subject = column.name.removesuffix("领域")
        if column.slug.startswith("jc-"):  # 国办发〔2019〕54号: each domain publishes its 标准目录
            title = f"{county}{subject}领域基层政务公开标准目录（{_y()}年版）"
        else:
            title = f"{org.display_name}关于{subject}有关情况的公示（{_y(-1)}年度）"
        body = _p(
            f"根据《中华人民共和国政府信息公开条例》和基层政务公开标准化规范化工作要求，现将{_y(-1)}年度{subject}有关情况公示如下。",
            "一、工作依据。严格按照有关法律法规和上级文件要求组织实施。",
            "二、办理情况。全年按程序办理相关事项，办理结果已按规定告知当事人。",
            f"三、监督方式。如有疑问，请在公示期内向{org.name}反映，联系电话：{org.phone or '见本单位公开指南'}。",
        )
        made += bool(_imported(office, org, column.slug, title, body, days=5 + (i % 40)))
    return made


def _unit_workflow(org: Organization, people: dict, office: User, index: int) -> int:
    """News of one unit in every workflow state, and a policy with its interpretation."""
    name = org.display_name
    news = "xzdt" if org.kind == Organization.Kind.TOWNSHIP else "bmdt"
    body = _p(
        f"近日，{org.name}组织干部职工深入村组、企业开展走访调研，面对面听取群众意见建议，现场协调解决实际困难。",
        "下一步，将持续推进作风建设，把为民办实事落到实处。",
    )
    made = 0
    pool = [
        f"{name}开展“我为群众办实事”走访活动",
        f"{name}召开{_y()}年冬季安全生产工作会议",
        f"{name}组织开展防范电信网络诈骗宣传",
        f"{name}举行新时代文明实践志愿服务集中行动",
        f"{name}推进高标准农田建设项目",
        f"{name}开展重点场所消防安全检查",
        f"{name}召开秋冬季森林防火部署会",
    ]
    published_titles = [pool[(index * 2 + k) % len(pool)] for k in range(3)]
    states = [("published", t) for t in published_titles] + [
              ("draft", f"{name}推进农村人居环境整治工作（草稿）"),
              ("pending_first", f"{name}举办农业实用技术培训班"),
              ("pending_second", f"{name}开展冬季送温暖慰问活动"),
              ("pending_final", f"{name}完成{_y()}年度民生实事项目验收"),
              ("returned", f"{name}组织志愿者清扫街道"),
              ("rejected", f"{name}困难群众救助名单")]  # fmt: skip
    for i, (state, title) in enumerate(states):
        made += bool(_reviewed(org, people, office, news, title, to=state, days=index * 3 + i * 4, body=body))
    # A finding the reviewers will see: a contact mobile number (a prompt, not a block).
    made += bool(_reviewed(org, people, office, news, f"{name}关于征集民生实事项目的通知", to="pending_second",
                           body=_p("请于本月底前报送意见，联系人：王老师，联系电话：13931900000。")))  # fmt: skip
    measures = _docx(
        f"{name}村级公益事业一事一议筹资筹劳管理办法",
        "第一条 为规范村级公益事业一事一议筹资筹劳管理，减轻农民负担，制定本办法。",
        "第二条 本办法适用于本辖区内各行政村。",
        "第三条 筹资筹劳事项须经村民会议或村民代表会议讨论通过。",
    )
    policy = _reviewed(org, people, office, "gfxwj", f"{org.name}关于印发《{name}村级公益事业一事一议筹资筹劳管理办法》的通知",
                       days=index * 3 + 20, doc_number=f"清{name[:2]}发〔{_y()}〕{index + 4}号", genre="通知",
                       topic="农业、林业、水利", body=_p("第一条 为规范村级公益事业一事一议筹资筹劳管理，制定本办法。",
                                                  "第二条 本办法适用于本辖区内各行政村。"),
                       is_important=True, attach=[("一事一议筹资筹劳管理办法.docx", measures)])  # fmt: skip
    if policy:
        made += 1
        made += bool(_reviewed(org, people, office, "zcjd", f"一图读懂《{name}村级公益事业一事一议筹资筹劳管理办法》",
                               days=index * 3 + 18, interprets=policy, genre="其他", topic="农业、林业、水利",
                               interpretation_kind="图解",
                               body=_p("一、出台背景", "二、主要内容：明确议事范围、筹资标准和监督方式。")))  # fmt: skip
    made += _interpretation_examples(org, people, office, name, index)
    # The scan at work: an item held at 终审 by a blocking word, and one the office let through with a reason.
    made += bool(_reviewed(org, people, office, news, f"{name}{_y()}年第三季度重点工作进展情况", to="pending_final",
                           body=_p("内部资料，注意保存。", "第三季度，各项重点工作按计划推进。")))  # fmt: skip
    made += bool(_reviewed(org, people, office, "xz-07" if news == "xzdt" else "fd-08",
                           f"{name}关于{_y()}年度公益事业筹资缴款方式的公告", days=index * 3 + 6,
                           body=_p(f"缴款账户名称：{org.name}财政所；开户行：清河县农村信用合作联社；账号：6217000230005123457。",
                                   "请于本月底前缴纳，逾期不再收取。"),
                           override="该账号为本单位对公缴款账户，依规须向群众公布，不涉及个人信息。"))  # fmt: skip
    withdrawn = _reviewed(org, people, office, news, f"{name}{_y()}年秋季征兵体检时间安排（已更正）", days=index * 3 + 40,
                          body=_p("体检时间另行通知。"))  # fmt: skip
    if withdrawn:
        services.withdraw(withdrawn, actor=office, reason="体检时间调整，原通知内容有误，已另行发布更正通知。")
        made += 1
    return made


def _interpretation_examples(org, people, office, name: str, index: int) -> int:
    """The first unit: a policy at 终审 with its 解读 approved and waiting (同步发布 when the office publishes the
    policy); the second: a policy published without a 解读, on its 3-working-day clock."""
    if index == 0:
        policy = _reviewed(org, people, office, "gfxwj", f"{org.name}关于印发《{name}农村供水工程运行管理办法》的通知",
                           to="pending_final", doc_number=f"清{name[:2]}发〔{_y()}〕21号", topic="城乡建设、环境保护",
                           interpretation_plan="解读提纲：出台背景、主要内容、管护责任；形式：政策问答；途径：政府网站政策解读栏目；"
                                               "时间：与政策同步发布。",
                           body=_p("第一条 为加强农村供水工程运行管理，保障群众饮水安全，制定本办法。"))  # fmt: skip
        if not policy:
            return 0
        reading = _reviewed(org, people, office, "zcjd", f"《{name}农村供水工程运行管理办法》政策问答", to="approved",
                            interprets=policy, interpretation_kind="问答", genre="其他", topic="城乡建设、环境保护",
                            body=_p("问：办法适用于哪些供水工程？", "答：适用于本辖区内的农村集中供水工程。"))  # fmt: skip
        return 1 + bool(reading)
    if index == 1:
        return bool(_reviewed(org, people, office, "gfxwj", f"{org.name}关于印发《{name}河道管护办法》的通知", days=2,
                              doc_number=f"清{name[:2]}发〔{_y()}〕22号", topic="城乡建设、环境保护",
                              body=_p("第一条 为加强河道管护，制定本办法。")))  # fmt: skip
    return 0


def seed(stdout) -> None:
    office_staff = _office_staff()
    office_org = Organization.objects.active().filter(kind=Organization.Kind.COUNTY_OFFICE).first()
    if not office_staff or office_org is None:
        stdout.write("  没有县政府办公室或政务公开办人员，跳过信息公开演示数据。")
        return
    county = SiteProfile.get().county_name or "本县"
    _sensitive_words()
    office, second_office = office_staff[0], office_staff[-1]
    made = _county_news(county, office, office_org)
    made += _policies(county, office, office_org)
    for index, (org, people) in enumerate(_full_units()):
        made += _unit_workflow(org, people, second_office, index)
    made += _catalogue_everywhere(county, office, office_org)
    repealed = Document.objects.filter(Q(column__slug="gfxwj") & Q(title__contains="最低生活保障"), validity="有效")
    for document in repealed.filter(status="published"):
        services.change_validity(document, actor=office, validity="失效",
                                 repealed_on=timezone.localdate() - timedelta(days=1),
                                 reason="已被新修订的实施细则替代。")  # fmt: skip
    stdout.write(f"  信息公开：新增 {made} 条信息（各栏目均有内容，含各审核状态的示例）。")
