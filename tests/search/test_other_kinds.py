"""政民互动 replies and 政务新媒体 accounts in the search: only what their public pages show, masked the same way,
kept current by the services after commit, repaired by the nightly reconcile, and counted in the 类别 facet."""

from datetime import date
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from interaction import services as interaction_services
from interaction.models import Message
from interaction.privacy import mask_public
from newmedia import services as newmedia_services
from search import services
from search.query import parse
from search.types import SearchRequest
from tests.interaction.conftest import new_message
from tests.newmedia.conftest import file_account
from tests.search.conftest import find as find_any
from tests.search.conftest import make_document, titles

pytestmark = pytest.mark.django_db
URL = "/search/"
TZ = ZoneInfo("Asia/Shanghai")
PHONE = "13912345678"
EMAIL = "lisi.private@example.com"
QUESTION = f"城关镇南街停水三天了，什么时候恢复？我的电话{PHONE}，邮箱{EMAIL}。"
REPLY = "经核实，南街供水管道抢修已于昨日完成，现已恢复正常供水。"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def seeded_index(search_index, other_township, officer):
    """The temporary index holding one unrelated document, so that searches answer from the index (an index with
    no segment at all is answered by the database fallback)."""
    seed = make_document("河西乡防汛工作通知", "做好汛期值班。", organization=other_township, author=officer)
    services.sync_object("disclosure.document", seed.pk)
    return search_index


def find(text="", **options):
    """The results page's search, which must have been answered by the index (not the database fallback)."""
    outcome = find_any(text, **options)
    assert outcome.engine == "whoosh" and not outcome.degraded
    return outcome


def replied_message(office_staff, township, officer, **fields) -> Message:
    """A message dispatched to the township and answered by its officer (not yet public)."""
    data = {"title": "南街停水何时恢复", "content": QUESTION, "name": "李四", "phone": PHONE, "email": EMAIL} | fields
    message, _password = new_message(**data)
    interaction_services.dispatch_message(message, actor=office_staff, unit=township, instruction="请核实答复。")
    return interaction_services.reply_message(message, actor=officer, reply=REPLY)


@pytest.fixture
def published_message(search_index, office_staff, township, officer, django_capture_on_commit_callbacks) -> Message:
    message = replied_message(office_staff, township, officer)
    with django_capture_on_commit_callbacks(execute=True):
        interaction_services.publish_message(message, actor=office_staff)
    message.refresh_from_db()
    return message


