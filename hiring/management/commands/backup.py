"""`manage.py backup [--output PATH]`: one archive of the database and every stored file
(hiring/backups.py). `manage.py backup --check ARCHIVE` verifies an archive's checksums and
says what it holds, without restoring anything."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hiring import backups


class Command(BaseCommand):
    help = "Write a backup archive (database and files), or check one with --check."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output",
                            help="The archive's file, or a folder for it "
                                 "(default: var/backups/hiring-<UTC time>.tar).")
        parser.add_argument("--check", type=Path, metavar="ARCHIVE",
                            help="Verify this archive's checksums and list what it holds.")

    def handle(self, *args: Any, output: str | None, check: Path | None, **options: Any
               ) -> None:
        try:
            if check is not None:
                manifest = backups.backup_check(path=check)
                for line in backups.backup_describe(manifest=manifest):
                    self.stdout.write(line)
                self.stdout.write(self.style.SUCCESS(
                    f"All {len(manifest.members)} checksums match."))
                return
            path, manifest = backups.backup_create(output=output, say=self.stdout.write)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from exc
        for line in backups.backup_describe(manifest=manifest):
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"Wrote {path}"))
