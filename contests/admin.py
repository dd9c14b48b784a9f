from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Contest


@admin.register(Contest)
class ContestAdmin(TranslationAdmin):
    list_display = ("title", "profession", "region", "applications_open", "applications_close", "status")
    list_filter = ("status", "region")
    search_fields = ("title_kk", "title_ru", "profession_kk", "profession_ru")
    prepopulated_fields = {"slug": ("title_ru",)}
    list_select_related = ("region",)
