"""Domain errors raised by services; views turn them into messages, never a 403 or a 500."""


class DomainError(Exception):
    """A rule of the domain refused the action. ``str(error)`` is a Chinese message fit to show the user."""


class InvalidTransition(DomainError):
    """The object is not in a state that allows this action."""


class NotAllowed(DomainError):
    """This user may not take this action on this object (e.g. reviewing their own submission)."""


def require_text(value: str | None, message: str) -> str:
    """``value`` with its surrounding spaces trimmed; a ``DomainError`` with ``message`` when nothing is left (a
    service's own check of a required reason or opinion, whatever the form in front of it checked)."""
    value = (value or "").strip()
    if not value:
        raise DomainError(message)
    return value
