from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = "政府信息公开"

    def ready(self) -> None:
        from disclosure import blocks, services
        from portal import home, workbench, workdays

        workdays.register_recompute("disclosure", services.recompute_due_dates)
        workbench.register("disclosure", blocks.workbench_sections)
        home.register("disclosure", blocks.home_block)
