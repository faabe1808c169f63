from django.apps import AppConfig


class InteractionConfig(AppConfig):
    name = "interaction"
    verbose_name = "政民互动"

    def ready(self) -> None:
        from portal import home, workbench, workdays

        from . import services, views_blocks

        workdays.register_recompute("interaction", services.recompute_due_dates)
        workbench.register("interaction", views_blocks.workbench_sections)
        home.register("interaction", views_blocks.home_block)
