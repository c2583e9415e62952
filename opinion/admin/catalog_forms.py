"""Forms of the villages and topic pages."""
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from wtforms import HiddenField, IntegerField, StringField
from wtforms.validators import DataRequired, Length, Optional

from opinion.forms import BaseForm

MAX_UPLOAD = 2 * 1024 * 1024


class VillageForm(BaseForm):
    name = StringField("Tên thôn, bản, tổ dân phố", validators=[
        DataRequired(message="Vui lòng nhập tên thôn, bản, tổ dân phố."),
        Length(max=200, message="Tối đa 200 ký tự.")])
    code = StringField("Mã (để trống để tự tạo)", validators=[Optional(), Length(max=40, message="Tối đa 40 ký tự.")])


class RenameVillageForm(BaseForm):
    village_id = IntegerField(validators=[DataRequired(message="Thiếu thôn, bản cần đổi tên.")])
    name = StringField("Tên mới", validators=[
        DataRequired(message="Vui lòng nhập tên mới."), Length(max=200, message="Tối đa 200 ký tự.")])


class SheetUploadForm(BaseForm):
    sheet = FileField("Tệp danh sách (.xlsx hoặc .csv, tối đa 2 MB)", validators=[
        FileRequired(message="Vui lòng chọn tệp .xlsx hoặc .csv."),
        FileAllowed(["xlsx", "csv"], message="Chỉ nhận tệp .xlsx hoặc .csv."),
        FileSize(max_size=MAX_UPLOAD, message="Tệp quá lớn: tối đa 2 MB.")])


class ConfirmImportForm(BaseForm):
    token = HiddenField(validators=[DataRequired(message="Thiếu tệp cần nhập, vui lòng tải lên lại.")])


class TopicForm(BaseForm):
    code = StringField("Mã (chữ thường không dấu, dấu gạch dưới)", validators=[
        DataRequired(message="Vui lòng nhập mã lĩnh vực."), Length(max=40, message="Tối đa 40 ký tự.")])
    name = StringField("Tên lĩnh vực", validators=[
        DataRequired(message="Vui lòng nhập tên lĩnh vực."), Length(max=200, message="Tối đa 200 ký tự.")])


class RenameTopicForm(BaseForm):
    name = StringField("Tên mới", validators=[
        DataRequired(message="Vui lòng nhập tên mới."), Length(max=200, message="Tối đa 200 ký tự.")])
