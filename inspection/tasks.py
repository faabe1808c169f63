from celery import shared_task

from inspection import services


@shared_task(name="inspection.run")
def run(actor_id: int | None = None) -> int | None:
    """The nightly self-inspection (or one office staff asked for); returns the run's id, None when one was running."""
    from portal.models import User

    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    done = services.run_inspection(actor=actor)
    return done.pk if done else None
