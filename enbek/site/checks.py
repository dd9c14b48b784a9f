"""A panel listed in PROFESSION_PAGE_PANELS that cannot be found is an error at start-up (manage.py
check, the deploy's checks), not a 500 on every profession page."""

from django.core.checks import Error, register

from . import panels


@register()
def check_profession_panels(app_configs=None, **kwargs) -> list[Error]:
    errors = []
    for reference in panels.PROFESSION_PAGE_PANELS:
        try:
            function = panels.resolve_panel(reference)
        except (ImportError, AttributeError, ValueError) as error:
            errors.append(
                Error(
                    f"PROFESSION_PAGE_PANELS lists {reference!r}, which cannot be imported: {error}",
                    hint='Give "app.selectors:function", a function of the section.',
                    id="enbek.site.E001",
                )
            )
            continue
        if not callable(function):
            errors.append(Error(f"{reference!r} is not a function.", id="enbek.site.E001"))
    return errors
