from django.urls import path

from . import views

app_name = "dynasties"

# Fixed words come before <slug:slug>/: they are never the slug of a dynasty's page.
urlpatterns = [
    path("", views.dynasty_list, name="list"),
    path("new/", views.dynasty_new, name="create"),
    path("mine/", views.dynasty_mine, name="mine"),
    path("exhibitions/", views.exhibitions, name="exhibitions"),
    path("challenge/", views.challenge, name="challenge"),
    path("challenge/moderation/", views.challenge_moderation, name="challenge_moderation"),
    path("challenge/moderation/<int:pk>/", views.challenge_review, name="challenge_review"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("moderation/<int:pk>/", views.moderation_detail, name="moderation_detail"),
    path("moderation/<int:pk>/publish/", views.moderation_publish, name="moderation_publish"),
    path("moderation/<int:pk>/return/", views.moderation_return, name="moderation_return"),
    path("<int:pk>/edit/family/", views.edit_family, name="edit_family"),
    path("<int:pk>/edit/members/", views.edit_members, name="edit_members"),
    path("<int:pk>/edit/members/<int:member_pk>/", views.edit_member, name="edit_member"),
    path("<int:pk>/edit/members/<int:member_pk>/delete/", views.delete_member, name="delete_member"),
    path("<int:pk>/edit/story/", views.edit_story, name="edit_story"),
    path("<int:pk>/edit/photos/", views.edit_photos, name="edit_photos"),
    path("<int:pk>/edit/photos/<int:photo_pk>/cover/", views.photo_cover, name="photo_cover"),
    path("<int:pk>/edit/photos/<int:photo_pk>/delete/", views.photo_remove, name="photo_delete"),
    path("<int:pk>/edit/review/", views.edit_review, name="edit_review"),
    path("<slug:slug>/", views.dynasty_detail, name="detail"),
]
