"""A Whoosh index in a temporary folder per test (Whoosh's RAM storage is per thread, so a live server would see an
empty index) and a small fixed Chinese corpus of published documents."""

import itertools
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from haystack import connections

from disclosure.models import Column, Document
from search import engine, services
from search.query import parse
from search.types import SearchRequest

TZ = ZoneInfo("Asia/Shanghai")
_serials = itertools.count(1)

CORPUS = [
    # (title, body, column slug, genre, 文号, published)
    (
        "示范县2024年财政预算执行情况的报告",
        "全县一般公共预算收入完成年度预算的百分之一百零二，财政预算执行总体平稳。",
        "gfxwj",
        "报告",
        "示政发〔2024〕3号",
        datetime(2024, 3, 1, 10, tzinfo=TZ),
    ),
    (
        "关于进一步优化营商环境的实施意见",
        "为持续优化营商环境，激发市场主体活力，提出如下意见。",
        "gfxwj",
        "意见",
        "示政办发〔2023〕12号",
        datetime(2023, 6, 5, 9, tzinfo=TZ),
    ),
    (
        "示范县预算管理办法",
        "各部门应当编制部门预算，严格执行预算，不得无预算支出。",
        "gfxwj",
        "通知",
        "西政办发〔2018〕47号",
        datetime(2018, 5, 20, 9, tzinfo=TZ),
    ),
    (
        "关于做好政府信息公开工作的通知",
        "各乡镇要严格落实政府信息公开制度，依申请公开答复须按期办理。",
        "tzgg",
        "通知",
        "",
        datetime(2024, 1, 10, 9, tzinfo=TZ),
    ),
    (
        "城关镇召开安全生产工作会议",
        "会议强调，对安全生产责任不落实的，一律追责问责。公开信息要及时准确。",
        "tzgg",
        "其他",
        "",
        datetime(2024, 4, 2, 9, tzinfo=TZ),
    ),
    (
        "河西乡开展财政资金专项检查",
        "检查发现部分项目财政资金使用不规范，预算编制粗糙。",
        "tzgg",
        "通报",
        "",
        datetime(2022, 8, 8, 9, tzinfo=TZ),
    ),
]


@pytest.fixture
def search_index(settings, tmp_path):
    """Point haystack at an empty index folder for this test, and forget cached connections and pages."""
    config = {"default": {"ENGINE": "search.backend.PortalWhooshEngine", "PATH": str(tmp_path / "index")}}
    settings.HAYSTACK_CONNECTIONS = config
    previous = connections.connections_info
    connections.connections_info = config
    connections.reload("default")
    engine.drop_searchers()
    cache.clear()
    yield tmp_path / "index"
    connections.connections_info = previous
    connections.reload("default")
    engine.drop_searchers()


def make_document(
    title,
    body,
    *,
    organization,
    author,
    column="tzgg",
    genre="",
    doc_number="",
    published_at=None,
    status=Document.Status.PUBLISHED,
):
    serial = next(_serials)
    return Document.objects.create(
        title=title,
        body=f"<p>{body}</p>",
        column=Column.objects.get(slug=column),
        organization=organization,
        created_by=author,
        genre=genre,
        doc_number=doc_number,
        status=status,
        published_at=published_at or datetime(2024, 5, 1, 9, tzinfo=TZ),
        index_number=f"{organization.code}/{(published_at or datetime(2024, 1, 1)).year}-{serial:05d}"
        if status == Document.Status.PUBLISHED
        else None,
    )


@pytest.fixture
def corpus(search_index, township, other_township, officer):
    """The fixed corpus, indexed; the last document is by the other township."""
    docs = []
    for n, (title, body, column, genre, number, when) in enumerate(CORPUS):
        unit = other_township if n == len(CORPUS) - 1 else township
        docs.append(
            make_document(
                title,
                body,
                organization=unit,
                author=officer,
                column=column,
                genre=genre,
                doc_number=number,
                published_at=when,
            )
        )
    for doc in docs:
        services.sync_object("disclosure.document", doc.pk)
    return docs


def find(text="", **options):
    """Run the results page's search and return the outcome."""
    return services.search(SearchRequest(query=parse(text), **options))


def titles(outcome):
    return [hit.title for hit in outcome.hits]
