import threading

import pytest
from django.db import connection

from newmedia.models import Account
from portal.errors import DomainError
from portal.models import Role
from tests.conftest import make_user
from tests.newmedia.conftest import draft_account


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_racing_for_the_same_platform_get_one_account(postgres_only, township):
    officers = [make_user(f"racer{i}", township, Role.OFFICER) for i in range(2)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def file(officer):
        try:
            barrier.wait()
            draft_account(officer, name=f"{officer.username}号")
            outcomes.append("created")
        except DomainError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=file, args=(o,)) for o in officers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["created", "refused"]
    assert Account.objects.filter(organization=township, platform="wechat").count() == 1
