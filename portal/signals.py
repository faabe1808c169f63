"""Calendar edits recompute stored due dates after they commit; failed logins count against the client's address;
the signal every download of personal data sends for the audit log."""

from django.contrib.auth.signals import user_login_failed
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import Signal, receiver

from portal import ratelimit
from portal.models import WorkdayOverride
from portal.workflow import after_commit

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
    to_date = sender._meta.get_field("date").to_python  # a row may be saved with the date still a string
    days = sorted({to_date(d).isoformat() for d in (instance.date, getattr(instance, "_previous_date", None)) if d})
    # A broker that is down must not turn a committed calendar edit into an error page: after_commit logs it, and
    # the nightly recompute (portal/schedule.py) catches up on whatever this call could not queue.
    after_commit("portal.recompute_due_dates", days)


@receiver(user_login_failed)
def _count_login_failure(sender, credentials, request=None, **kwargs) -> None:
    # Every login form (the staff login and the admin's) authenticates through django.contrib.auth, which sends this.
    if request is not None:
        ratelimit.count_login_failure(request)