@pytest.fixture
def account(search_index, officer, leader, office_staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return file_account(officer, leader, office_staff, name="城关镇发布")


def stored_documents() -> list[dict]:
    backend = services.backend()
    with backend.index.refresh().searcher() as searcher:
        return list(searcher.all_stored_fields())


# --- 政民互动


def test_a_published_reply_is_found_by_a_word_of_its_reply(published_message, township):
    outcome = find("抢修")
    assert outcome.total == 1
    hit = outcome.hits[0]
    assert hit.title == "南街停水何时恢复"
    assert hit.kind == "政民互动"
    assert hit.url == f"/messages/{published_message.pk}/"
    assert hit.unit == township.name
    assert hit.doc_type == "咨询"
    assert hit.pub_date == published_message.published_at
    assert "<mark>抢修</mark>" in hit.snippet_html


def test_the_question_is_searchable_too(published_message):
    assert titles(find("停水")) == ["南街停水何时恢复"]


def test_the_writers_personal_data_is_neither_indexed_nor_findable(published_message):
    assert find(PHONE).total == 0
    assert find("李四").total == 0  # the writer's name is not indexed at all (the page shows only 李*)
    assert find("lisi").total == 0 and find("private").total == 0  # the e-mail's local part is masked (l***@)
    hit = find("停水").hits[0]
    assert PHONE not in hit.snippet_html
    assert mask_public(PHONE, published_message) in hit.snippet_html  # exactly as the public page shows it
    assert EMAIL not in hit.snippet_html
    for stored in stored_documents():
        flat = " ".join(str(v) for v in stored.values())
        assert PHONE not in flat and EMAIL not in flat and "李四" not in flat


def test_the_database_fallback_does_not_find_a_message_by_its_unmasked_phone(published_message):
    by_phone = services.database_search(SearchRequest(query=parse(PHONE)))
    assert by_phone.total == 0
    by_reply = services.database_search(SearchRequest(query=parse("抢修")))
    assert [h.url for h in by_reply.hits] == [f"/messages/{published_message.pk}/"]
    assert PHONE not in by_reply.hits[0].snippet_html


def test_an_unpublished_message_is_not_found(seeded_index, office_staff, township, officer):
    message = replied_message(office_staff, township, officer)
    assert services.sync_object("interaction.message", message.pk) == "removed"
    assert find("抢修").total == 0


def test_a_message_the_writer_did_not_agree_to_publish_is_never_found(seeded_index, office_staff, township, officer):
    message = replied_message(office_staff, township, officer, agrees_to_publish=False)
    interaction_services.close_message(message, actor=office_staff)
    services.reconcile()
    assert find("抢修").total == 0


def test_publishing_through_the_service_queues_the_indexing_on_commit(
    seeded_index, office_staff, township, officer, django_capture_on_commit_callbacks
):
    message = replied_message(office_staff, township, officer)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        interaction_services.publish_message(message, actor=office_staff)
    assert find("抢修").total == 0  # nothing is written inside the transaction
    assert callbacks
    for callback in callbacks:
        callback()
    assert [h.url for h in find("抢修").hits] == [f"/messages/{message.pk}/"]


def test_unpublishing_removes_the_message_from_the_results(
    published_message, office_staff, django_capture_on_commit_callbacks
):
    assert find("抢修").total == 1
    with django_capture_on_commit_callbacks(execute=True):
        interaction_services.unpublish_message(published_message, actor=office_staff, reason="涉及个人隐私")
    assert find("抢修").total == 0


# --- 政务新媒体


def test_an_approved_account_is_found_by_its_name(account, township):
    outcome = find("城关镇发布")
    assert outcome.total == 1
    hit = outcome.hits[0]
    assert hit.title == "城关镇发布"
    assert hit.kind == "政务新媒体"
    assert hit.doc_type == "微信公众号"
    assert hit.unit == township.name
    assert hit.url == f"/newmedia/{account.pk}/"
    assert hit.pub_date == account.filed_at


def test_an_account_is_found_by_its_verification_subject_and_platform(
    search_index, officer, leader, office_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        account = file_account(
            officer, leader, office_staff, name="城关镇发布", verification_subject="示范县融媒体中心"
        )
    assert [h.url for h in find("融媒体").hits] == [f"/newmedia/{account.pk}/"]
    assert find("微信公众号").total == 1
    # The database fallback finds it too, by name alone when "仅搜索标题" is ticked.
    fallback = services.database_search(SearchRequest(query=parse("城关镇发布"), title_only=True))
    assert [h.kind for h in fallback.hits] == ["政务新媒体"]


def test_an_accounts_people_and_phones_are_not_indexed(account):
    # account_fields(): 张华 is the 总编辑 (13800138000), 陈静 an operator (13900139000); none is on the public page.
    for word in ("张华", "13800138000", "陈静", "13900139000", "王强"):
        assert find(word).total == 0, word


def test_an_account_waiting_for_its_opening_filing_is_not_found(
    seeded_index, officer, leader, django_capture_on_commit_callbacks
):
    from tests.newmedia.conftest import draft_account

    account, filing = draft_account(officer, name="城关镇发布")
    with django_capture_on_commit_callbacks(execute=True):
        newmedia_services.submit_to_leader(filing, actor=officer)
        newmedia_services.leader_approve(filing, actor=leader)
    assert services.sync_object("newmedia.account", account.pk) == "removed"
    assert find("城关镇发布").total == 0


def test_an_account_leaves_the_results_when_its_closure_is_approved(
    account, officer, leader, office_staff, django_capture_on_commit_callbacks
):
    details = newmedia_services.ClosureDetails(date(2026, 10, 9), "机构调整，账号撤并", "https://example.gov.cn/stop")
    filing = newmedia_services.start_closure(account, actor=officer, details=details)
    with django_capture_on_commit_callbacks(execute=True):
        newmedia_services.submit_to_leader(filing, actor=officer)
        newmedia_services.leader_approve(filing, actor=leader)
    assert find("城关镇发布").total == 1  # still in the directory until the office files the closure
    with django_capture_on_commit_callbacks(execute=True):
        newmedia_services.office_approve(filing, actor=office_staff)
    assert find("城关镇发布").total == 0


def test_a_pending_change_does_not_alter_the_indexed_name_until_approved(
    account, officer, leader, office_staff, django_capture_on_commit_callbacks
):
    filing = newmedia_services.start_change(account, actor=officer, fields={"name": "南街新声"})
    with django_capture_on_commit_callbacks(execute=True):
        newmedia_services.submit_to_leader(filing, actor=officer)
        newmedia_services.leader_approve(filing, actor=leader)
    services.sync_object("newmedia.account", account.pk)  # even a re-index now keeps the filed version
    assert titles(find("城关镇发布")) == ["城关镇发布"]
    assert find("南街新声").total == 0
    assert find("南街新声", title_only=True).total == 0
    with django_capture_on_commit_callbacks(execute=True):
        newmedia_services.office_approve(filing, actor=office_staff)
    assert titles(find("南街新声")) == ["南街新声"]
    assert find("城关镇发布", title_only=True).total == 0


# --- all kinds together


@pytest.fixture
def three_kinds(published_message, account, township, officer):
    document = make_document("城关镇召开安全生产工作会议", "部署安全生产工作。", organization=township, author=officer)
    services.sync_object("disclosure.document", document.pk)
    return document, published_message, account


def test_the_kind_facet_counts_every_kind(three_kinds):
    outcome = find("城关镇")
    assert dict(outcome.facets["kind"]) == {"政府信息": 1, "政民互动": 1, "政务新媒体": 1}
    only_messages = find("城关镇", filters={"kind": "政民互动"})
    assert only_messages.total == 1
    assert only_messages.hits[0].kind == "政民互动"
    assert dict(only_messages.facets["kind"])["政务新媒体"] == 1  # the kind facet ignores its own filter


def test_the_results_page_shows_each_kind_with_link_unit_date_and_kind(client, three_kinds, township):
    _document, message, account = three_kinds
    page = client.get(URL, {"q": "城关镇"}).content.decode()
    assert f'href="/messages/{message.pk}/"' in page
    assert f'href="/newmedia/{account.pk}/"' in page
    assert '<span class="hit-kind">政民互动</span>' in page
    assert '<span class="hit-kind">政务新媒体</span>' in page
    assert '<span class="hit-kind">政府信息</span>' in page
    assert message.published_at.astimezone(TZ).strftime("%Y-%m-%d") in page
    assert "<span>微信公众号</span>" in page and "<span>咨询</span>" in page
    assert "<h2>类别</h2>" in page
    assert PHONE not in page and "李四" not in page


def test_a_kind_link_on_the_results_page_narrows_the_results(client, three_kinds):
    _document, message, account = three_kinds
    page = client.get(URL, {"q": "城关镇", "kind": "政务新媒体"}).content.decode()
    assert f'href="/newmedia/{account.pk}/"' in page
    assert f'href="/messages/{message.pk}/"' not in page


def test_the_nightly_reconcile_covers_the_new_kinds(seeded_index, office_staff, township, officer, leader):
    # Published and filed without their on-commit tasks (as if the tasks were lost).
    message = replied_message(office_staff, township, officer)
    interaction_services.publish_message(message, actor=office_staff)
    account = file_account(officer, leader, office_staff, name="城关镇发布")
    assert find("抢修").total == 0 and find("城关镇发布").total == 0
    assert services.reconcile()["added"] == 2
    assert find("抢修").total == 1 and titles(find("城关镇发布", title_only=True)) == ["城关镇发布"]
    # Unpublished and closed behind the index's back: the reconcile removes both.
    Message.objects.filter(pk=message.pk).update(status=Message.Status.CLOSED)
    type(account).objects.filter(pk=account.pk).update(status=type(account).Status.CLOSED)
    assert services.reconcile()["removed"] == 2
    assert find("抢修").total == 0 and find("城关镇发布").total == 0


def test_rebuild_index_picks_up_the_new_kinds(search_index, office_staff, township, officer, leader):
    message = replied_message(office_staff, township, officer)
    interaction_services.publish_message(message, actor=office_staff)
    file_account(officer, leader, office_staff, name="城关镇发布")
    call_command("rebuild_index", interactive=False, verbosity=0)
    assert dict(find("城关镇").facets["kind"]) == {"政民互动": 1, "政务新媒体": 1}


def test_landlines_and_spaced_mobiles_are_masked_in_the_index_as_on_the_public_page(
    search_index, office_staff, township, officer, django_capture_on_commit_callbacks
):
    content = "停水已三天，请回电0954-2012345或138 1234 5678。"
    message = replied_message(office_staff, township, officer, content=content)
    with django_capture_on_commit_callbacks(execute=True):
        interaction_services.publish_message(message, actor=office_staff)
    flat = " ".join(str(v) for stored in stored_documents() for v in stored.values())
    assert "2012345" not in flat and "1234 5678" not in flat
    assert find("停水").total == 1
