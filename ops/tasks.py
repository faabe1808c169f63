from celery import shared_task

from ops import backup as backups
from ops import services


@shared_task(name="ops.heartbeat")
def heartbeat() -> str:
    """Beat's proof of life: its run is recorded (ops.jobs) and /healthz reads the time."""
    return "ok"


@shared_task(name="ops.nightly_backup")
def nightly_backup() -> dict:
    """The nightly archive into BACKUP_DIR, then the retention rule (7 daily, 4 weekly, 12 monthly by default)."""
    result = backups.backup()
    removed = backups.prune()
    return {"archive": result.path.name, "size": result.size, "removed": [p.name for p in removed]}


@shared_task(name="ops.purge_audit")
def purge_audit() -> int:
    return services.purge_audit()
