from portal.apps import NavLink, ProductAppConfig


class EngagementConfig(ProductAppConfig):
    name = "engagement"
    verbose_name = "解读回应"
    # One place in the header (beside 政民互动); 回应关切 is in the footer and linked from the interview pages.
    public_nav = (NavLink("在线访谈", "engagement:interviews", 55),)
    staff_nav = (
        NavLink("舆情回应", "engagement:staff_concerns", 40),
        NavLink("在线访谈", "engagement:staff_interviews", 41),
    )
    footer_links = (NavLink("回应关切", "engagement:responses", 45),)
    demo_order = 60

    def ready(self) -> None:
        from engagement import blocks
        from portal import workbench

        workbench.register("engagement", blocks.workbench_sections)
