from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Event


@admin.register(Event)
class EventAdmin(TranslationAdmin):
    list_display = ("title", "organization", "kind", "region", "starts_at", "capacity", "status")
    list_filter = ("status", "kind", "region")
    search_fields = ("title_kk", "title_ru", "organization__name_kk", "organization__name_ru")
    prepopulated_fields = {"slug": ("title_ru",)}
    list_select_related = ("organization", "region")
    autocomplete_fields = ("organization",)
