from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Event, Registration


@admin.register(Event)
class EventAdmin(TranslationAdmin):
    list_display = ("title", "organization", "kind", "region", "starts_at", "capacity", "status")
    list_filter = ("status", "kind", "audience", "region")
    search_fields = ("title_kk", "title_ru", "organization__name_kk", "organization__name_ru")
    list_select_related = ("organization", "region")
    autocomplete_fields = ("organization", "professions")
    readonly_fields = ("created_by", "created_at", "published_at", "cancelled_at")


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("ticket_code", "event", "user", "seats", "status", "created_at")
    list_filter = ("status",)
    search_fields = ("ticket_code", "event__title_kk", "event__title_ru")
    list_select_related = ("event", "user")
    raw_id_fields = ("event", "user")
    readonly_fields = (
        "ticket_code",
        "created_at",
        "promoted_at",
        "cancelled_at",
        "checked_in_at",
        "reminder_sent_at",
    )
