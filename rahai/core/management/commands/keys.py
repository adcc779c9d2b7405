from django.core.management.base import BaseCommand

from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record
from rahai.core import crypto
from rahai.core.keyrotation import rotate


class Command(BaseCommand):
    help = (
        "Encryption keys. `generate` prints a new data key entry; `rotate` re-encrypts every "
        "value sealed with an older key using the first key in RAHAI_DATA_KEYS (run it after "
        "putting a new key first, keeping the old ones after it until it finishes)."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        gen = sub.add_parser("generate", help="print a new key as id:base64 for RAHAI_DATA_KEYS")
        gen.add_argument("--id", default="", help="key id (default: k<timestamp>)")
        rot = sub.add_parser("rotate", help="re-encrypt all personal data with the current key")
        rot.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, action, **options):
        if action == "generate":
            from django.utils import timezone

            key_id = options["id"] or "k" + timezone.now().strftime("%Y%m%d%H%M")
            self.stdout.write(f"{key_id}:{crypto.generate_key()}")
            return
        current = crypto.keyring().current_id
        changed = rotate(
            batch_size=options["batch_size"], progress=lambda msg: self.stderr.write(msg)
        )
        audit_record(
            action=AuditAction.SYSTEM,
            object_type="keys",
            actor_label="rahai keys rotate",
            details={"current_key": current, "values": changed},
        )
        self.stdout.write(
            self.style.SUCCESS(f"Re-encrypted {changed} values with key {current!r}.")
        )
