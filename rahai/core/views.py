from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def home(request):
    return render(request, "core/home.html", {})


def not_found(request, exception=None):
    return render(request, "core/404.html", status=404)


def server_error(request):
    # No context: nothing from the failed request (and so no personal data) reaches the page.
    return render(request, "core/500.html", status=500)
