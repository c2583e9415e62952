"""A tiny labelled set and a model trained on it: enough to exercise the real code paths."""
import json

import pytest

from classifier.registry import save_model
from classifier.train import train_model

TINY = [
    ("Giá bồi thường đất làm đường quá thấp, bà con không đồng ý", "dat_dai", "tieu_cuc"),
    ("Dân phản đối thu hồi đất, đền bù không thỏa đáng", "dat_dai", "tieu_cuc"),
    ("Hỏi thủ tục cấp sổ đỏ cho đất thổ cư", "dat_dai", "trung_lap"),
    ("Tranh chấp ranh giới đất giữa hai hộ kéo dài", "dat_dai", "tieu_cuc"),
    ("Xã chi trả tiền bồi thường giải phóng mặt bằng nhanh, dân rất hài lòng", "dat_dai", "tich_cuc"),
    ("Cán bộ đo đạc lại diện tích đất bị thu hồi cho dân", "dat_dai", "trung_lap"),
    ("Đất nương bị lấn chiếm, xin xã giải quyết", "dat_dai", "tieu_cuc"),
    ("Giá đất nhà nước quy định thấp hơn giá thị trường nhiều", "dat_dai", "tieu_cuc"),
    ("Trạm y tế xã thiếu thuốc, người bệnh phải ra huyện", "y_te", "tieu_cuc"),
    ("Thẻ bảo hiểm y tế của trẻ em chưa được cấp", "y_te", "tieu_cuc"),
    ("Dịch sốt xuất huyết bùng phát ở thôn, nhiều người nhập viện", "y_te", "tieu_cuc"),
    ("Bác sĩ trạm y tế khám bệnh tận tình, bà con khen", "y_te", "tich_cuc"),
    ("Lịch tiêm chủng mở rộng tháng này vào ngày nào", "y_te", "trung_lap"),
    ("Ngộ độc thực phẩm sau đám cưới, hai chục người đi viện", "y_te", "tieu_cuc"),
    ("Giá thuốc ở quầy thuốc tư nhân tăng cao", "y_te", "tieu_cuc"),
    ("Bệnh viện huyện quá tải, người bệnh nằm ghép", "y_te", "tieu_cuc"),
    ("Trường học thu thêm nhiều khoản phí ngoài quy định", "giao_duc", "tieu_cuc"),
    ("Phòng học xuống cấp, mưa là dột, học sinh phải nghỉ", "giao_duc", "tieu_cuc"),
    ("Cô giáo chủ nhiệm dạy thêm bắt học sinh phải đi học", "giao_duc", "tieu_cuc"),
    ("Phụ huynh khen nhà trường tổ chức bán trú tốt", "giao_duc", "tich_cuc"),
    ("Hỏi lịch thi tuyển sinh vào lớp mười năm nay", "giao_duc", "trung_lap"),
    ("Học sinh đi học phải lội suối nguy hiểm", "giao_duc", "tieu_cuc"),
    ("Giáo viên hợp đồng bị nợ lương ba tháng", "giao_duc", "tieu_cuc"),
    ("Trường mầm non thiếu giáo viên", "giao_duc", "tieu_cuc"),
]


@pytest.fixture(scope="session")
def tiny_records():
    return [{"text": text, "topic": topic, "sentiment": sentiment} for text, topic, sentiment in TINY]


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory, tiny_records):
    model = train_model(tiny_records, ["topic", "sentiment"], {"min_df": 1, "calibration_folds": 2})
    folder = tmp_path_factory.mktemp("models") / "tiny"
    save_model(model, folder, {"n_train": len(tiny_records)})
    return folder


@pytest.fixture
def write_jsonl(tmp_path):
    def write(name, records):
        path = tmp_path / name
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        return path
    return write
