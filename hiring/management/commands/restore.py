"""`manage.py restore ARCHIVE`: put a backup back into an empty database and empty storage,
then run the apps' checks on the restored copy (e-signatures, the signing trail, files
named by rows) and print a summary. Exits non-zero when anything is wrong; warnings (a
missing file the app rebuilds or discards) do not count."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hiring import backups


class Command(BaseCommand):
    help = "Restore a backup archive into an empty database and empty storage."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="An archive made by manage.py backup.")

    def handle(self, *args: Any, archive: Path, **options: Any) -> None:
        try:
            report = backups.backup_restore(archive=archive, say=self.stdout.write)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from exc
        files = ", ".join(f"{alias}: {count}" for alias, count in report.files.items())
        self.stdout.write(f"Restored the {report.engine} database and "
                          f"{backups.plural(sum(report.files.values()), 'file')} ({files}).")
        if report.pending_migrations:
            self.stdout.write(self.style.WARNING(
                f"The archive predates {backups.plural(report.pending_migrations, 'migration')}"
                " of this code: "
                "run `manage.py migrate` before starting the app."))
        for label, count in backups.restore_summary(report=report).items():
            self.stdout.write(f"  {label}: {count}")
        warnings = report.warnings
        if warnings:  # harmless: files the app rebuilds or discards anyway
            self.stdout.write(self.style.WARNING(f"Warnings: {len(warnings)}"))
            for warning in warnings:
                self.stdout.write(f"  {warning}")
        problems = report.problems
        self.stdout.write(f"Problems found: {len(problems)}")
        for problem in problems:
            self.stderr.write(f"  {problem}")
        if problems:
            raise CommandError(f"The restored copy has {backups.plural(len(problems), 'problem')}"
                               " (listed above).")
