"""The OpenAPI 3 document, with schemas generated from api/schemas.py."""
from functools import lru_cache

from pydantic.json_schema import models_json_schema

from opinion.api import schemas

REF = "#/components/schemas/{model}"
BEARER = [{"bearerAuth": []}]


def _json(ref: str) -> dict:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}


def _response(description: str, ref: str) -> dict:
    return {"description": description, "content": _json(ref)}


def _errors(*codes: int) -> dict:
    text = {400: "Yêu cầu sai định dạng", 401: "Chưa đăng nhập hoặc mã truy cập sai",
            403: "Không có quyền", 404: "Không tìm thấy hoặc không được xem",
            409: "Xung đột trạng thái", 413: "Quá lớn", 422: "Dữ liệu không hợp lệ",
            429: "Quá nhiều yêu cầu"}
    return {str(code): _response(text[code], "ErrorOut") for code in codes}


def _param(name: str, where: str, description: str, required: bool = False, schema=None) -> dict:
    return {"name": name, "in": where, "required": required, "description": description,
            "schema": schema or {"type": "string"}}


PATHS = {
    "/healthz": {"get": {
        "summary": "Kiểm tra hoạt động (cơ sở dữ liệu có trả lời)", "security": [],
        "responses": {"200": _response("Hoạt động bình thường", "Health"),
                      "503": _response("Cơ sở dữ liệu không trả lời", "Health")}}},
    "/api/v1/auth/token": {"post": {
        "summary": "Lấy mã truy cập (Bearer token)", "security": [],
        "requestBody": {"required": True, "content": _json("TokenRequest")},
        "responses": {"200": _response("Mã truy cập", "TokenResponse"), **_errors(400, 401, 422, 429)}},
        "delete": {
            "summary": "Đăng xuất: thu hồi mã truy cập đang dùng", "security": BEARER,
            "responses": {"204": {"description": "Đã thu hồi; mã này không dùng được nữa"}, **_errors(401)}}},
    "/api/v1/reports": {
        "post": {
            "summary": "Cộng tác viên gửi báo cáo", "security": BEARER,
            "parameters": [_param("Idempotency-Key", "header",
                                  "UUID do máy gửi tạo; gửi lại cùng mã trả về báo cáo cũ, không tạo mới.",
                                  schema={"type": "string", "pattern": "^[A-Za-z0-9_-]{8,64}$"})],
            "requestBody": {"required": True, "content": _json("ReportCreate")},
            "responses": {"201": _response("Đã tạo báo cáo", "ReportOut"),
                          "200": _response("Mã gửi đã dùng: trả lại báo cáo đã tạo", "ReportOut"),
                          **_errors(400, 401, 403, 413, 422, 429)}},
        "get": {
            "summary": "Báo cáo của tôi, mới nhất trước", "security": BEARER,
            "parameters": [
                _param("mine", "query", "Luôn là 1", schema={"type": "string", "enum": ["1"]}),
                _param("limit", "query", "Số dòng mỗi trang (1–100)",
                       schema={"type": "integer", "minimum": 1, "maximum": 100}),
                _param("cursor", "query", "Con trỏ trang tiếp theo (next_cursor)")],
            "responses": {"200": _response("Một trang báo cáo", "ReportPage"),
                          **_errors(401, 422)}}},
    "/api/v1/reports/{report_id}": {"get": {
        "summary": "Xem một báo cáo", "security": BEARER,
        "parameters": [_param("report_id", "path", "Mã báo cáo", True, {"type": "integer"})],
        "responses": {"200": _response("Báo cáo", "ReportOut"), **_errors(401, 404)}}},
    "/api/v1/queue": {"get": {
        "summary": "Hàng đợi xử lý của đơn vị: khẩn cấp trước, cũ trước", "security": BEARER,
        "parameters": [
            *[_param(name, "query", f"Lọc theo {name} (nhiều giá trị cách nhau bởi dấu phẩy)")
              for name in ("status", "topic", "urgency", "source", "platform", "village")],
            _param("q", "query", "Tìm trong nội dung, không phân biệt dấu và hoa thường"),
            _param("from", "query", "Từ ngày (YYYY-MM-DD, giờ Việt Nam)", schema={"type": "string", "format": "date"}),
            _param("to", "query", "Đến ngày (YYYY-MM-DD)", schema={"type": "string", "format": "date"}),
            _param("overdue", "query", "1: chỉ báo cáo quá hạn", schema={"type": "string", "enum": ["0", "1"]}),
            _param("needs_review", "query", "1: chỉ báo cáo cần xem lại nhãn",
                   schema={"type": "string", "enum": ["0", "1"]}),
            _param("limit", "query", "Số dòng mỗi trang (1–100)",
                   schema={"type": "integer", "minimum": 1, "maximum": 100}),
            _param("cursor", "query", "Con trỏ trang tiếp theo")],
        "responses": {"200": _response("Một trang hàng đợi", "ReportPage"), **_errors(401, 403, 422)}}},
    "/api/v1/reports/{report_id}/transitions": {"post": {
        "summary": "Chuyển trạng thái báo cáo", "security": BEARER,
        "parameters": [_param("report_id", "path", "Mã báo cáo", True, {"type": "integer"})],
        "requestBody": {"required": True, "content": _json("TransitionIn")},
        "responses": {"200": _response("Báo cáo sau khi chuyển", "ReportOut"),
                      **_errors(400, 401, 403, 404, 409, 422)}}},
    "/api/v1/reports/{report_id}/matter": {"post": {
        "summary": "Gộp một báo cáo khác (cùng vụ việc của nó) vào vụ việc của báo cáo này, hoặc tách báo cáo "
                   "này khỏi vụ việc; mỗi thao tác được ghi vào lịch sử", "security": BEARER,
        "parameters": [_param("report_id", "path", "Mã báo cáo", True, {"type": "integer"})],
        "requestBody": {"required": True, "content": _json("MatterIn")},
        "responses": {"200": _response("Báo cáo sau khi gộp hoặc tách (group là vụ việc)", "ReportOut"),
                      **_errors(400, 401, 403, 404, 409, 422)}}},
    "/api/v1/reports/{report_id}/labels": {"patch": {
        "summary": "Sửa nhãn (lưu làm nhãn chuẩn cho lần huấn luyện sau)", "security": BEARER,
        "parameters": [_param("report_id", "path", "Mã báo cáo", True, {"type": "integer"})],
        "requestBody": {"required": True, "content": _json("LabelsIn")},
        "responses": {"200": _response("Báo cáo sau khi sửa", "ReportOut"),
                      **_errors(400, 401, 403, 404, 422)}}},
    "/api/v1/reports/{report_id}/history": {"get": {
        "summary": "Lịch sử báo cáo, cũ trước", "security": BEARER,
        "parameters": [_param("report_id", "path", "Mã báo cáo", True, {"type": "integer"})],
        "responses": {"200": _response("Các sự kiện", "History"), **_errors(401, 404)}}},
    "/api/v1/units": {"get": {
        "summary": "Đơn vị của người dùng và các đơn vị trực thuộc", "security": BEARER,
        "responses": {"200": _response("Cây đơn vị", "UnitOut"), **_errors(401)}}},
    "/api/v1/stats/monthly": {"get": {
        "summary": "Số liệu báo cáo tháng (cùng số liệu với trang, file Word và Excel)", "security": BEARER,
        "parameters": [_param("unit", "query", "Mã đơn vị (tỉnh hoặc xã); mặc định đơn vị của người dùng"),
                       _param("month", "query", "Tháng dạng YYYY-MM; mặc định tháng hiện tại")],
        "responses": {"200": {"description": "Số liệu tháng và tháng trước",
                              "content": {"application/json": {"schema": {"type": "object"}}}},
                      **_errors(401, 403, 404, 422)}}},
    "/api/v1/openapi.json": {"get": {
        "summary": "Tài liệu OpenAPI này", "security": [],
        "responses": {"200": {"description": "Tài liệu OpenAPI 3",
                              "content": {"application/json": {"schema": {"type": "object"}}}}}}},
}

