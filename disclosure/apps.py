from portal.apps import NavLink, ProductAppConfig


class DisclosureConfig(ProductAppConfig):
    name = "disclosure"
    verbose_name = "政府信息公开"
    public_nav = (
        NavLink("政务要闻", "disclosure:column", 10, {"slug": "zwyw"}),
        NavLink("通知公告", "disclosure:column", 20, {"slug": "tzgg"}),
        NavLink("政府信息公开", "disclosure:platform", 30),
    )
    staff_nav = (NavLink("信息发布与审核", "disclosure:staff_list", 10),)
    footer_links = (NavLink("政府信息公开", "disclosure:platform", 20),)
    demo_order = 10

    def ready(self) -> None:
        from disclosure import blocks, services
        from portal import home, workbench, workdays

        workdays.register_recompute("disclosure", services.recompute_due_dates)
        workbench.register("disclosure", blocks.workbench_sections)
        home.register("disclosure", blocks.home_block)
        home.register("disclosure.picture_news", blocks.picture_news_block)
