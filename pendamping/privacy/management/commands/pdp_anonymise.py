"""``manage.py pdp_anonymise CLIENT_ID --as USERNAME --reason CODE|TEXT [--note TEXT]``: the admin's
erasure from the command line, through the same service as the page and the API, so
it refuses what they refuse (another agency's client, a user who is not its admin, an
open case or another legal hold, a note that names the client). A reason that is not
one of the codes is taken as the note of the reason "other", as the command was first
written (``--reason TEXT``)."""

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from pendamping.accounts.models import User
from pendamping.privacy import erasure
from pendamping.privacy.erasure_models import Erasure
from pendamping.privacy.models import SubjectRequest


class Command(BaseCommand):
    help = "Anonymise a client (UU 27/2022 art. 43), as the agency's admin; refused as the page refuses."

    def add_arguments(self, parser):
        parser.add_argument("client_id", type=int)
        parser.add_argument("--as", dest="username", required=True, help="the agency's admin")
        parser.add_argument("--reason", required=True,
                            help=f"the ground of the erasure (UU 27/2022): one of "
                                 f"{', '.join(Erasure.Reason.values)}, or a text (then: other)")  # fmt: skip
        parser.add_argument("--note", default="", help="more on why (no name, NIK or phone)")
        parser.add_argument("--basis", choices=Erasure.Basis.values, default="decision")
        parser.add_argument("--request", type=int, dest="request_id",
                            help="the erasure request (SubjectRequest) this answers")  # fmt: skip

    def handle(self, *args, client_id, username, reason, note, basis, request_id, **options):
        if reason not in Erasure.Reason.values:
            reason, note = Erasure.Reason.OTHER, " ".join(x for x in (reason, note) if x)
        actor = User.objects.filter(username=username, is_active=True).first()
        if actor is None:
            raise CommandError(f"No active user {username!r}.")
        with translation.override(actor.language or None):
            self._anonymise(actor, client_id, reason, note, basis, request_id)

    def _anonymise(self, actor, client_id, reason, note, basis, request_id):
        Client = apps.get_model("clients", "Client")
        client = Client._base_manager.filter(pk=client_id).first()
        if client is None:
            raise CommandError(f"No client {client_id}.")
        wanted = None
        if request_id is not None:
            wanted = SubjectRequest.objects.filter(pk=request_id).first()
            if wanted is None:
                raise CommandError(f"No subject request {request_id}.")
        try:
            made = erasure.anonymise(client, actor=actor, reason=reason, note=note, basis=basis,
                                     subject_request=wanted, via="command")  # fmt: skip
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
        except ValidationError as exc:
            lines = [m for ms in exc.message_dict.values() for m in ms]
            raise CommandError("\n".join(lines)) from None
        self.stdout.write(
            f"Client {client_id} anonymised as {client.full_name} "
            f"(erasure {made.pk}, {made.files_deleted} files)."
        )
        for line in erasure.report_lines(made):
            self.stdout.write(line)
