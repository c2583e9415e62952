"""Forms of the people pages; the rules live in services/people.py."""
from flask_wtf.file import FileField
from wtforms import HiddenField, PasswordField, SelectField, StringField

from opinion.forms import BaseForm
from opinion.models.users import ROLES

ROLE_CHOICES = list(ROLES.items())


class PersonCreateForm(BaseForm):
    username = StringField("Tên đăng nhập", description="Chữ thường không dấu, số, '.', '-', '_'.",
                           render_kw={"autocomplete": "off", "autocapitalize": "none"})
    full_name = StringField("Họ và tên")
    role = SelectField("Vai trò", default="collaborator")
    village = SelectField("Thôn, bản, tổ dân phố", validate_choice=False)
    password = PasswordField("Mật khẩu tạm", description="Để trống để hệ thống tạo; người dùng phải đổi ở lần đăng nhập đầu.",
                             render_kw={"autocomplete": "new-password"})

    def set_villages(self, villages):
        self.role.choices = ROLE_CHOICES
        self.village.choices = [("", "— Không gắn thôn/bản —")] + [(v.code, v.name) for v in villages]


class PersonEditForm(BaseForm):
    full_name = StringField("Họ và tên")
    role = SelectField("Vai trò")
    unit = SelectField("Đơn vị", validate_choice=False)
    village = SelectField("Thôn, bản, tổ dân phố", validate_choice=False,
                          description="Thôn/bản phải thuộc đơn vị đã chọn.")

    def set_choices(self, units, villages):
        self.role.choices = ROLE_CHOICES
        self.unit.choices = [(u.code, u.name) for u in units]
        self.village.choices = [("", "— Không gắn thôn/bản —")] + [(v.code, v.name) for v in villages]


class ImportUploadForm(BaseForm):
    file = FileField("Tệp danh sách (.xlsx hoặc .csv, tối đa 2 MB)",
                     description="Các cột: username, full_name, role, village, password (village và password có thể để trống).",
                     render_kw={"accept": ".xlsx,.csv"})


class ImportConfirmForm(BaseForm):
    token = HiddenField()
