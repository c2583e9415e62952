"""The topic list (lĩnh vực): one for the whole deployment, kept in taxonomy_labels (field
"topic"). Topics are renamed, added, retired and restored, never deleted: a retired topic keeps
its history (old reports keep it) but is no longer offered in forms and filters."""
import re
from datetime import datetime

from sqlalchemy import func, select

from classifier.text import fold
from opinion.errors import ValidationFailed
from opinion.extensions import db
from opinion.models import TaxonomyLabel, Unit, User
from opinion.services.unit_lists import record

FIELD = "topic"
CODE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
MAX_NAME = 200
# What the classifier needs before it can predict a new topic (see data/README.md).
MIN_EXAMPLES = 150


def topics() -> list[TaxonomyLabel]:
    """Every topic, retired ones included, in the order forms show them."""
    return list(db.session.scalars(select(TaxonomyLabel).where(TaxonomyLabel.field == FIELD)
                                   .order_by(TaxonomyLabel.retired, TaxonomyLabel.position, TaxonomyLabel.id)))


def _get(code: str) -> TaxonomyLabel:
    label = db.session.scalar(select(TaxonomyLabel).where(TaxonomyLabel.field == FIELD,
                                                          TaxonomyLabel.code == code))
    if label is None:
        raise ValidationFailed({"code": "Không có lĩnh vực này trong danh mục."})
    return label


def _checked_name(name: str | None, except_id: int | None = None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationFailed({"name": "Vui lòng nhập tên lĩnh vực."})
    if len(name) > MAX_NAME:
        raise ValidationFailed({"name": f"Tên tối đa {MAX_NAME} ký tự."})
    for label in topics():
        if label.id != except_id and fold(label.name) == fold(name):
            raise ValidationFailed({"name": f"Đã có lĩnh vực “{label.name}” (mã {label.code})."})
    return name


def add_topic(actor: User, unit: Unit, code: str, name: str, now: datetime) -> TaxonomyLabel:
    code = (code or "").strip()
    if not CODE.match(code):
        raise ValidationFailed({"code": "Mã gồm chữ thường không dấu, số và dấu gạch dưới, bắt đầu bằng "
                                        "một chữ cái (2–40 ký tự), ví dụ: nuoc_sach."})
    if db.session.scalar(select(TaxonomyLabel.id).where(TaxonomyLabel.field == FIELD,
                                                        TaxonomyLabel.code == code)) is not None:
        raise ValidationFailed({"code": f"Mã {code} đã có trong danh mục."})
    name = _checked_name(name)
    position = (db.session.scalar(select(func.max(TaxonomyLabel.position))
                                  .where(TaxonomyLabel.field == FIELD)) or 0) + 1
    label = TaxonomyLabel(field=FIELD, code=code, name=name, position=position, retired=False)
    db.session.add(label)
    record(actor, unit, "topic.add", None, {"code": code, "name": name}, now)
    db.session.flush()
    return label


def rename_topic(actor: User, unit: Unit, code: str, name: str, now: datetime) -> TaxonomyLabel:
    label = _get(code)
    name = _checked_name(name, except_id=label.id)
    if name != label.name:
        record(actor, unit, "topic.rename", {"code": code, "name": label.name}, {"code": code, "name": name}, now)
        label.name = name
    db.session.flush()
    return label


def retire_topic(actor: User, unit: Unit, code: str, now: datetime) -> TaxonomyLabel:
    label = _get(code)
    if label.retired:
        raise ValidationFailed({"code": f"Lĩnh vực “{label.name}” đã ngừng dùng."})
    if not any(other.id != label.id and not other.retired for other in topics()):
        raise ValidationFailed({"code": "Cần giữ ít nhất một lĩnh vực đang dùng."})
    label.retired = True  # kept: old reports still name it
    record(actor, unit, "topic.retire", {"code": code, "name": label.name, "retired": False},
           {"code": code, "name": label.name, "retired": True}, now)
    db.session.flush()
    return label


def restore_topic(actor: User, unit: Unit, code: str, now: datetime) -> TaxonomyLabel:
    label = _get(code)
    if not label.retired:
        raise ValidationFailed({"code": f"Lĩnh vực “{label.name}” đang được dùng."})
    label.retired = False
    record(actor, unit, "topic.restore", {"code": code, "name": label.name, "retired": True},
           {"code": code, "name": label.name, "retired": False}, now)
    db.session.flush()
    return label


def classifier_notice(label: TaxonomyLabel) -> str:
    """What the administrator must know after adding a topic."""
    return (f"Đã thêm lĩnh vực “{label.name}” (mã {label.code}). Bộ phân loại tự động chưa thể gợi ý "
            f"lĩnh vực này cho đến khi có ví dụ: cần khoảng {MIN_EXAMPLES} báo cáo mẫu trong tệp "
            f"data/corpus/{label.code}.jsonl (rồi chạy python data/build_splits.py) hoặc các lần cán bộ "
            f"sửa nhãn sang lĩnh vực này, sau đó chạy lệnh `flask --app opinion retrain`. Trong lúc chờ, cán bộ gán lĩnh vực này bằng tay.")
