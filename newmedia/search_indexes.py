"""The search index of the accounts in the public 政务新媒体 directory. The rows are the directory's own
(``newmedia.selectors.directory_accounts``: filed, not closed, of an active unit) and their fields hold the filed
values, so a change waiting on its filing is not indexed until office staff approve it. Only what the public account
page shows is indexed: never the 负责人, 总编辑 or 运维人员 names and phones."""

from __future__ import annotations

from datetime import datetime, time

from django.urls import reverse
from django.utils import timezone
from haystack import indexes

from newmedia import selectors
from newmedia.models import Account
from portal.search.indexes import PortalSearchIndex


class AccountIndex(PortalSearchIndex, indexes.Indexable):
    kind_label = "政务新媒体"
    fallback_fields = ("name", "platform_account_id", "verification_subject", "organization__name")

    def get_model(self):
        return Account

    def index_queryset(self, using=None):
        return selectors.directory_accounts().order_by("pk")

    def read_queryset(self, using=None):
        return selectors.directory_accounts()

    def fallback_queryset(self):
        # The database search matches on ``title`` when "仅搜索标题" is ticked: an account's title is its name.
        from django.db.models import F

        return self.index_queryset().annotate(title=F("name"))

    def prepare_title(self, obj: Account) -> str:
        return obj.name

    def prepare_url(self, obj: Account) -> str:
        return reverse("newmedia:account_page", args=[obj.pk])

    def prepare_unit(self, obj: Account) -> str:
        return obj.organization.name

    def prepare_column(self, obj: Account) -> str:
        return "政务新媒体"

    def prepare_doc_type(self, obj: Account) -> str:
        return obj.get_platform_display()

    def prepare_pub_date(self, obj: Account):
        if obj.filed_at:
            return obj.filed_at
        return timezone.make_aware(datetime.combine(obj.opened_on, time.min)) if obj.opened_on else None

    def fallback_text(self, obj: Account) -> str:
        parts = [obj.get_platform_display(), obj.platform_account_id, obj.organization.name, obj.verification_subject]
        return " ".join(p for p in parts if p)
