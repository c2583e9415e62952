"""The settings form of a unit: one field per known setting (services/settings.py's table)."""
from wtforms import StringField, TextAreaField

from opinion.forms import BaseForm
from opinion.services import settings as unit_settings


def _field(setting: unit_settings.Setting):
    # No validators here: the service checks types, ranges and lengths for every caller.
    field_class = TextAreaField if setting.kind == "lines" else StringField
    return field_class(setting.label, description=setting.hint)


class SettingsForm(BaseForm):
    """Fields named after the settings' keys; the service checks types and ranges."""

    def values(self) -> dict[str, str]:
        return {setting.key: getattr(self, setting.key).data or "" for setting in unit_settings.SETTINGS}


for _setting in unit_settings.SETTINGS:
    setattr(SettingsForm, _setting.key, _field(_setting))
