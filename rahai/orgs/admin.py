from django.contrib import admin

from rahai.orgs.models import Organisation, Team


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "jurisdiction_level", "province", "district", "active"]
    list_filter = ["kind", "jurisdiction_level", "province", "active"]
    search_fields = ["name", "name_ur"]
    autocomplete_fields = ["district"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation"]
    search_fields = ["name", "organisation__name"]
    filter_horizontal = ["members"]
