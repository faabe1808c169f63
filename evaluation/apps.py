from portal.apps import NavLink, ProductAppConfig


def _office(user) -> bool:
    return user.is_office_staff


class EvaluationConfig(ProductAppConfig):
    name = "evaluation"
    verbose_name = "通报、考核与网站年度报表"
    staff_nav = (
        NavLink("通报与考核", "evaluation:staff_index", 60),
        NavLink("访问统计", "evaluation:staff_visits", 61, visible=_office),
    )
    footer_links = (NavLink("网站工作报表", "evaluation:public_index", 60),)
    demo_order = 90  # after the domain apps: its 通报 and visits are made of their content

    def ready(self) -> None:
        from evaluation import blocks, tasks  # noqa: F401 - tasks: registered by name in every process
        from portal import workbench

        workbench.register("evaluation", blocks.workbench_sections)