REQUEST_MODELS = (schemas.TokenRequest, schemas.ReportCreate, schemas.TransitionIn, schemas.LabelsIn,
                  schemas.MatterIn)
MODELS = [*REQUEST_MODELS, schemas.TokenResponse, schemas.ReportOut, schemas.ReportPage,
          schemas.UnitOut, schemas.ErrorOut, schemas.Health, schemas.History]


def _query_errors_documented(paths: dict) -> dict:
    """Every operation that reads the query string may answer 400 (a control character in it)."""
    for operations in paths.values():
        for operation in operations.values():
            if any(p["in"] == "query" for p in operation.get("parameters", [])):
                operation["responses"].setdefault("400", _errors(400)["400"])
    return paths


@lru_cache(maxsize=1)
def openapi_document() -> dict:
    modes = [(m, "validation" if m in REQUEST_MODELS else "serialization") for m in MODELS]
    _, top = models_json_schema(modes, ref_template=REF)
    return {
        "openapi": "3.1.0",
        "info": {"title": "opinion API", "version": "1",
                 "description": "Tiếp nhận và phân loại dư luận xã hội. Lỗi luôn là JSON "
                                "{\"error\": {\"code\", \"message\", \"fields\"?}}."},
        "paths": _query_errors_documented(PATHS),
        "components": {
            "schemas": top.get("$defs", {}),
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
        },
    }
