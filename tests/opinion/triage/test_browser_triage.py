"""Walk-through in real Chromium: a commune reviewer triages, escalates; the province answers."""
import pytest
from sqlalchemy import select

from opinion.extensions import db
from opinion.models import Report
from tests.browser_support import CHROMIUM_ARGS, LiveServer, chromium_path_or_skip

pytestmark = pytest.mark.browser


@pytest.fixture
def browser(app):
    executable = chromium_path_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def log_in(browser, base, username):
    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN").new_page()
    page.goto(base + "/dang-nhap")
    page.fill("#username", username)
    page.fill("#password", "mat-khau-thu-nghiem")
    page.click("main button.primary")
    return page


def act(page, target_name, note, handler=None):
    action = page.locator("details.action", has_text=target_name)
    action.locator("summary").click()
    if handler:
        action.locator("input[name=handler]").fill(handler)
    action.locator("textarea[name=note]").fill(note)
    action.locator("button.primary").click()


def test_commune_and_province_walk_through(app, users, make_report, browser):
    road = make_report(users["ctv"], text="Bà con thôn Nà Lầu phản ánh đường vào bản sạt lở, xe không đi được.")
    land = make_report(users["ctv"], text="Nhiều hộ không đồng ý giá bồi thường đất làm đường tỉnh.")
    with LiveServer(app) as server:
        page = log_in(browser, server.url, "ban35.a")
        assert "Hàng đợi xử lý" in page.inner_text("h1")
        page.fill("input[name=q]", "sat lo")  # no diacritics
        page.click(".filters button[type=submit]")
        rows = page.locator("table.queue tbody tr")
        assert rows.count() == 1 and "sạt lở" in rows.first.inner_text()
        rows.first.locator("td:last-child a").click()

        page.select_option("#topic", "ha_tang_moi_truong")
        page.select_option("#urgency", "cao")
        page.click(".labels-form button[type=submit]")
        assert "Đã lưu nhãn." in page.inner_text("main")

        act(page, "Đang xử lý", "Đã gọi trưởng thôn xác minh")
        assert "Đã chuyển sang “Đang xử lý”" in page.inner_text("main")
        act(page, "Đã chuyển cơ quan xử lý", "Đề nghị khắc phục tạm", handler="UBND xã")
        act(page, "Đã giải quyết", "Đã san gạt, thông đường")
        assert "Đã giải quyết" in page.inner_text("h1")

        page.goto(f"{server.url}/xu-ly/bao-cao/{land.id}")
        act(page, "Đang xử lý", "Tiếp nhận")
        act(page, "Đã báo cáo cấp trên", "Giá đất do tỉnh quyết định, đề nghị tỉnh chỉ đạo")

        province = log_in(browser, server.url, "tinh")
        queue_text = province.inner_text("table.queue")
        assert "bồi thường đất" in queue_text and "Xã An Bình" in queue_text
        province.locator("table.queue tbody tr td:last-child a").first.click()
        act(province, "Đang xử lý", "Phối hợp Sở Nông nghiệp và Môi trường rà soát giá đất")

        page.goto(f"{server.url}/xu-ly/?status=dang_xu_ly")
        assert "bồi thường đất" in page.inner_text("table.queue")
        page.locator("table.queue a", has_text="bồi thường đất").click()
        assert "Phối hợp Sở Nông nghiệp và Môi trường rà soát giá đất" in page.inner_text("ol.history")

    db.session.expire_all()
    statuses = dict(db.session.execute(select(Report.id, Report.status)).all())
    assert statuses == {road.id: "da_giai_quyet", land.id: "dang_xu_ly"}
