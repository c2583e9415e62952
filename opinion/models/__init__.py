"""Database models, one module per aggregate."""
from opinion.models.audit import AccessRecord, AdminChange
from opinion.models.events import ReportEvent
from opinion.models.labels import LabelCorrection, TaxonomyLabel
from opinion.models.matters import Matter, MatterSuggestion, ReportToken
from opinion.models.reports import Report, ReportPhoto
from opinion.models.units import HandlingBody, Unit, UnitDueHours, UnitSetting
from opinion.models.users import ApiToken, LoginFailure, User, UserSession

__all__ = ["AccessRecord", "AdminChange", "ApiToken", "HandlingBody", "LabelCorrection", "LoginFailure", "Matter", "MatterSuggestion", "Report", "ReportEvent", "ReportPhoto", "ReportToken", "TaxonomyLabel", "Unit", "UnitDueHours", "UnitSetting", "User", "UserSession"]
