from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.decorators import method_decorator
from drf_spectacular.utils import extend_schema
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from enbek.pagecache import cache_public_page
from enbek.validators import validate_phone

from .. import services
from ..forms import EventFilterForm
from ..models import Event, Registration
from ..selectors import event_public_detail, event_public_list, registration_list_of
from .serializers import (
    EventDetailSerializer,
    EventListSerializer,
    RegistrationCreateSerializer,
    RegistrationSerializer,
)


def _refusal_body(error: ValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return {
            field: [str(m) for e in errors for m in e.messages] for field, errors in error.error_dict.items()
        }
    return {"detail": " ".join(str(m) for m in error.messages), "code": error.error_list[0].code or "invalid"}


@method_decorator(cache_public_page("events", timeout=5, shared=True), name="dispatch")  # never the POSTs
class EventViewSet(viewsets.ReadOnlyModelViewSet):
    """Published events of verified organisations; ?region=<code>&kind=&audience=&profession=<code>
    &date_from=&date_to=&has_seats=true. Drafts and other organisations' unpublished events are 404."""

    permission_classes = [AllowAny]
    filter_backends: list = []

    def get_queryset(self):
        if self.action != "list":
            return Event.objects.none()
        params = self.request.query_params.copy()
        if params.get("has_seats", "").lower() in ("true", "1", "yes"):
            params["has_seats"] = "on"
        else:
            params.pop("has_seats", None)
        form = EventFilterForm(params)
        if not form.is_valid():
            raise DRFValidationError({field: list(errors) for field, errors in form.errors.items()})
        return event_public_list(**form.selector_kwargs())

    def get_object(self) -> Event:
        try:
            return event_public_detail(pk=int(self.kwargs["pk"]))
        except (Event.DoesNotExist, ValueError):
            raise Http404 from None

    def get_serializer_class(self):
        return EventDetailSerializer if self.action == "retrieve" else EventListSerializer

    @extend_schema(request=RegistrationCreateSerializer, responses={201: RegistrationSerializer})
    @action(detail=True, methods=["post"], url_path="registrations", permission_classes=[IsAuthenticated])
    def registrations(self, request, pk=None):
        event = self.get_object()
        payload = RegistrationCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        if data["contact_phone"]:
            try:
                validate_phone(data["contact_phone"])
            except ValidationError as error:
                return Response({"contact_phone": error.messages}, status=status.HTTP_400_BAD_REQUEST)
        try:
            registration = services.registration_create(
                event_id=event.pk,
                user=request.user,
                seats=data["seats"],
                contact_name=data["contact_name"],
                contact_phone=data["contact_phone"],
            )
        except services.AlreadyRegistered as error:
            return Response(_refusal_body(error), status=status.HTTP_409_CONFLICT)
        except ValidationError as error:
            return Response(_refusal_body(error), status=status.HTTP_400_BAD_REQUEST)
        return Response(
            {
                "id": registration.pk,
                "status": registration.status,
                "ticket_code": registration.ticket_code,
                "event": event.pk,
                "seats": registration.seats,
            },
            status=status.HTTP_201_CREATED,
        )


class RegistrationViewSet(mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """DELETE cancels one's own registration (or leaves the waiting list); another's is 404."""

    permission_classes = [IsAuthenticated]
    serializer_class = RegistrationSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no signed-in user
            return Registration.objects.none()
        return Registration.objects.filter(user=self.request.user)

    def destroy(self, request, *args, **kwargs):
        registration = self.get_object()
        try:
            services.registration_cancel(registration=registration, user=request.user)
        except ValidationError as error:
            return Response(_refusal_body(error), status=status.HTTP_400_BAD_REQUEST)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MyRegistrationsView(generics.ListAPIView):
    """The signed-in person's registrations, newest event first."""

    permission_classes = [IsAuthenticated]
    serializer_class = RegistrationSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no signed-in user
            return Registration.objects.none()
        return registration_list_of(user=self.request.user)
