from wtforms import StringField
from wtforms.validators import Length

from opinion.forms import BaseForm


class HandlingBodyForm(BaseForm):
    name = StringField("Thêm cơ quan, đơn vị xử lý", validators=[Length(max=200, message="Tối đa 200 ký tự.")])


class PlainForm(BaseForm):
    """Only the CSRF token: for buttons and forms whose fields the service checks."""
