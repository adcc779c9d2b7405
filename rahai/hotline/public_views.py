"""The public reporting pages: /report and /report/status. No sign-in, no external assets."""

from __future__ import annotations

import logging
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from rahai.audit.services import client_ip
from rahai.core import ratelimit
from rahai.core.forms import apply_service_errors
from rahai.hotline.access import contact_by_reference_and_pin
from rahai.hotline.codes import normalise_reference
from rahai.hotline.forms import AddInformationForm, PublicReportForm, StatusForm
from rahai.hotline.intake import ReportData, Upload, status_add_information, web_report_submit
from rahai.hotline.models import ContactStatus

logger = logging.getLogger(__name__)


def _language(request) -> str:
    lang = request.POST.get("lang") or request.GET.get("lang") or "ur"
    return lang if lang in {"ur", "en"} else "ur"


def _render(request, template: str, context: dict, status: int = 200):
    lang = context["lang"]
    with translation.override(lang):
        response = render(request, template, context, status=status)
    response["Content-Language"] = lang
    response["Referrer-Policy"] = "same-origin"  # no-referrer would make browsers send Origin: null
    return response


@never_cache
def report(request):
    lang = _language(request)
    with translation.override(lang):
        if request.method != "POST":
            form = PublicReportForm(initial={"submission": secrets.token_urlsafe(24)})
            return _render(request, "hotline/public/report.html", {"form": form, "lang": lang})
        form = PublicReportForm(request.POST, request.FILES or None)
        if request.POST.get("website"):
            # Honeypot filled: a bot. Answer as if nothing happened, store nothing.
            form = PublicReportForm(initial={"submission": secrets.token_urlsafe(24)})
            return _render(request, "hotline/public/report.html", {"form": form, "lang": lang})
        limit, window = settings.RAHAI_REPORT_LIMIT
        report_data = uploads = contact = None
        if form.is_valid():
            data = form.cleaned_data
            uploads = [
                Upload(f.name, f.content_type or "", f.read())
                for f in request.FILES.getlist("attachments")
            ]
            report_data = ReportData(
                narrative=data["narrative"],
                district=data["district"],
                country=data["country"],
                place=data["place"],
                when_text=data["when_text"],
                persons_at_risk=data["persons_at_risk"],
                children_involved=data["children_involved"],
                immediate_danger=data["immediate_danger"],
                caller_type=data["caller_type"] or "unknown",
                reporter_name=data["reporter_name"],
                reporter_phone=data["reporter_phone"],
                reporter_email=data["reporter_email"],
                language=lang,
                submission_key=data["submission"],
            )
        try:
            # One transaction, one durable commit: this connection's counter and the report.
            with transaction.atomic():
                over = ratelimit.hit("report-ip", client_ip(request), window=window) > limit
                if not over and report_data is not None:
                    try:
                        contact, pin = web_report_submit(data=report_data, uploads=uploads)
                    except ValidationError as exc:
                        apply_service_errors(form, exc)
        except DatabaseError:
            logger.exception("a web report could not be stored")
            form.add_error(
                None,
                _(
                    "Your report could not be saved just now. Nothing was lost from this page: please press Send again."
                ),
            )
            return _render(
                request, "hotline/public/report.html", {"form": form, "lang": lang}, status=503
            )
        if over:
            form.add_error(
                None,
                _(
                    "Too many reports from this connection. Please wait an hour, or call 15 if someone is in danger."
                ),
            )
            return _render(
                request, "hotline/public/report.html", {"form": form, "lang": lang}, status=429
            )
        if contact is not None:
            return _render(
                request,
                "hotline/public/received.html",
                {"reference": contact.reference, "pin": pin, "lang": lang},
            )
        return _render(
            request, "hotline/public/report.html", {"form": form, "lang": lang}, status=400
        )


COARSE_STATUS = {
    ContactStatus.NEW: "received",
    ContactStatus.IN_PROGRESS: "being_handled",
    ContactStatus.CLOSED: "closed",
}


@never_cache
def report_status(request):
    """Reference + PIN → a coarse status, and a box to add information. Never case details."""
    lang = _language(request)
    with translation.override(lang):
        context = {"lang": lang, "form": StatusForm(), "status": None}
        if request.method != "POST":
            return _render(request, "hotline/public/status.html", context)
        limit, window = settings.RAHAI_STATUS_LIMIT
        if ratelimit.hit("status-ip", client_ip(request), window=window) > limit:
            context["error"] = _(
                "Too many attempts from this connection. Please try again in an hour."
            )
            return _render(request, "hotline/public/status.html", context, status=429)
        adding = "text" in request.POST
        form = AddInformationForm(request.POST) if adding else StatusForm(request.POST)
        if not form.is_valid():
            context["form"] = form if not adding else StatusForm()
            return _render(request, "hotline/public/status.html", context, status=400)
        reference = normalise_reference(form.cleaned_data["reference"])
        contact = contact_by_reference_and_pin(reference, form.cleaned_data["pin"])
        if contact is None:
            context["form"] = StatusForm(initial={"reference": reference})
            context["error"] = _("We could not find a report with this reference code and PIN.")
            return _render(request, "hotline/public/status.html", context, status=404)
        if adding:
            try:
                status_add_information(contact=contact, text=form.cleaned_data["text"])
                context["added"] = True
            except ValidationError as exc:
                context["error"] = " ".join(exc.messages)
        status = COARSE_STATUS.get(contact.status, "received")
        if contact.case_id and status == "received":
            status = "being_handled"
        context.update(
            {
                "status": status,
                "reference": reference,
                "add_form": AddInformationForm(
                    initial={"reference": reference, "pin": form.cleaned_data["pin"]}
                ),
            }
        )
        return _render(request, "hotline/public/status.html", context)
