from django.contrib import admin

from rahai.geo.models import Country, District, Province


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_ur"]
    search_fields = ["name_en", "name_ur", "code"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_ur", "province", "latitude", "longitude", "active"]
    list_filter = ["province", "active"]
    search_fields = ["name_en", "name_ur", "code"]


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "alpha3", "name_en", "name_ur"]
    search_fields = ["name_en", "name_ur", "code", "alpha3"]
