"""The base form: CSRF from Flask-WTF, every built-in message in Vietnamese."""
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


class _VietnameseTranslations:
    def gettext(self, string: str) -> str:
        return _VIETNAMESE.get(string, string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


class BaseForm(FlaskForm):
    class Meta:
        def get_translations(self, form):
            return _VietnameseTranslations()

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
