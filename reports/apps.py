from portal.apps import NavLink, ProductAppConfig


class ReportsConfig(ProductAppConfig):
    name = "reports"
    verbose_name = "政府信息公开工作年度报告"
    staff_nav = (NavLink("信息公开年度报告", "reports:staff_index", 62),)
    demo_order = 95  # after the domain apps and evaluation: its reports are made of their content

    def ready(self) -> None:
        from portal import workbench
        from reports import blocks, tasks  # noqa: F401 - tasks: registered by name in every process

        workbench.register("reports", blocks.workbench_sections)
