"""The law in one place (``/laws/``): every law with its sections and penalties, searchable.

Reference data with no personal data: every signed-in user may read it, analysts included.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from rahai.justice.forms_laws import LawSearchForm
from rahai.justice.selectors_laws import law_book

RESULTS_TARGET = "law-results"


@login_required
def law_list(request):
    form = LawSearchForm(request.GET)
    search = form.search()
    groups = law_book(**search)
    partial = bool(request.htmx and request.htmx.target == RESULTS_TARGET)
    context = {
        "form": form,
        "groups": groups,
        "searching": bool(search["q"] or search["theme"]),
        "law_count": sum(len(group.laws) for group in groups),
        "offence_count": sum(group.offence_count for group in groups),
        "partial": partial,
    }
    template = "justice/laws.html"
    return render(request, template + "#results" if partial else template, context)
