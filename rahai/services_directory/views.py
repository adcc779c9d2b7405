"""The service directory for staff, and its public subset for callers and the public page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from rahai.services_directory.forms import DirectorySearchForm
from rahai.services_directory.selectors import offerings, provider_map


def _search(request, *, public_only: bool) -> dict:
    form = DirectorySearchForm(request.GET or None)
    service, district = "", None
    if form.is_valid():
        service = form.cleaned_data["service"]
        district = form.cleaned_data["district"]
    found = list(offerings(service=service, district=district, public_only=public_only))
    return {
        "form": form,
        "offerings": found,
        # The map is for staff: the public page does not point at where providers are.
        "map": None if public_only else provider_map(found, district),
        "district": district,
        "public_only": public_only,
    }


@login_required
def directory(request):
    context = _search(request, public_only=False)
    template = "services_directory/directory.html"
    if request.htmx and request.htmx.target == "directory-results":
        return render(request, template + "#results", context)
    return render(request, template, context)


def public_directory(request):
    """No sign-in: only offerings marked public, and of them only what a caller may be told."""
    context = _search(request, public_only=True)
    template = "services_directory/public.html"
    if request.htmx and request.htmx.target == "directory-results":
        return render(request, template + "#results", context)
    return render(request, template, context)
