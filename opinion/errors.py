"""Domain errors raised by services; views and the API turn them into Vietnamese answers."""


class DomainError(Exception):
    """Base: carries a Vietnamese message for the user."""

    code = "error"
    status = 400

    def __init__(self, message: str, status: int | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        if code is not None:
            self.code = code


class ValidationFailed(DomainError):
    """Input that breaks a rule; `fields` maps field names to Vietnamese messages."""

    code = "validation_error"
    status = 422

    def __init__(self, fields: dict[str, str], message: str = "Dữ liệu chưa hợp lệ, vui lòng sửa các mục được đánh dấu."):
        super().__init__(message)
        self.fields = fields


class Conflict(DomainError):
    code = "conflict"
    status = 409
