"""Settings of the new-media app, each overridable in the environment's settings (portal/settings.py stays shared)."""

from django.conf import settings

# The county's rules, art. 39: file the opening within 10 working days; a closure within 5.
FILING_WORKDAYS: int = getattr(settings, "NEWMEDIA_FILING_WORKDAYS", 10)
CLOSURE_WORKDAYS: int = getattr(settings, "NEWMEDIA_CLOSURE_WORKDAYS", 5)

# The county's rules, art. 40: at least 4 posts a week; the national check fails an account silent for 2 weeks.
MIN_WEEKLY_POSTS: int = getattr(settings, "NEWMEDIA_MIN_WEEKLY_POSTS", 4)
SILENT_WEEKS: int = getattr(settings, "NEWMEDIA_SILENT_WEEKS", 2)

# Images: the avatar is normalised to a square of this side; a QR code is kept between these sides (pixels).
AVATAR_SIZE: int = getattr(settings, "NEWMEDIA_AVATAR_SIZE", 256)
QR_MIN_SIDE: int = getattr(settings, "NEWMEDIA_QR_MIN_SIDE", 100)
QR_TARGET_MIN_SIDE: int = getattr(settings, "NEWMEDIA_QR_TARGET_MIN_SIDE", 300)
QR_MAX_SIDE: int = getattr(settings, "NEWMEDIA_QR_MAX_SIDE", 1024)

# How many accounts the home page strip shows.
HOME_STRIP_SIZE: int = getattr(settings, "NEWMEDIA_HOME_STRIP_SIZE", 8)
