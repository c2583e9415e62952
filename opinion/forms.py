"""The base form: CSRF from Flask-WTF, every built-in message in Vietnamese, no control characters."""
import re

from flask_wtf import FlaskForm

from opinion.errors import ValidationFailed

# WTForms ships no Vietnamese catalogue; these are the built-in messages our fields can show.
_VIETNAMESE = {
    "This field is required.": "Mục này là bắt buộc.",
    "Not a valid choice.": "Lựa chọn không hợp lệ.",
    "Not a valid date value.": "Ngày không hợp lệ.",
    "Not a valid datetime value.": "Thời gian không hợp lệ.",
    "Not a valid integer value.": "Cần nhập một số nguyên.",
    "Invalid input.": "Giá trị không hợp lệ.",
    "Invalid URL.": "Đường liên kết không hợp lệ.",
    "The CSRF token is missing.": "Phiên gửi biểu mẫu không hợp lệ. Nội dung vẫn còn, vui lòng bấm gửi lại.",
    "The CSRF token is invalid.": "Phiên gửi biểu mẫu không hợp lệ. Nội dung vẫn còn, vui lòng bấm gửi lại.",
    "The CSRF token has expired.": "Phiên gửi biểu mẫu đã hết hạn. Nội dung vẫn còn, vui lòng bấm gửi lại.",
    "The CSRF session token is missing.": "Phiên làm việc đã hết hạn. Nội dung vẫn còn, vui lòng bấm gửi lại.",
    "The CSRF tokens do not match.": "Phiên gửi biểu mẫu không hợp lệ. Nội dung vẫn còn, vui lòng bấm gửi lại.",
}


# C0 and C1 control characters but tab, line feed and carriage return: never meaningful in a
# report, and NUL cannot be stored by PostgreSQL nor written into a Word or Excel file.
# Format characters (zero-width joiners, direction marks) are text and stay.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def without_control_characters(value):
    """`value` with control characters removed, recursively through JSON lists and objects."""
    if isinstance(value, str):
        return CONTROL_CHARACTERS.sub("", value)
    if isinstance(value, list):
        return [without_control_characters(item) for item in value]
    if isinstance(value, dict):
        return {key: without_control_characters(item) for key, item in value.items()}
    return value


class _VietnameseTranslations:
    def gettext(self, string: str) -> str:
        return _VIETNAMESE.get(string, string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


class BaseForm(FlaskForm):
    class Meta:
        def get_translations(self, form):
            return _VietnameseTranslations()

        def bind_field(self, form, unbound_field, options):
            # Every field of every form drops control characters from what was typed or pasted.
            filters = (without_control_characters, *(unbound_field.kwargs.get("filters") or ()))
            return unbound_field.bind(form=form, **{**options, "filters": filters})

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # Flask-WTF raises its CSRF messages untranslated; show them in Vietnamese.
        if self.meta.csrf and self.csrf_token.errors:
            self.csrf_token.errors = [_VIETNAMESE.get(e, e) for e in self.csrf_token.errors]
        return valid

    def add_service_errors(self, error: ValidationFailed) -> None:
        """Show a service's field errors next to the matching fields (others at the top)."""
        for name, message in error.fields.items():
            field = getattr(self, name, None)
            if field is not None and hasattr(field, "errors"):
                field.errors = list(field.errors) + [message]
            else:
                self.form_errors.append(message)
