from django.apps import AppConfig


class NewmediaConfig(AppConfig):
    name = "newmedia"
    verbose_name = "政务新媒体"

    def ready(self) -> None:
        from newmedia import services, views
        from portal import home, workbench, workdays

        workdays.register_recompute("newmedia", services.recompute_due_dates)
        workbench.register("newmedia", views.workbench_sections)
        home.register("newmedia", views.home_block)
