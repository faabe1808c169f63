from portal.apps import NavLink, ProductAppConfig


class RequestsAppConfig(ProductAppConfig):
    name = "requests_app"
    verbose_name = "依申请公开"
    public_nav = (NavLink("依申请公开", "requests_app:new", 40),)
    staff_nav = (NavLink("依申请公开", "requests_app:staff_list", 20),)
    demo_order = 20

    def ready(self) -> None:
        from portal import home, workbench, workdays
        from requests_app import services
        from requests_app.blocks import home_block, workbench_sections

        # A change to the working-day calendar's override table moves the due dates of open applications.
        workdays.register_recompute("requests_app", services.recompute_for_calendar)
        workbench.register("requests_app", workbench_sections)
        home.register("requests_app", home_block)
