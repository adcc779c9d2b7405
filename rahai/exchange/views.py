"""Exchange pages: HTCDS export, and importing a file (upload → mapping → dry run → commit).

Views parse and delegate to ``rahai.exchange.services``; mappings and batches are fetched only
through ``rahai.exchange.access`` (another organisation's are a 404).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rahai.audit.services import client_ip
from rahai.cases.selectors import CaseFilters
from rahai.core.forms import apply_service_errors
from rahai.exchange import services
from rahai.exchange.access import (
    access_batch,
    access_mapping,
    can_export,
    can_import,
    visible_batches,
    visible_mappings,
)
from rahai.exchange.forms import ExportForm, MappingForm, UploadForm, value_maps_text
from rahai.exchange.importer import FIELDS, guess_columns
from rahai.exchange.models import ImportKind, ImportStatus
from rahai.exchange.reading import FileProblem


def _require(allowed: bool) -> None:
    if not allowed:
        raise Http404


@login_required
def index(request):
    _require(can_export(request.user) or can_import(request.user))
    return render(
        request,
        "exchange/index.html",
        {
            "batches": visible_batches(request.user).select_related("created_by", "mapping")[:50],
            "mappings": visible_mappings(request.user),
            "can_import": can_import(request.user),
        },
    )


@login_required
def export_cases(request):
    """The export form takes the case list's filters (a link from the list can carry them)."""
    _require(can_export(request.user))
    form = ExportForm(request.POST or request.GET or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        filters = CaseFilters(
            case_type=data["case_type"],
            status=data["status"],
            province=data["province"],
            district=data["district"],
            owner=data["owner"].pk if data["owner"] else None,
            opened_from=data["opened_from"],
            opened_to=data["opened_to"],
        )
        exported = services.export_htcds(
            user=request.user,
            fmt=data["format"],
            filters=filters,
            personal=data["personal"],
            ip_address=client_ip(request),
        )
        response = HttpResponse(exported.content, content_type=exported.content_type)
        response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
        return response
    if request.method == "GET" and not (request.GET and form.is_valid()):
        form = ExportForm(initial={"format": "json", "personal": True, **request.GET.dict()})
    return render(request, "exchange/export.html", {"form": form})


@login_required
def upload(request):
    _require(can_import(request.user))
    form = UploadForm(
        request.POST or None, request.FILES or None, mappings=visible_mappings(request.user)
    )
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            batch = services.import_upload(
                user=request.user,
                data=upload_file.read(),
                filename=upload_file.name,
                mapping=form.cleaned_data["mapping"],
            )
        except FileProblem as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("exchange:batch", batch_id=batch.pk)
    return render(request, "exchange/upload.html", {"form": form})


def _mapping_form(batch, header, data=None):
    mapping = batch.mapping
    columns = mapping.columns if mapping else guess_columns(header)
    initial = {f"col_{i}": columns.get(column, "") for i, column in enumerate(header)}
    if mapping:
        initial.update(
            name=mapping.name,
            source=mapping.source,
            value_maps=value_maps_text(mapping.value_maps),
        )
    return MappingForm(data, header=header, initial=initial)


def _batch_context(request, batch, *, form=None, checked=None):
    header = []
    if batch.content and batch.kind == ImportKind.SPREADSHEET:
        header = services.batch_header(batch)
    return {
        "batch": batch,
        "form": form or (_mapping_form(batch, header) if header else None),
        "problems": batch.problems,
        "checked": checked,
        "fields": FIELDS,
        "committed": batch.status == ImportStatus.COMMITTED,
    }


@login_required
def batch_detail(request, batch_id: int):
    batch = access_batch(request.user, batch_id)
    return render(request, "exchange/batch.html", _batch_context(request, batch))


@login_required
@require_POST
def batch_mapping(request, batch_id: int):
    batch = access_batch(request.user, batch_id)
    if batch.kind != ImportKind.SPREADSHEET or not batch.content:
        raise Http404
    header = services.batch_header(batch)
    form = _mapping_form(batch, header, request.POST)
    if form.is_valid():
        existing = batch.mapping
        if existing is not None and existing.name != form.cleaned_data["name"]:
            existing = visible_mappings(request.user).filter(name=form.cleaned_data["name"]).first()
        try:
            mapping = services.mapping_save(
                user=request.user,
                name=form.cleaned_data["name"],
                source=form.cleaned_data["source"],
                columns=form.columns(),
                value_maps=form.cleaned_data["value_maps"],
                mapping=existing,
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            batch.mapping = mapping
            batch.save(update_fields=["mapping"])
            messages.success(request, _("Mapping saved. Check the file to see every problem."))
            return redirect("exchange:batch", batch_id=batch.pk)
    return render(request, "exchange/batch.html", _batch_context(request, batch, form=form))


@login_required
@require_POST
def batch_check(request, batch_id: int):
    batch = access_batch(request.user, batch_id)
    try:
        checked = services.import_check(user=request.user, batch=batch)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("exchange:batch", batch_id=batch.pk)
    context = _batch_context(request, batch, checked=checked)
    if request.htmx:
        return render(request, "exchange/batch.html#report", context)
    return render(request, "exchange/batch.html", context)


@login_required
@require_POST
def batch_commit(request, batch_id: int):
    batch = access_batch(request.user, batch_id)
    try:
        batch = services.import_commit(user=request.user, batch=batch)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("exchange:batch", batch_id=batch.pk)
    if batch.status == ImportStatus.COMMITTED:
        messages.success(
            request,
            _(
                "Imported: %(created)d rows created, %(skipped)d already imported, "
                "%(candidates)d possible matches to review."
            )
            % {
                "created": batch.rows_created,
                "skipped": batch.rows_skipped,
                "candidates": batch.candidates,
            },
        )
    else:
        messages.error(request, _("Nothing was imported: fix the problems listed and try again."))
    return redirect("exchange:batch", batch_id=batch.pk)


@login_required
def mapping_edit(request, mapping_id: int):
    mapping = access_mapping(request.user, mapping_id)
    header = list(mapping.columns)
    initial = {
        "name": mapping.name,
        "source": mapping.source,
        "value_maps": value_maps_text(mapping.value_maps),
        **{f"col_{i}": mapping.columns[column] for i, column in enumerate(header)},
    }
    form = MappingForm(request.POST or None, header=header, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.mapping_save(
                user=request.user,
                name=form.cleaned_data["name"],
                source=form.cleaned_data["source"],
                columns=form.columns(),
                value_maps=form.cleaned_data["value_maps"],
                mapping=mapping,
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Mapping saved."))
            return redirect("exchange:index")
    return render(request, "exchange/mapping.html", {"form": form, "mapping": mapping})
