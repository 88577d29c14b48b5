"""`manage.py check` reports a malformed instrument definition before anyone opens a page."""

from django.core import checks

from . import instruments


@checks.register()
def instrument_definitions(app_configs=None, **kwargs):
    try:
        instruments.load_all(strict=True)
    except instruments.InstrumentDefinitionError as e:
        return [
            checks.Error(
                str(e),
                hint="Fix the file or remove it from ASSESSMENT_INSTRUMENTS_DIRS.",
                obj=e.path,
                id="assessment.E001",
            )
        ]
    return []
