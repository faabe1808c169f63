from django.core.management.base import BaseCommand

from ops import services


class Command(BaseCommand):
    help = "Delete audit rows older than AUDIT_RETENTION_DAYS (never younger than six months); the nightly job runs it."

    def handle(self, *args, **options):
        self.stdout.write(f"{services.purge_audit()} rows deleted")
