"""Reviewers' forms. The rules (what each transition needs) live in services/triage.py."""
from wtforms import (
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from opinion.forms import BaseForm


class TransitionForm(BaseForm):
    to = HiddenField(validators=[DataRequired()])
    note = TextAreaField("Ghi chú", validators=[Optional(), Length(max=2000, message="Tối đa 2000 ký tự.")],
                         render_kw={"rows": 3})
    handler = StringField("Cơ quan xử lý", validators=[Optional(), Length(max=200, message="Tối đa 200 ký tự.")],
                          render_kw={"list": "handlers"})


class LabelForm(BaseForm):
    topic = SelectField("Lĩnh vực", validators=[Optional()])
    urgency = SelectField("Mức độ", validators=[Optional()])
    sentiment = SelectField("Sắc thái", validators=[Optional()])

    def set_choices(self, choices: dict):
        for name, options in choices.items():
            getattr(self, name).choices = options


class BulkForm(BaseForm):
    report_ids = SelectMultipleField(coerce=int, validate_choice=False,
                                     validators=[DataRequired("Chưa chọn báo cáo nào.")])
    to = SelectField("Chuyển sang", validators=[DataRequired("Vui lòng chọn trạng thái.")])
    note = TextAreaField("Ghi chú", validators=[Optional(), Length(max=2000)], render_kw={"rows": 2})
    handler = StringField("Cơ quan xử lý", validators=[Optional(), Length(max=200)],
                          render_kw={"list": "handlers"})


class MergeForm(BaseForm):
    other = IntegerField("Gộp với báo cáo số", validators=[
        DataRequired("Vui lòng nhập số báo cáo cần gộp."),
        NumberRange(min=1, message="Số báo cáo không hợp lệ.")])


class SplitForm(BaseForm):
    """Only the CSRF token: which report leaves its matter is in the URL."""
