"""Calendar edits recompute stored due dates after they commit (DESIGN §4-5)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from portal.models import WorkdayOverride


@receiver([post_save, post_delete], sender=WorkdayOverride)
def _calendar_changed(sender, instance: WorkdayOverride, **kwargs) -> None:
    from portal.tasks import recompute_due_dates

    day = instance.date.isoformat()
    transaction.on_commit(lambda: recompute_due_dates.delay([day]))


@receiver([post_save, post_delete], sender="portal.SiteProfile")
def _site_profile_changed(sender, **kwargs) -> None:
    from portal.context_processors import clear_site_cache

    # Clear now for this process, and again after commit so a request that cached the old row meanwhile is undone.
    clear_site_cache()
    transaction.on_commit(clear_site_cache)
