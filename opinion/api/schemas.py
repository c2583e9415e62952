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
