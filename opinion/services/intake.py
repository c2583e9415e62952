"""Intake: a collaborator submits a report, exactly once per submission key."""
import re
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from classifier.text import fold
from opinion.errors import ValidationFailed
from opinion.extensions import db
from opinion.models import Report, ReportEvent, Unit, User
from opinion.models.base import utcnow
from opinion.models.reports import REPORT_KINDS
from opinion.services import matters, photos, tagging, taxonomy
from opinion.services.links import LinkError, parse_link
from opinion.workflow import INITIAL_STATUS

# Sources whose report must carry the link it is about (taxonomy.md).
SOURCES_WITH_LINK = {"mang_xa_hoi", "bao_chi"}
SUBMISSION_KEY = re.compile(r"^[A-Za-z0-9_\-]{8,64}$")
# Phones' clocks drift; an observation a little in the "future" is still accepted.
CLOCK_SKEW = timedelta(minutes=15)
OLDEST_OBSERVATION = timedelta(days=365)


@dataclass
class Submission:
    kind: str
    text: str
    source: str
    url: str | None = None
    village: str | None = None
    observed_at: datetime | None = None
    submission_key: str | None = None
    # The raw bytes of an evidence photo, checked and stripped of metadata by services/photos.py.
    photo: bytes | None = None


def new_submission_key() -> str:
    return uuid.uuid4().hex


def is_valid_submission_key(key: str) -> bool:
    return bool(SUBMISSION_KEY.match(key))


def find_by_submission_key(author: User, key: str) -> Report | None:
    return db.session.scalar(
        select(Report).where(Report.author_id == author.id, Report.submission_key == key))


def villages_of(commune: Unit) -> list[Unit]:
    return list(db.session.scalars(
        select(Unit).where(Unit.parent_id == commune.id, Unit.kind == "village").order_by(Unit.name)))


def _validate(author: User, sub: Submission, now: datetime) -> dict:
    errors: dict[str, str] = {}
    clean: dict = {}
    if sub.kind not in REPORT_KINDS:
        errors["kind"] = "Loại báo cáo phải là báo cáo thực tế (field) hoặc bài mạng xã hội (social)."

    # Stored as typed (NFC only, line breaks kept); search and features normalise further.
    # Browsers send a form's line breaks as CRLF, API clients as LF: one text, one spelling.
    text = (unicodedata.normalize("NFC", sub.text).replace("\r\n", "\n").strip()
            if isinstance(sub.text, str) else "")
    text_min = current_app.config["REPORT_TEXT_MIN"]
    text_max = current_app.config["REPORT_TEXT_MAX"]
    if not text:
        errors["text"] = "Vui lòng nhập nội dung báo cáo."
    elif len(text) < text_min:
        errors["text"] = f"Nội dung quá ngắn: cần ít nhất {text_min} ký tự để cán bộ hiểu được sự việc."
    elif len(text) > text_max:
        errors["text"] = (f"Nội dung quá dài ({len(text)} ký tự): tối đa {text_max} ký tự. "
                          "Hãy tóm tắt, hoặc gửi thành nhiều báo cáo.")
    clean["text"] = text

    if not sub.source:
        errors["source"] = "Vui lòng chọn nguồn thông tin."
    elif not taxonomy.is_active_code("source", sub.source):
        errors["source"] = "Nguồn thông tin không hợp lệ."
    clean["source"] = sub.source

    clean["url"] = clean["canonical_url"] = clean["platform"] = None
    raw_url = (sub.url or "").strip()
    if raw_url:
        try:
            link = parse_link(raw_url)
        except LinkError as err:
            errors["url"] = str(err)
        else:
            clean.update(url=link.url, canonical_url=link.canonical, platform=link.platform)
    elif sub.kind == "social":
        errors["url"] = "Vui lòng dán đường liên kết của bài đăng."
    elif sub.source in SOURCES_WITH_LINK:
        errors["url"] = "Nguồn mạng xã hội hoặc báo chí cần có đường liên kết."

    clean["village"] = author.village
    if sub.village:
        village = db.session.scalar(select(Unit).where(Unit.code == sub.village))
        if village is None or village.kind != "village" or village.parent_id != author.unit_id:
            errors["village"] = "Thôn/bản không thuộc xã của bạn hoặc không tồn tại."
        clean["village"] = village

    observed = sub.observed_at
    if observed is not None:
        if observed.tzinfo is None:
            errors["observed_at"] = "Thời điểm ghi nhận cần có múi giờ."
        elif observed > now + CLOCK_SKEW:
            errors["observed_at"] = "Thời điểm ghi nhận không thể ở tương lai."
        elif observed < now - OLDEST_OBSERVATION:
            errors["observed_at"] = "Thời điểm ghi nhận đã quá một năm."
    clean["observed_at"] = observed

    if sub.submission_key is not None and not is_valid_submission_key(sub.submission_key):
        errors["submission_key"] = "Mã gửi (Idempotency-Key) không hợp lệ: 8–64 ký tự chữ, số, '-' hoặc '_'."

    clean["photo"] = None
    if sub.photo is not None:
        try:
            clean["photo"] = photos.clean_photo(sub.photo)
        except ValidationFailed as err:
            errors.update(err.fields)

    if errors:
        raise ValidationFailed(errors)
    return clean


def submit_report(author: User, sub: Submission, now: datetime | None = None) -> tuple[Report, bool]:
    """Store the report and tag it. Returns (report, created); a repeated key returns the first."""
    now = now or utcnow()
    key = sub.submission_key or new_submission_key()
    if sub.submission_key and is_valid_submission_key(key):
        existing = find_by_submission_key(author, key)
        if existing is not None:
            return existing, False
    clean = _validate(author, sub, now)

    report = Report(
        kind=sub.kind, text=clean["text"], text_folded=fold(clean["text"]),
        source=clean["source"], url=clean["url"], canonical_url=clean["canonical_url"],
        platform=clean["platform"], unit_id=author.unit_id,
        village_id=clean["village"].id if clean["village"] else None,
        author_id=author.id, submission_key=key, observed_at=clean["observed_at"],
        created_at=now, status=INITIAL_STATUS,
    )
    try:
        # A savepoint: a concurrent retry with the same key loses the race cleanly.
        with db.session.begin_nested():
            db.session.add(report)
            db.session.flush()
    except IntegrityError:
        existing = find_by_submission_key(author, key)
        if existing is None:
            raise
        return existing, False

    if clean["photo"] is not None:
        photos.attach_photo(report, *clean["photo"])
    db.session.add(ReportEvent(report=report, kind="submitted", actor_id=author.id,
                               created_at=now, to_status=INITIAL_STATUS))
    tagging.tag_report(report, now)
    db.session.flush()
    # The same link or a very similar open report of the commune: one matter (services/matters.py).
    matters.attach_submitted(report, now)
    return report, True
