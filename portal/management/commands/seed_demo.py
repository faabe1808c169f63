"""`manage.py seed_demo [--force] [--if-empty]`: build the demo county (portal.demo), then each app's demo content.

Idempotent: a second run finds everything present and changes nothing. Refuses to run with DEBUG off (a production
database) unless --force. ``--if-empty`` (used by `make run`) does nothing when any unit exists already."""

from __future__ import annotations

import traceback

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from portal import demo, pagecache, registry
from portal.models import Organization


class Command(BaseCommand):
    help = "生成演示数据：示范县的单位、各角色用户、网站信息，以及各栏目的演示内容（可重复运行）。"

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="DEBUG 关闭（生产环境）时也运行")
        parser.add_argument("--if-empty", action="store_true", help="数据库中已有单位时什么也不做")

    def handle(self, *args, force: bool = False, if_empty: bool = False, **options):
        if if_empty and Organization.objects.exists():
            self.stdout.write("数据库中已有单位数据，跳过演示数据生成（--if-empty）。")
            return
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG 已关闭（生产环境），拒绝写入演示数据。确需写入请加 --force。")
        # The demo's notifications go to invented addresses: keep them out of the console (or a real SMTP server).
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            demo.seed(self.stdout)
            failed = self._seed_apps()
        pagecache.bump()  # the demo writes some rows by bulk update, which sends no signal
        self.stdout.write("\n演示账号（密码仅用于演示，正式使用前请删除或修改）：")
        self.stdout.write(demo.users_table())
        if failed:
            raise CommandError(f"以下应用的演示数据生成失败（其余已完成）：{'、'.join(failed)}")
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。"))

    def _seed_apps(self) -> list[str]:
        """Each app's ``<app>/demo.py`` ``seed(stdout)``, in its own transaction: one app's failure does not undo
        another's data."""
        failed = []
        for app, module in registry.demo_modules():
            self.stdout.write(f"[{app}] 生成演示数据……")
            try:
                with transaction.atomic():
                    module.seed(self.stdout)
            except Exception:
                self.stderr.write(f"[{app}] 失败：\n{traceback.format_exc()}")
                failed.append(app)
            else:
                self.stdout.write(f"[{app}] 完成。")
        return failed
