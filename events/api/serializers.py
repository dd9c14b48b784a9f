from django.urls import reverse
from rest_framework import serializers

from ..models import MAX_GROUP_SEATS, Event, Registration


class EventListSerializer(serializers.ModelSerializer):
    organization = serializers.CharField(source="organization.name", read_only=True)
    region = serializers.CharField(source="region.code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    audience_display = serializers.CharField(source="get_audience_display", read_only=True)
    seats_left = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "kind",
            "kind_display",
            "audience",
            "audience_display",
            "organization",
            "region",
            "region_name",
            "starts_at",
            "ends_at",
            "capacity",
            "seats_left",
            "status",
            "url",
        ]

    def get_url(self, event: Event) -> str:
        request = self.context.get("request")
        path = reverse("events:detail", args=[event.pk])
        return request.build_absolute_uri(path) if request is not None else path


class EventDetailSerializer(EventListSerializer):
    professions = serializers.SerializerMethodField()
    ics_url = serializers.SerializerMethodField()

    class Meta(EventListSerializer.Meta):
        fields = EventListSerializer.Meta.fields + [
            "description",
            "address",
            "latitude",
            "longitude",
            "online_url",
            "grade_from",
            "grade_to",
            "registration_opens_at",
            "registration_closes_at",
            "accessibility",
            "professions",
            "ics_url",
        ]

    def get_professions(self, event: Event) -> list[dict]:
        return [{"code": p.code, "name": p.name} for p in event.professions.all()]

    def get_ics_url(self, event: Event) -> str:
        request = self.context.get("request")
        path = reverse("events:ics", args=[event.pk])
        return request.build_absolute_uri(path) if request is not None else path


class RegistrationCreateSerializer(serializers.Serializer):
    seats = serializers.IntegerField(min_value=1, max_value=MAX_GROUP_SEATS, default=1)
    contact_name = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    contact_phone = serializers.CharField(max_length=16, required=False, default="", allow_blank=True)


class RegistrationSerializer(serializers.ModelSerializer):
    event_title = serializers.CharField(source="event.title", read_only=True)
    event_starts_at = serializers.DateTimeField(source="event.starts_at", read_only=True)

    class Meta:
        model = Registration
        fields = [
            "id",
            "event",
            "event_title",
            "event_starts_at",
            "status",
            "seats",
            "ticket_code",
            "created_at",
        ]
