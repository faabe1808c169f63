from portal.apps import NavLink, ProductAppConfig


class InteractionConfig(ProductAppConfig):
    name = "interaction"
    verbose_name = "政民互动"
    public_nav = (NavLink("政民互动", "interaction:message_list", 50),)
    staff_nav = (NavLink("政民互动", "interaction:staff_message_list", 30),)
    footer_links = (NavLink("我要纠错", "interaction:correction_new", 30, page_param="url"),)
    demo_order = 30

    def ready(self) -> None:
        from portal import home, workbench, workdays

        from . import blocks, services

        workdays.register_recompute("interaction", services.recompute_due_dates)
        workbench.register("interaction", blocks.workbench_sections)
        home.register("interaction", blocks.home_block)
