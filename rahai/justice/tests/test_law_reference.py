"""The consolidated law is reference data: shipped as CSV, loaded by migration and by
``rahai load_reference``, only ever added to, and corrected by administrators in the admin."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from rahai.accounts.models import User
from rahai.geo.models import Province
from rahai.justice import reference
from rahai.justice.models import Law, LawTheme, Offence
from rahai.justice.reference import law_rows, load_laws, offence_rows
from rahai.testing import PASSWORD

pytestmark = pytest.mark.django_db


def load() -> dict[str, int]:
    return load_laws(Law, Offence, Province)


def ptpa_3() -> Offence:
    return Offence.objects.get(law__code="ptpa-2018", section="3")


def test_the_migration_loaded_every_shipped_law_and_section():
    assert Law.objects.count() == len(law_rows())
    assert Offence.objects.count() == len(offence_rows())
    offence = ptpa_3()
    assert offence.title == "Trafficking in persons"
    assert offence.penalty.startswith("Up to 7 years, or a fine up to Rs 1 million")
    assert offence.max_years == Decimal(7) and offence.max_fine_rs == 1_000_000
    assert offence.chargeable and not offence.needs_verification
    assert offence.law.citation == "Act XXXIV of 2018" and offence.law.province is None


def test_provincial_laws_name_their_province_and_doubtful_rows_are_marked():
    assert Law.objects.get(code="sindh-blsaa-2015").province.code == "SD"
    assert Law.objects.get(code="psma-2018").needs_verification
    assert Offence.objects.get(law__code="ppc-1860", section="374").needs_verification
    repealed = Offence.objects.get(law__code="ppc-1860", section="369-A")
    assert not repealed.chargeable and "PTPA 2018, section 15" in repealed.repealed_note


def test_every_shipped_row_passes_the_models_validation():
    for law in Law.objects.all():
        law.full_clean()
        assert law.theme in LawTheme.values
    for offence in Offence.objects.all():
        offence.full_clean()


def test_loading_again_adds_nothing():
    before = Offence.objects.count()
    assert load() == {"laws": 0, "offences": 0}
    assert load() == {"laws": 0, "offences": 0}
    assert Offence.objects.count() == before


def test_loading_adds_only_what_is_missing():
    Offence.objects.filter(law__code="ppc-1860", section="370").delete()
    Offence.objects.filter(law__code="emigration-1979").delete()
    Law.objects.filter(code="emigration-1979").delete()
    assert load() == {"laws": 1, "offences": 3}
    assert Offence.objects.filter(law__code="ppc-1860", section="370").exists()
    assert Law.objects.get(code="emigration-1979").offences.count() == 2


def test_loading_an_empty_database_loads_everything_once():
    Offence.objects.all().delete()
    Law.objects.all().delete()
    assert load() == {"laws": len(law_rows()), "offences": len(offence_rows())}
    assert load() == {"laws": 0, "offences": 0}


def test_loading_never_overwrites_an_administrators_correction():
    offence = ptpa_3()
    offence.penalty = "Corrected: 3 to 10 years."
    offence.max_years = Decimal(10)
    offence.needs_verification = True
    offence.save()
    law = Law.objects.get(code="psma-2018")
    law.needs_verification = False
    law.notes = "Checked against the Gazette."
    law.save()
    call_command("load_reference", stdout=StringIO())
    offence.refresh_from_db()
    law.refresh_from_db()
    assert offence.penalty == "Corrected: 3 to 10 years." and offence.max_years == Decimal(10)
    assert offence.needs_verification
    assert not law.needs_verification and law.notes == "Checked against the Gazette."


def test_sections_an_administrator_added_are_kept():
    sindh = Law.objects.get(code="sindh-blsaa-2015")
    Offence.objects.create(law=sindh, section="14", title="Bonded labour (Sindh)")
    assert load() == {"laws": 0, "offences": 0}
    assert sindh.offences.get().title == "Bonded labour (Sindh)"


def test_the_load_reference_command_reports_the_laws_it_added():
    Offence.objects.filter(law__code="ptpa-2018", section__in=["3", "4"]).delete()
    out = StringIO()
    call_command("load_reference", stdout=out)
    assert "0 countries, 0 laws, 2 offences" in out.getvalue()
    out = StringIO()
    call_command("load_reference", stdout=out)
    assert "nothing added" in out.getvalue()


def test_a_section_naming_an_unknown_law_stops_the_load(monkeypatch):
    rows = [*offence_rows(), {**offence_rows()[0], "law": "no-such-law", "section": "1"}]
    monkeypatch.setattr(reference, "offence_rows", lambda: rows)
    with pytest.raises(ValueError, match="unknown law"):
        load()


def test_administrators_find_and_correct_the_law_in_the_admin(client):
    User.objects.create_superuser(username="admin", password=PASSWORD)
    client.login(username="admin", password=PASSWORD)
    laws = client.get(reverse("admin:justice_law_changelist"), {"q": "trafficking"})
    assert laws.status_code == 200 and "PTPA 2018" in laws.content.decode()
    offences = client.get(
        reverse("admin:justice_offence_changelist"),
        {"law__theme__exact": "related", "chargeable__exact": "0"},
    )
    assert offences.status_code == 200
    assert "Trafficking in human beings" in offences.content.decode()  # PPC 369-A, repealed
    law = Law.objects.get(code="ptpa-2018")
    change = client.get(reverse("admin:justice_law_change", args=[law.pk]))
    assert change.status_code == 200 and "Aggravated trafficking" in change.content.decode()
    offence = client.get(reverse("admin:justice_offence_change", args=[ptpa_3().pk]))
    assert offence.status_code == 200


def test_a_renumbered_section_is_not_loaded_again_beside_itself():
    # The shipped PSMA section 3 is marked to be verified; the administrator finds it is 2.
    smuggling = Offence.objects.get(law__code="psma-2018", section="3")
    smuggling.section = "2"
    smuggling.needs_verification = False
    smuggling.save()
    assert load() == {"laws": 0, "offences": 0}
    sections = set(Offence.objects.filter(law__code="psma-2018").values_list("section", flat=True))
    assert sections == {"2", "4"}


def test_a_law_whose_code_was_corrected_is_not_loaded_again():
    law = Law.objects.get(code="emigration-1979")
    law.code = "emigration-ordinance-1979"
    law.save()
    assert load() == {"laws": 0, "offences": 0}
    assert not Law.objects.filter(code="emigration-1979").exists()


def test_rows_an_administrator_entered_before_they_were_shipped_are_adopted_not_repeated():
    shipped = ptpa_3()
    Offence.objects.filter(pk=shipped.pk).update(reference_key="")  # as if entered by hand
    law = Law.objects.get(code="kp-blsaa-2015")
    Law.objects.filter(pk=law.pk).update(reference_key="")
    assert load() == {"laws": 0, "offences": 0}
    shipped.refresh_from_db()
    law.refresh_from_db()
    assert shipped.reference_key == "ptpa-2018:3" and law.reference_key == "kp-blsaa-2015"
    assert Offence.objects.filter(law__code="ptpa-2018", section="3").count() == 1
