import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
application = get_wsgi_application()

# Compiled templates and the URL resolver before the first request (in the gunicorn master before it forks).
from portal import warmup  # noqa: E402

warmup.warm()
