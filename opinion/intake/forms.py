"""The collaborator's two forms. Field rules live in services/intake.py; these only carry input."""
from flask_wtf.file import FileField
from wtforms import DateField, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import Optional

from opinion.forms import BaseForm

FIELD_SOURCES_EXCLUDED = {"mang_xa_hoi", "bao_chi"}
SOCIAL_SOURCES = ("mang_xa_hoi", "bao_chi")


class _ReportForm(BaseForm):
    # A fresh key per rendered form: resubmitting the same page never makes a second report.
    submission_key = HiddenField()
    village = SelectField("Thôn, bản, tổ dân phố", validate_choice=False)
    observed_at = DateField("Ngày nắm bắt", validators=[Optional()],
                            description="Để trống nếu là hôm nay.")
    # Optional evidence: a screenshot (posts get deleted) or a camera photo. Checked and
    # stripped of its metadata (location) by services/photos.py.
    photo = FileField("Ảnh kèm theo (không bắt buộc)", render_kw={"accept": "image/*"},
                      description="Ảnh chụp màn hình hoặc ảnh chụp; vị trí và thông tin máy trong ảnh được xóa.")

    def set_choices(self, source_choices, villages):
        self.source.choices = source_choices
        self.village.choices = [("", "— Không rõ / toàn xã —")] + [(v.code, v.name) for v in villages]


class FieldReportForm(_ReportForm):
    text = TextAreaField("Nội dung nắm bắt", render_kw={
        "rows": 7, "placeholder": "Người dân nói gì, ở đâu, bao nhiêu người, từ khi nào…"})
    source = RadioField("Nguồn", default="truc_tiep")


class SocialPostForm(_ReportForm):
    url = StringField("Đường liên kết bài đăng", render_kw={
        "inputmode": "url", "autocomplete": "off", "autocapitalize": "none",
        "placeholder": "https://www.facebook.com/…"})
    text = TextAreaField("Nội dung hoặc tóm tắt bài đăng", render_kw={
        "rows": 6, "placeholder": "Chép nội dung chính (bài có thể bị xóa) và số lượt chia sẻ, bình luận…"})
    source = RadioField("Loại", default="mang_xa_hoi")
