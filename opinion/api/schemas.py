"""The API's one schema layer: request shapes, response shapes, and their JSON Schema."""
from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field


class TokenRequest(BaseModel):
    username: str = Field(max_length=80)
    password: str = Field(max_length=200)


class TokenResponse(BaseModel):
    token: str
    expires_at: datetime


class ReportCreate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "kind": "field", "source": "truc_tiep",
        "text": "Người dân thôn phản ánh đường vào bản bị sạt lở, xe máy không đi được."}]})

    kind: Literal["field", "social"]
    text: str = Field(description="Nội dung báo cáo hoặc tóm tắt bài đăng, 10–5000 ký tự.")
    source: str = Field(description="Mã nguồn theo taxonomy.md: truc_tiep, hoi_hop, mang_xa_hoi, bao_chi, khac.")
    url: str | None = Field(default=None, description="Bắt buộc với kind=social; chỉ http/https.")
    village: str | None = Field(default=None, description="Mã thôn/bản lấy từ GET /api/v1/units.")
    observed_at: AwareDatetime | None = Field(default=None, description="ISO 8601 có múi giờ.")


class ReportOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    kind: Literal["field", "social"]
    text: str = Field(description="Số điện thoại và số giấy tờ tùy thân đã được che.")
    source: str
    url: str | None
    platform: str | None
    unit: str
    village: str | None
    observed_at: datetime | None
    created_at: datetime
    status: str
    status_label: str
    topic: str | None
    urgency: str | None
    sentiment: str | None
    topic_confidence: float | None
    urgency_confidence: float | None
    sentiment_confidence: float | None
    needs_review: bool
    overdue: bool
    model_version: str | None
    group: int | None = Field(description="Vụ việc mà báo cáo được gộp vào, hoặc null.")
    similar: list[int] | None = Field(
        default=None, description="Chỉ với cán bộ xử lý: các báo cáo có thể cùng vụ việc.")
    reasons: dict[str, list[str]] | None = Field(
        default=None, description="Chỉ với cán bộ xử lý: các từ trong báo cáo ảnh hưởng nhiều nhất "
                                  "đến từng nhãn dự đoán.")


class ReportPage(BaseModel):
    items: list[ReportOut]
    next_cursor: str | None


class UnitOut(BaseModel):
    code: str
    name: str
    kind: Literal["province", "commune", "village"]
    children: list["UnitOut"] = []


class ErrorBody(BaseModel):
    code: str
    message: str
    fields: dict[str, str] | None = None


class ErrorOut(BaseModel):
    error: ErrorBody


class Health(BaseModel):
    status: str
    database: str


class TransitionIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"to": "dang_xu_ly", "note": "Đã giao cán bộ thôn kiểm tra."}]})

    to: str = Field(description="Trạng thái đích: dang_xu_ly, da_chuyen, bao_cao_cap_tren, da_giai_quyet, luu_tru.")
    note: str | None = Field(default=None, max_length=2000)
    handler: str | None = Field(default=None, max_length=200, description="Cơ quan xử lý (bắt buộc với da_chuyen).")


class MatterIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"action": "merge", "report": 12},
                                                              {"action": "split"}]})

    action: Literal["merge", "split"] = Field(
        description="merge: gộp báo cáo `report` (cùng vụ việc của nó) vào vụ việc của báo cáo này; "
                    "split: tách báo cáo này khỏi vụ việc.")
    report: int | None = Field(default=None, ge=1, le=2**31 - 1, description="Số báo cáo cần gộp (với merge).")


class LabelsIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"topic": "dat_dai"}]})

    topic: str | None = None
    urgency: str | None = None
    sentiment: str | None = None


class HistoryEntry(BaseModel):
    kind: Literal["submitted", "tagged", "corrected", "transition", "anonymised",
                  "matter_join", "matter_merge", "matter_split", "matter_lift"]
    at: datetime
    from_status: str | None
    to_status: str | None
    actor: str | None = None
    actor_unit: str | None = None
    note: str | None = None
    handler: str | None = None
    data: dict | None = None


class History(BaseModel):
    items: list[HistoryEntry]


class QueueCounts(BaseModel):
    status: dict[str, int]
    urgency: dict[str, int]
