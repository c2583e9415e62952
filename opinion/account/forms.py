from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from opinion.forms import BaseForm


class LoginForm(BaseForm):
    username = StringField("Tên đăng nhập", validators=[
        DataRequired("Vui lòng nhập tên đăng nhập."), Length(max=80, message="Tên đăng nhập quá dài.")],
        render_kw={"autocomplete": "username", "autocapitalize": "none", "autofocus": True})
    password = PasswordField("Mật khẩu", validators=[
        DataRequired("Vui lòng nhập mật khẩu."), Length(max=200, message="Mật khẩu quá dài.")],
        render_kw={"autocomplete": "current-password"})
