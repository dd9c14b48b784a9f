from django.core import checks

from .catalogue import SPECS
from .registry import resolve
from .sources import SOURCES


@checks.register()
def check_sources(app_configs=None, **kwargs):
    """Every source names a catalogue indicator and existing functions (a merge that forgot one fails)."""
    errors = []
    for code, source in SOURCES.items():
        if code not in SPECS:
            errors.append(
                checks.Error(
                    f"indicators.SOURCES has {code!r}, which is not in the catalogue.", id="indicators.E001"
                )
            )
        for reference in source.references():
            try:
                resolve(reference)
            except (ImportError, AttributeError):
                errors.append(
                    checks.Error(
                        f"The source of {code!r} refers to {reference}, which does not exist.",
                        id="indicators.E001",
                    )
                )
    return errors
