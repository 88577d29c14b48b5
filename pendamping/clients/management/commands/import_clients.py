"""python manage.py import_clients PATH --as USERNAME [--report REJECTED.csv]"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from pendamping import csvcells
from pendamping.clients.importer import CHUNK, ImportFileError, import_clients


class Command(BaseCommand):
    help = (
        "Import clients from CSV or XLSX (columns in pendamping/clients/importer.py) into "
        "the agency of the user given with --as. Valid rows are written in chunks, one "
        "transaction each; running the same file again resumes after the last chunk."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--as", dest="username", required=True, help="who registers them")
        parser.add_argument("--chunk", type=int, default=CHUNK)
        parser.add_argument("--report", help="write the refused rows to this CSV file")

    def handle(self, *args, path, username, chunk, report, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(_("%(path)s: berkas tidak ada") % {"path": path})
        actor = get_user_model().objects.filter(username=username, is_active=True).first()
        if actor is None:
            raise CommandError(
                _("%(user)s: tidak ada pengguna aktif dengan nama ini") % {"user": username}
            )
        bar = tqdm(unit=" rows", disable=options.get("verbosity", 1) < 1)
        try:
            result = import_clients(source, actor=actor, chunk=max(1, chunk), progress=bar.update)
        except ImportFileError as e:
            raise CommandError(str(e)) from None
        except PermissionDenied as e:
            raise CommandError(f"{username}: {e}") from None
        finally:
            bar.close()
        if result.skipped:
            self.stdout.write(
                _("Dilanjutkan setelah baris %(row)s (sudah diimpor sebelumnya).")
                % {"row": result.skipped + 1}
            )
        self.stdout.write(
            _("%(total)s baris: %(created)s klien dibuat, %(rejected)s baris ditolak.")
            % {"total": result.total, "created": result.created, "rejected": len(result.rejected)}
        )
        for r in result.rejected[:50]:
            self.stdout.write(
                "  " + _("baris %(row)s: %(reason)s") % {"row": r.row, "reason": r.reason}
            )
        if len(result.rejected) > 50:
            more = len(result.rejected) - 50
            self.stdout.write(
                "  " + ngettext("… dan %(n)s lagi", "… dan %(n)s lagi", more) % {"n": more}
            )
        if report:
            with open(report, "w", newline="", encoding="utf-8") as fh:
                writer = csvcells.writer(fh)
                writer.writerow(["row", "full_name", "reason"])
                # every refused row of the import, also those of an earlier run that
                # stopped half-way (the database keeps them; result.rejected is this run's)
                refused = result.run.rejections.order_by("row").values_list("row", "name", "reason")
                writer.writerows(csvcells.row(r) for r in refused.iterator(chunk_size=2000))
            self.stdout.write(_("Baris yang ditolak ditulis ke %(path)s.") % {"path": report})
