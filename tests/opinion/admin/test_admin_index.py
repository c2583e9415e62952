"""The administration home links every page an administrator may use, per managed unit."""


def test_province_admin_sees_every_managed_unit_and_the_topic_list(client, users, login):
    login(users["admin"])  # a province administrator: the province and its two communes
    html = client.get("/quan-tri/").get_data(as_text=True)
    for code in ("T1", "T1-A", "T1-B"):
        assert f"/quan-tri/don-vi/{code}/nguoi-dung" in html
        assert f"/quan-tri/don-vi/{code}/cai-dat" in html
    assert "/quan-tri/don-vi/T1-A/thon-ban" in html and "/quan-tri/don-vi/T1/thon-ban" not in html
    assert "/quan-tri/linh-vuc" in html


def test_commune_admin_sees_only_their_commune(client, users, make_user, units, login):
    login(make_user("admin.a", "admin", units["a"]))
    html = client.get("/quan-tri/").get_data(as_text=True)
    assert "/quan-tri/don-vi/T1-A/nguoi-dung" in html
    assert "/quan-tri/don-vi/T1-B/" not in html and "/quan-tri/linh-vuc" not in html
