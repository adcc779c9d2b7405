"""The consolidated law is reference data: administrators correct it here (``docs/law.md``).

``rahai load_reference`` only adds laws and sections that are missing, so what is changed here
stays changed. Charges and hearings are case data and are recorded on the case, not here.
"""

from django.contrib import admin

from rahai.justice.models import Law, Offence


class OffenceInline(admin.TabularInline):
    model = Offence
    fields = ["section", "title", "penalty", "chargeable", "needs_verification", "position"]
    extra = 0
    show_change_link = True


@admin.register(Law)
class LawAdmin(admin.ModelAdmin):
    list_display = [
        "short_name",
        "code",
        "theme",
        "citation",
        "year",
        "province",
        "needs_verification",
        "position",
    ]
    list_filter = ["theme", "province", "needs_verification"]
    search_fields = ["short_name", "title", "code", "citation", "notes"]
    inlines = [OffenceInline]


@admin.register(Offence)
class OffenceAdmin(admin.ModelAdmin):
    list_display = [
        "law",
        "section",
        "title",
        "penalty",
        "chargeable",
        "needs_verification",
        "position",
    ]
    list_filter = ["law__theme", "law", "chargeable", "needs_verification"]
    search_fields = ["section", "title", "description", "penalty", "law__short_name", "law__code"]
    list_select_related = ["law"]
    autocomplete_fields = ["law"]
