from django.urls import path

from . import views

app_name = "nudges"

# Included without a prefix inside the language prefix: /kk/proverbs/…, /kk/banners/…
# The short links /b/<code> live outside it (enbek/urls.py): printed QR codes carry no language.
urlpatterns = [
    path("proverbs/", views.proverb_list, name="proverbs"),
    path("proverbs/<int:pk>/", views.proverb_detail, name="proverb"),
    path("proverbs/<int:pk>/banner/", views.proverb_banner, name="proverb_banner"),
    path("proverbs/<int:pk>/preview/<slug:design>.png", views.proverb_preview, name="proverb_preview"),
    path("banners/placements/", views.placement_list_view, name="placements"),
    path("banners/placements/new/", views.placement_create, name="placement_create"),
    path("banners/placements/<int:pk>/", views.placement_detail, name="placement"),
    path("banners/placements/<int:pk>/edit/", views.placement_edit, name="placement_edit"),
    path("banners/placements/<int:pk>/photo/", views.placement_photo, name="placement_photo"),
    path("banners/placements/<int:pk>/banner/", views.placement_banner, name="placement_banner"),
    path("banners/placements/<int:pk>/qr.svg", views.placement_qr, name="placement_qr"),
    path("banners/ab/", views.ab_view, name="ab"),
    path("banners/batches/", views.batch_list, name="batches"),
    path("banners/batches/<int:pk>/", views.batch_detail, name="batch"),
    path("banners/batches/<int:pk>/status/", views.batch_status, name="batch_status"),
    path("banners/batches/<int:pk>/download/", views.batch_download, name="batch_download"),
]
