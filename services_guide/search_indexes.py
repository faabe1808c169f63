"""The search index of the items in force: each item's current version, its conditions and materials included, so
that 营业执照 finds the items that ask for one. Drafts and changes under review are never indexed (the index reads
``ServiceItem.current``); a stopped item leaves the index when its task runs."""

from __future__ import annotations

from django.db.models import F, Prefetch
from haystack import indexes

from search.indexes import PortalSearchIndex
from services_guide.models import GuideVersion, Material, ServiceItem


class ServiceItemIndex(PortalSearchIndex, indexes.Indexable):
    kind_label = "办事服务"
    fallback_fields = ("title", "current__conditions", "current__materials__name", "organization__name")

    def get_model(self):
        return ServiceItem

    def index_queryset(self, using=None):
        return (
            ServiceItem.objects.in_force()
            .filter(organization__is_active=True)
            .select_related("organization", "current")
            .prefetch_related("current__themes", Prefetch("current__materials", queryset=Material.objects.all()))
            .order_by("pk")
        )

    def read_queryset(self, using=None):
        return self.index_queryset(using)

    def fallback_queryset(self):
        # "仅搜索标题" matches ``title``: an item's title is its name.
        return self.index_queryset().annotate(title=F("current__name")).distinct()

    def prepare_title(self, obj: ServiceItem) -> str:
        return obj.current.name

    def prepare_unit(self, obj: ServiceItem) -> str:
        return obj.organization.name

    def prepare_column(self, obj: ServiceItem) -> str:
        return "办事指南"

    def prepare_doc_type(self, obj: ServiceItem) -> str:
        return obj.current.get_kind_display()

    def prepare_pub_date(self, obj: ServiceItem):
        return obj.current.published_at

    def fallback_text(self, obj: ServiceItem) -> str:
        version: GuideVersion = obj.current
        names = " ".join(m.name for m in version.materials.all())
        return f"{version.conditions}\n{names}\n{version.result}"
