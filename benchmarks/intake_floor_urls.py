"""Rahai's URLs plus ``POST /floor/sms`` (``intake_floor.floor_view``; benchmark only)."""

from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from intake_floor import floor_view

from rahai.urls import urlpatterns as rahai_urlpatterns

urlpatterns = [path("floor/sms", csrf_exempt(floor_view)), *rahai_urlpatterns]
