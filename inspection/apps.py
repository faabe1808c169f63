from portal.apps import NavLink, ProductAppConfig


class InspectionConfig(ProductAppConfig):
    """网站自查: the nightly self-inspection of the site against the national website check. It reads the domain
    apps through their selectors; no domain app imports it."""

    name = "inspection"
    verbose_name = "网站自查"
    staff_nav = (NavLink("网站自查", "inspection:dashboard", 90),)
    demo_order = 90  # after the domain apps: it inspects their demo content

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from inspection import services, tasks, wording  # noqa: F401 - tasks: registered in every process
        from portal import review_warnings

        # The wording check at 初审: warnings in the review form (the document's app does not know this app).
        review_warnings.register("inspection.wording", wording.check_document)
        # Editing a page clears what the last night found on it; the next night reads it again.
        for model in services.PAGE_MODELS:
            post_save.connect(services.page_saved, sender=model, dispatch_uid=f"inspection.page_saved.{model}")
