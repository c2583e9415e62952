"""The topic list: one for the deployment, changed only by administrators of a top-level unit."""
import pytest
from sqlalchemy import select

from opinion.extensions import db
from opinion.models import AdminChange, TaxonomyLabel
from opinion.services import taxonomy
from tests.conftest import csrf_token_in

PAGE = "/quan-tri/linh-vuc"


@pytest.fixture(autouse=True)
def restore_topics(app):
    """taxonomy_labels is reference data kept between tests: put the topics back as they were."""
    saved = {label.code: (label.name, label.retired, label.position)
             for label in db.session.scalars(select(TaxonomyLabel).where(TaxonomyLabel.field == "topic"))}
    yield
    db.session.rollback()
    for label in db.session.scalars(select(TaxonomyLabel).where(TaxonomyLabel.field == "topic")):
        if label.code not in saved:
            db.session.delete(label)
        else:
            label.name, label.retired, label.position = saved[label.code]
    db.session.commit()


@pytest.fixture
def admin_client(client, users, login):
    login(users["admin"])  # administrator of the province: a top-level unit
    return client


def _token(client) -> str:
    return csrf_token_in(client.get(PAGE).get_data(as_text=True))


def switch_to(client, login, user, page=PAGE):
    """Log out (from a page of the current user) and log in as `user`."""
    client.post("/dang-xuat", data={"csrf_token": csrf_token_in(client.get(page).get_data(as_text=True))})
    login(user)


def test_add_a_topic_offers_it_and_tells_about_the_classifier(admin_client, client, users, login, make_report):
    response = admin_client.post(PAGE, data={"csrf_token": _token(admin_client), "code": "nuoc_sach",
                                             "name": "Nước sạch, vệ sinh"})
    assert response.status_code == 302
    html = admin_client.get(PAGE).get_data(as_text=True)  # the notice is flashed on the next page
    assert "Đã thêm lĩnh vực “Nước sạch, vệ sinh”" in html
    assert "150" in html and "data/corpus/nuoc_sach.jsonl" in html and "flask --app opinion retrain" in html
    change = db.session.scalar(select(AdminChange).where(AdminChange.action == "topic.add"))
    assert change.unit_id == users["admin"].unit_id and "nuoc_sach" in change.after

    report = make_report(users["ctv"])
    switch_to(client, login, users["reviewer"])
    assert 'value="nuoc_sach"' in client.get("/xu-ly/").get_data(as_text=True)  # queue filter
    assert 'value="nuoc_sach"' in client.get(f"/xu-ly/bao-cao/{report.id}").get_data(as_text=True)  # label form
    assert client.get("/xu-ly/?topic=nuoc_sach").status_code == 200


def test_bad_or_duplicate_topics_are_refused(admin_client):
    token = _token(admin_client)
    for code, name, message in (("Nuoc Sach", "Nước sạch", "Mã gồm chữ thường không dấu"),
                                ("y_te", "Y tế học đường", "Mã y_te đã có"),
                                ("y_te_2", "Y TE", "Đã có lĩnh vực “Y tế”"),
                                ("nuoc_sach", "", "Vui lòng nhập tên lĩnh vực")):
        response = admin_client.post(PAGE, data={"csrf_token": token, "code": code, "name": name})
        assert response.status_code == 422, code
        assert message in response.get_data(as_text=True), code
    assert taxonomy.names("topic").get("nuoc_sach") is None


def test_retire_hides_the_topic_but_old_reports_keep_it(admin_client, client, users, login, make_report):
    report = make_report(users["ctv"])
    report.topic = "giao_duc"
    db.session.commit()
    token = _token(admin_client)
    assert admin_client.post(f"{PAGE}/giao_duc/ngung", data={"csrf_token": token}).status_code == 302
    assert "giao_duc" not in dict(taxonomy.choices("topic"))

    switch_to(client, login, users["reviewer"])
    queue = client.get("/xu-ly/?status=moi").get_data(as_text=True)
    assert 'value="giao_duc"' not in queue  # no longer offered in the filter
    assert "Giáo dục" in queue  # the old report still shows its topic
    page = client.get(f"/xu-ly/bao-cao/{report.id}").get_data(as_text=True)
    assert 'value="giao_duc"' not in page and "Giáo dục" in page

    switch_to(client, login, users["admin"], page="/xu-ly/")
    assert admin_client.post(f"{PAGE}/giao_duc/dung-lai", data={"csrf_token": _token(admin_client)}).status_code == 302
    assert "giao_duc" in dict(taxonomy.choices("topic"))
    actions = db.session.scalars(select(AdminChange.action).order_by(AdminChange.id)).all()
    assert actions == ["topic.retire", "topic.restore"]


def test_rename_a_topic(admin_client, users, make_report):
    token = _token(admin_client)
    response = admin_client.post(f"{PAGE}/y_te/doi-ten", data={"csrf_token": token, "name": "Y tế, dân số"})
    assert response.status_code == 302
    assert taxonomy.names("topic")["y_te"] == "Y tế, dân số"
    clash = admin_client.post(f"{PAGE}/y_te/doi-ten", data={"csrf_token": token, "name": "giao duc"})
    assert clash.status_code == 422 and "Đã có lĩnh vực “Giáo dục”" in clash.get_data(as_text=True)
    change = db.session.scalar(select(AdminChange).where(AdminChange.action == "topic.rename"))
    assert '"Y tế"' in change.before and "Y tế, dân số" in change.after


def test_only_administrators_of_a_top_level_unit(client, users, make_user, make_unit, login, units):
    login(make_user("admin.a", "admin", units["a"]))  # a commune inside a province
    assert client.get(PAGE).status_code == 403
    token = csrf_token_in(client.get("/quan-tri/don-vi/T1-A/danh-muc").get_data(as_text=True))
    refused = client.post(PAGE, data={"csrf_token": token, "code": "nuoc_sach", "name": "Nước sạch"})
    assert refused.status_code == 403
    assert client.post(f"{PAGE}/dat_dai/ngung", data={"csrf_token": token}).status_code == 403
    assert "dat_dai" in dict(taxonomy.choices("topic"))

    lone = make_unit("X9", "commune", name="Xã Độc Lập")  # a deployment for a single commune
    switch_to(client, login, make_user("admin.x9", "admin", lone), page="/quan-tri/")
    assert client.get(PAGE).status_code == 200

    switch_to(client, login, users["reviewer"])
    assert client.get(PAGE).status_code == 403
