"""The status workflow of a report, as data (product.md, "Workflow of a report")."""

STATUS_NAMES = {
    "moi": "Mới tiếp nhận",
    "dang_xu_ly": "Đang xử lý",
    "da_chuyen": "Đã chuyển cơ quan xử lý",
    "bao_cao_cap_tren": "Đã báo cáo cấp trên",
    "da_giai_quyet": "Đã giải quyết",
    "luu_tru": "Lưu trữ",
}

# What a collaborator sees of each status: the public part of the outcome, no internal notes.
PUBLIC_STATUS_NAMES = {
    "moi": "Đã gửi, chờ tiếp nhận",
    "dang_xu_ly": "Đang được xem xét",
    "da_chuyen": "Đã chuyển cơ quan có thẩm quyền",
    "bao_cao_cap_tren": "Đã báo cáo cấp trên",
    "da_giai_quyet": "Đã giải quyết",
    "luu_tru": "Đã tiếp nhận, lưu để theo dõi",
}

INITIAL_STATUS = "moi"

# Allowed transitions: from -> {to: what the transition needs}. The only place this is decided.
# "note" is the free note; "handler" the handling body (da_chuyen).
TRANSITIONS: dict[str, dict[str, frozenset]] = {
    "moi": {
        "dang_xu_ly": frozenset(),
        "luu_tru": frozenset({"note"}),
    },
    "dang_xu_ly": {
        "da_chuyen": frozenset({"note", "handler"}),
        "bao_cao_cap_tren": frozenset({"note"}),
        "da_giai_quyet": frozenset({"note"}),
        "luu_tru": frozenset({"note"}),
    },
    "da_chuyen": {
        "dang_xu_ly": frozenset({"note"}),
        "bao_cao_cap_tren": frozenset({"note"}),
        "da_giai_quyet": frozenset({"note"}),
    },
    # Only the parent unit answers an escalated report: back to the commune with instructions.
    "bao_cao_cap_tren": {
        "dang_xu_ly": frozenset({"note"}),
    },
    "da_giai_quyet": {"dang_xu_ly": frozenset({"note"})},
    "luu_tru": {"dang_xu_ly": frozenset({"note"})},
}

# Who acts from a status: the report's own commune, or its parent (for escalated reports).
ACTING_LEVEL = {status: "commune" for status in TRANSITIONS} | {"bao_cao_cap_tren": "parent"}

# What the note means for each target, shown as the field's label.
NOTE_LABELS = {
    "dang_xu_ly": "Ghi chú",
    "da_chuyen": "Nội dung chuyển",
    "bao_cao_cap_tren": "Nội dung báo cáo cấp trên",
    "da_giai_quyet": "Kết quả giải quyết",
    "luu_tru": "Lý do lưu trữ",
}
