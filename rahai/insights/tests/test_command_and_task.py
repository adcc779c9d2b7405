"""`rahai insights fill|status` and the django-tasks task behind the "update now" button."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from rahai.insights.models import Count, FillState
from rahai.insights.selectors import Filters, total

pytestmark = pytest.mark.django_db


def test_the_command_fills_and_reports(generated):
    out = io.StringIO()
    call_command("insights", "fill", "--quiet", stdout=out)
    assert "cases:" in out.getvalue() and "contacts:" in out.getvalue()
    assert total("cases", Filters()) == len(generated) + 1  # and the World's case
    out = io.StringIO()
    call_command("insights", "status", stdout=out)
    assert "victims" in out.getvalue() and "idle" in out.getvalue()


def test_the_command_rebuilds_one_statistic(generated):
    call_command("insights", "fill", "--quiet", stdout=io.StringIO())
    out = io.StringIO()
    call_command("insights", "fill", "--rebuild", "--statistic", "routes", "--quiet", stdout=out)
    assert "cases:" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("insights", "fill", "--statistic", "routes", stdout=io.StringIO())


def test_the_update_button_runs_the_fill_job(world, login, django_capture_on_commit_callbacks):
    client = login(world.analyst)
    assert not Count.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("insights:refresh"))
    assert response.status_code == 302
    assert Count.objects.filter(statistic="cases").exists()
    assert set(FillState.objects.values_list("status", flat=True)) == {FillState.Status.IDLE}


def test_only_analysts_and_supervisors_may_start_it(world, login):
    assert login(world.owner).post(reverse("insights:refresh")).status_code == 403
