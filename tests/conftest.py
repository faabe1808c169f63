"""Shared personas (STYLE: tests): two townships with an officer, a reviewer and a leader each, the county office
with office staff, and helpers to build more. The second township's people are the outsiders who must be refused."""

import os

import pytest
from django.contrib.auth.models import Group

from portal.models import Organization, Role, User
from portal.validators import org_code_check_char

_counter = iter(range(10_000, 99_999))


def make_org_code() -> str:
    body = f"MA{next(_counter):06d}"
    return body + org_code_check_char(body)


def make_org(name: str, kind: str = Organization.Kind.TOWNSHIP, **fields) -> Organization:
    return Organization.objects.create(name=name, short_name=name[:6], kind=kind, code=make_org_code(), **fields)


def make_user(username: str, organization: Organization | None, *roles: str, **fields) -> User:
    user = User.objects.create_user(
        username=username, password="pass-1234", organization=organization, last_name=username, **fields
    )
    user.groups.set([Group.objects.get_or_create(name=r)[0] for r in roles])
    return user


@pytest.fixture
def office(db) -> Organization:
    return make_org("示范县人民政府办公室", Organization.Kind.COUNTY_OFFICE)


@pytest.fixture
def township(db) -> Organization:
    return make_org("城关镇人民政府")


@pytest.fixture
def other_township(db) -> Organization:
    return make_org("河西乡人民政府")


@pytest.fixture
def officer(township) -> User:
    return make_user("officer", township, Role.OFFICER)


@pytest.fixture
def reviewer(township) -> User:
    return make_user("reviewer", township, Role.REVIEWER)


@pytest.fixture
def leader(township) -> User:
    return make_user("leader", township, Role.LEADER, is_principal_leader=True)


@pytest.fixture
def outsider(other_township) -> User:
    """An officer of another unit, with every unit role: must never see the first township's work."""
    return make_user("outsider", other_township, Role.OFFICER, Role.REVIEWER, Role.LEADER)


@pytest.fixture
def office_staff(office) -> User:
    return make_user("office_staff", office, Role.OFFICE)


@pytest.fixture
def admin_user(office) -> User:
    return make_user("sysadmin", office, Role.ADMIN, is_staff=True, is_superuser=True)


def _require(reason: str) -> None:
    """Skip with a printed reason; in CI (REQUIRE_SERVICES=1) a missing service is a failure, not a skip."""
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"CI requires this test to run: {reason}")
    pytest.skip(reason)


@pytest.fixture
def postgres_only(db):
    """For tests of row locks and other PostgreSQL behaviour: skipped on SQLite unless CI requires it."""
    from django.db import connection

    if connection.vendor != "postgresql":
        _require("needs PostgreSQL: set DATABASE_URL=postgres://...")


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        _require("needs Redis: set REDIS_URL=redis://...")
    return url


# Rows that data migrations create (roles, the column tree). A transactional test ends with a flush that wipes them
# too, so they are put back before each such test: the order the tests run in must not matter.
_DATA_MIGRATIONS = [
    ("portal.migrations.0002_roles", "create_roles"),
    ("disclosure.migrations.0002_columns", "create_columns"),
    ("disclosure.migrations.0004_column_requires_doc_number", "mark_doc_number_columns"),
    ("inspection.migrations.0002_wording_dictionary", "create_rules"),
    ("inspection.migrations.0003_column_rules", "create_rules"),
]


@pytest.fixture(autouse=True)
def _restore_migration_data(request):
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    if not transactional:
        return
    import importlib

    from django.apps import apps

    request.getfixturevalue("transactional_db")
    for module, function in _DATA_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)


@pytest.fixture(autouse=True)
def _reset_celery_join_guard():
    """Eager ``delay()`` runs inside Celery's ``denied_join_result``, which saves and restores a process-wide flag;
    tests that publish from several threads at once can leave it set, and every later ``result.get()`` in the
    process would then refuse to run. Start each test with it clear."""
    from celery._state import _set_task_join_will_block

    _set_task_join_will_block(False)
    yield


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Pages cached by an earlier test (its rows rolled back since) are not this test's, nor the per-site data a
    process keeps per content generation (portal/pagecache.py)."""
    from django.core.cache import caches

    from portal import pagecache

    caches["pages"].clear()
    pagecache.bump()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and login caps count in the cache: every test starts with none used, whatever ran before."""
    from django.core.cache import cache

    cache.clear()
