"""Calendar edits recompute stored due dates after they commit (DESIGN §4-5); the signal every download of personal
data sends for the audit log."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import Signal, receiver

from portal.models import WorkdayOverride

# Sent by every view that hands out personal data (CSV exports, letters, applicants' and writers' files), with
# ``request``, ``what`` (a short Chinese description) and ``count`` (rows, or 1 for a file). The audit log (ops)
# records it; a view sends it just before returning the download.
sensitive_download = Signal()


@receiver(pre_save, sender=WorkdayOverride)
def _remember_old_date(sender, instance: WorkdayOverride, **kwargs) -> None:
    # An edit that moves a row to another date changes both days: clocks crossing the old one must move too.
    old = sender.objects.filter(pk=instance.pk).values_list("date", flat=True).first() if instance.pk else None
    instance._previous_date = old


@receiver([post_save, post_delete], sender=WorkdayOverride)
def _calendar_changed(sender, instance: WorkdayOverride, **kwargs) -> None:
    from portal.tasks import recompute_due_dates

    to_date = sender._meta.get_field("date").to_python  # a row may be saved with the date still a string
    days = sorted({to_date(d).isoformat() for d in (instance.date, getattr(instance, "_previous_date", None)) if d})
    # robust: a broker that is down must not turn a committed calendar edit into an error page; the nightly
    # recompute (portal/schedule.py) catches up on whatever this call could not queue.
    transaction.on_commit(lambda: recompute_due_dates.delay(days), robust=True)


@receiver([post_save, post_delete], sender="portal.SiteProfile")
def _site_profile_changed(sender, **kwargs) -> None:
    from portal.context_processors import clear_site_cache

    # Clear now for this process, and again after commit so a request that cached the old row meanwhile is undone.
    clear_site_cache()
    transaction.on_commit(clear_site_cache)
