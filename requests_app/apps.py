from django.apps import AppConfig


class RequestsAppConfig(AppConfig):
    name = "requests_app"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from portal import home, workbench, workdays
        from requests_app import services
        from requests_app.views import home_block, workbench_sections

        # DESIGN §4-5: a change to the calendar's override table moves the due dates of open applications.
        workdays.register_recompute("requests_app", services.recompute_for_calendar)
        workbench.register("requests_app", workbench_sections)
        home.register("requests_app", home_block)
