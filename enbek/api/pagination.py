from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class StandardPagination(PageNumberPagination):
    """Every list: {count, next, previous, results}; ?page=N (from 1), ?page_size from 1 to 100.

    A malformed page or page_size is a 400 naming the parameter (not silently the default); a page
    after the last one is a 404.
    """

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def _whole_number(self, request, name: str, maximum: int | None = None) -> int | None:
        raw = request.query_params.get(name)
        if raw is None:
            return None
        # An empty `?page=` is refused like any other non-number: the schema says integer, and a client
        # that sends it has lost its page number somewhere.
        try:
            value = int(raw)
        except ValueError:
            value = 0
        if value < 1 or (maximum is not None and value > maximum):
            if maximum is None:
                message = _("Give a whole number from 1.")
            else:
                message = _("Give a whole number from 1 to %(maximum)d.") % {"maximum": maximum}
            raise ValidationError({name: [message]})
        return value

    def get_page_size(self, request):
        return self._whole_number(request, self.page_size_query_param, self.max_page_size) or self.page_size

    def paginate_queryset(self, queryset, request, view=None):
        self._whole_number(request, self.page_query_param)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
        return parameters
