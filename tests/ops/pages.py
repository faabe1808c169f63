"""Render a few pages with Django's test client and report, for each, its status and which expected strings it
holds. Run in another process against a restored database:

    python -m tests.ops.pages '[["/", ["标题"], null], ["/staff/requests/", ["编号"], "gongkai1"]]'

Each entry is [path, expected strings, username to log in as or null]; prints {path: [status, [found ...]]}."""

import json
import os
import sys


def check(pages: list) -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client

    results = {}
    for path, expected, username in pages:
        client = Client()
        if username:
            client.force_login(get_user_model().objects.get(username=username))
        response = client.get(path)
        html = response.content.decode()
        results[path] = [response.status_code, [text in html for text in expected]]
    return results


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    print(json.dumps(check(json.loads(sys.argv[1])), ensure_ascii=False))
