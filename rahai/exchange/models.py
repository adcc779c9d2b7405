"""Exchange with partners: saved column mappings, import batches and the import keys that make
re-importing a file create nothing new."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rahai.cases.models import Case
from rahai.core.fields import EncryptedTextField
from rahai.orgs.models import Organisation
from rahai.people.models import Person


class ImportMapping(models.Model):
    """How one source's spreadsheets map onto Rahai: file column → Rahai field, and per field
    the file's values → Rahai's codes (e.g. gender "M", "F", "مرد")."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=80)
    source = models.CharField(
        _("source"),
        max_length=80,
        help_text=_("The agency or system the files come from; part of every import key."),
    )
    columns = models.JSONField(_("columns"), default=dict, blank=True)
    value_maps = models.JSONField(_("value maps"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="unique_import_mapping_name"
            )
        ]
        verbose_name = _("import mapping")

    def __str__(self) -> str:
        return self.name


class ImportKind(models.TextChoices):
    SPREADSHEET = "spreadsheet", _("Spreadsheet (CSV or XLSX)")
    HTCDS = "htcds", _("HTCDS 2.0 JSON")


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded")
    CHECKED = "checked", _("Checked")
    COMMITTED = "committed", _("Imported")
    FAILED = "failed", _("Refused")


class ImportBatch(models.Model):
    """One uploaded file. Its content is kept encrypted until it is imported, then erased."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    mapping = models.ForeignKey(
        ImportMapping, on_delete=models.SET_NULL, null=True, blank=True, related_name="batches"
    )
    kind = models.CharField(max_length=16, choices=ImportKind.choices)
    filename = EncryptedTextField(_("file name"), blank=True)
    content = EncryptedTextField(blank=True)  # base64 of the file; erased after the import
    digest = models.CharField(max_length=40)  # keyed digest of the file
    status = models.CharField(
        max_length=16, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_created = models.PositiveIntegerField(default=0)
    rows_skipped = models.PositiveIntegerField(default=0)
    rows_invalid = models.PositiveIntegerField(default=0)
    candidates = models.PositiveIntegerField(default=0)
    persons_total = models.PositiveIntegerField(default=0)  # distinct persons in the file
    persons_created = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)  # never holds a value from the file
    # Rows of one person that disagree with an earlier row of theirs (the earlier value is
    # kept); like the problems, never a value from the file.
    conflicts = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    committed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")

    def __str__(self) -> str:
        return f"import {self.pk}"


class ImportedRecord(models.Model):
    """An import key already used: a row (→ the person created) or a case (→ the case)."""

    class Kind(models.TextChoices):
        CASE = "case", _("Case")
        ROW = "row", _("Row")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    key = models.CharField(max_length=40)
    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="records")
    case = models.ForeignKey(Case, on_delete=models.SET_NULL, null=True, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "key"], name="unique_imported_record_key"
            )
        ]
