from portal.apps import NavLink, ProductAppConfig


class ServicesGuideConfig(ProductAppConfig):
    name = "services_guide"
    verbose_name = "办事服务"
    public_nav = (NavLink("办事服务", "services_guide:index", 35),)
    staff_nav = (NavLink("办事指南", "services_guide:staff_list", 25),)
    footer_links = (NavLink("办事服务", "services_guide:index", 25),)
    demo_order = 50

    def ready(self) -> None:
        from portal import home, organization_page, workbench
        from services_guide import blocks

        home.register("services_guide", blocks.home_block)
        organization_page.register("services_guide", blocks.organization_block)
        workbench.register("services_guide", blocks.workbench_sections)
