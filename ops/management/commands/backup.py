from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops import backup, crypto


class Command(BaseCommand):
    help = "Back up the database, the uploaded files and the site settings into one dated, checksummed archive."

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", type=Path, help="folder for the archive (default: BACKUP_DIR)")
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--encrypt", action="store_true", default=None, help="encrypt (needs BACKUP_ENCRYPTION_KEY)")
        group.add_argument("--no-encrypt", dest="encrypt", action="store_false", help="do not encrypt")
        parser.add_argument("--prune", action="store_true", help="then delete archives past the retention rule")
        parser.add_argument("--generate-key", action="store_true", help="print a new BACKUP_ENCRYPTION_KEY and exit")

    def handle(self, *args, **options):
        if options["generate_key"]:
            self.stdout.write(crypto.generate_key())
            return
        try:
            result = backup.backup(options["output_dir"], encrypt=options["encrypt"])
        except (backup.BackupError, crypto.BackupKeyError) as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(result.tables.values())
        self.stdout.write(
            f"{result.path}\n  {result.size / 1024**2:.1f} MB, {len(result.tables)} 张表 {rows} 行, "
            f"{result.files} 个文件, {result.seconds:.1f} 秒\n  SHA-256 {result.sha256}"
        )
        if options["prune"]:
            for path in backup.prune(options["output_dir"]):
                self.stdout.write(f"  已删除过期备份 {path.name}")
