from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops import backup, crypto


class Command(BaseCommand):
    help = (
        "Restore an archive made by `backup` into an EMPTY database and empty media folders (the ones the "
        "environment names), check every checksum and row count, apply newer migrations and rebuild the search index."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--no-index", action="store_true", help="skip rebuild_index (run it yourself later)")

    def handle(self, *args, **options):
        archive = options["archive"]
        if not archive.is_file():
            raise CommandError(f"找不到备份文件 {archive}")
        try:
            result = backup.restore(archive, rebuild_index=not options["no_index"], log=self.stdout.write)
        except (backup.BackupError, crypto.BackupKeyError) as exc:
            raise CommandError(str(exc)) from exc
        timings = ", ".join(f"{k} {v:.1f} 秒" for k, v in result.seconds.items())
        self.stdout.write(
            f"恢复完成：{len(result.tables)} 张表 {sum(result.tables.values())} 行, {result.files} 个文件（{timings}）"
        )
