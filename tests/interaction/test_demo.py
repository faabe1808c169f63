"""The demo content builds through the services and is idempotent."""

import io

from interaction import demo
from interaction.models import Consultation, Correction, Message
from portal import demo as portal_demo


def test_demo_content_is_built_once(db):
    out = io.StringIO()
    portal_demo.seed(out)
    demo.seed(out)
    counts = (Message.objects.count(), Correction.objects.count(), Consultation.objects.count())
    demo.seed(out)
    assert (Message.objects.count(), Correction.objects.count(), Consultation.objects.count()) == counts
    assert Message.objects.published().count() == 3
    assert {c.phase() for c in Consultation.objects.all()} == {"open", "feedback"}
    assert Correction.objects.filter(status="forwarded").exists()
