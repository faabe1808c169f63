from portal.apps import NavLink, ProductAppConfig


class NewmediaConfig(ProductAppConfig):
    name = "newmedia"
    verbose_name = "政务新媒体"
    public_nav = (NavLink("政务新媒体", "newmedia:directory", 60),)
    staff_nav = (NavLink("政务新媒体", "newmedia:staff_index", 40),)
    demo_order = 40

    def ready(self) -> None:
        from newmedia import blocks, services
        from portal import home, workbench, workdays

        workdays.register_recompute("newmedia", services.recompute_due_dates)
        workbench.register("newmedia", blocks.workbench_sections)
        home.register("newmedia", blocks.home_block)
