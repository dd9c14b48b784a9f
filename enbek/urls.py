from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from contests.api.views import ContestViewSet
from dynasties.api.views import DynastyViewSet
from events import views as event_views
from events.api.views import EventViewSet, MyRegistrationsView, RegistrationViewSet
from indicators.api.views import IndicatorViewSet
from nudges.api.views import ProverbBannerView, ProverbViewSet
from nudges.views import short_link
from surveys.api.views import ResponseCreateView, ResultsView, SurveyCurrentView

from .api.views import RegionViewSet, SphereViewSet
from .health import healthz
from .site import views as site_views
from .site.api.views import CareerQuizView, ProfessionViewSet

router = DefaultRouter()
router.register("regions", RegionViewSet, basename="region")
router.register("spheres", SphereViewSet, basename="sphere")
router.register("professions", ProfessionViewSet, basename="profession")
router.register("dynasties", DynastyViewSet, basename="dynasty")
router.register("proverbs", ProverbViewSet, basename="proverb")
router.register("indicators", IndicatorViewSet, basename="indicator")
router.register("events", EventViewSet, basename="event")
router.register("registrations", RegistrationViewSet, basename="registration")
router.register("contests", ContestViewSet, basename="contest")

handler400 = "enbek.views.bad_request"
handler403 = "enbek.views.permission_denied"
handler404 = "enbek.views.page_not_found"
handler500 = "enbek.views.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Printed QR codes carry no language: /b/<code> counts the scan and redirects (nudges).
    path("b/<str:code>", short_link, name="short_link"),
    path("api/v1/proverbs/<int:pk>/banner.png", ProverbBannerView.as_view(), name="proverb-banner"),
    path("api/v1/career-quiz/", CareerQuizView.as_view(), name="career-quiz"),
    path("api/v1/me/registrations/", MyRegistrationsView.as_view(), name="api-my-registrations"),
    path("api/v1/", include("contests.api.urls")),
    path("api/v1/surveys/current/", SurveyCurrentView.as_view(), name="survey-current"),
    path("api/v1/surveys/<int:pk>/responses/", ResponseCreateView.as_view(), name="survey-responses"),
    path("api/v1/surveys/<int:pk>/results/", ResultsView.as_view(), name="survey-results"),
    path("api/v1/", include((router.urls, "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI only, from drf-spectacular-sidecar's static files (no inline script: the split view).
    # ReDoc was removed: it needs inline styles and Google Fonts, which the CSP rightly refuses.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
]

urlpatterns += i18n_patterns(
    path("", site_views.home, name="home"),
    path("about/", site_views.about, name="about"),
    path("professions/", include("enbek.site.urls")),
    path("accounts/", include("enbek.accounts_urls")),
    path("dynasties/", include("dynasties.urls")),
    path("contests/", include("contests.urls")),
    path("events/", include("events.urls")),
    path("me/registrations/", event_views.my_registrations, name="my_registrations"),
    path("surveys/", include("surveys.urls")),
    path("indicators/", include("indicators.urls")),
    path("", include("nudges.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

if settings.DEBUG:
    # Uploaded media in development; production serves /media/ from the proxy or object storage.
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
