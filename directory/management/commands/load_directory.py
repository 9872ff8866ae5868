"""``manage.py load_directory [--file PATH]``: load the curated partner file.

Safe to repeat: creates missing organisations and offices (matched by ``source_key``), fills
only fields that are still empty, never overwrites what staff typed (docs/directory.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.loader import DEFAULT_FILE, DirectoryFileError, load_directory


class Command(BaseCommand):
    help = (
        "Load the curated partner directory file. Idempotent: creates what is missing, fills "
        "empty fields, never overwrites staff edits."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file",
            type=Path,
            default=DEFAULT_FILE,
            help=f"The JSON file to load (default: {DEFAULT_FILE.name}).",
        )

    def handle(self, *args, file: Path, **options):
        try:
            report = load_directory(file)
        except (OSError, ValueError, KeyError, DirectoryFileError) as error:
            raise CommandError(f"The directory file could not be loaded: {error}") from error
        style = self.style.SUCCESS if report.changed else self.style.NOTICE
        self.stdout.write(style(f"Partner directory: {report.summary()}."))
