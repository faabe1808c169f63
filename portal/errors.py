"""Domain errors raised by services; views turn them into messages, never a 403 or a 500."""


class DomainError(Exception):
    """A rule of the domain refused the action. ``str(error)`` is a Chinese message fit to show the user."""


class InvalidTransition(DomainError):
    """The object is not in a state that allows this action."""


class NotAllowed(DomainError):
    """This user may not take this action on this object (e.g. reviewing their own submission)."""
