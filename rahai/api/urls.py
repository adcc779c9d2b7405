from django.urls import path, re_path

from rahai.api.api import api
from rahai.api.errors import not_found_view

urlpatterns = [
    path("", api.urls),
    # Anything else under /api/ is a problem+json 404 too, not the web UI's HTML page.
    re_path(r"^.*$", not_found_view),
]
