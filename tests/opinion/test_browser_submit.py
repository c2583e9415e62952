"""A collaborator on a phone-sized Chromium window sends a field report and a social link."""
import pytest
from sqlalchemy import select

from opinion.extensions import db
from opinion.models import Report
from tests.browser_support import CHROMIUM_ARGS, LiveServer, chromium_path_or_skip

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_page(app):
    executable = chromium_path_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN",
                                      is_mobile=True, has_touch=True)
        yield context.new_page()
        context.close()
        browser.close()


def test_collaborator_submits_on_a_phone(app, users, browser_page):
    page = browser_page
    with LiveServer(app) as server:
        page.goto(server.url + "/")
        page.fill("#username", "ctv.a")
        page.fill("#password", "mat-khau-thu-nghiem")
        page.click("main button.primary")
        page.click("text=Báo cáo thực tế")

        # Bad input first: the error shows and the text stays.
        page.fill("#text", "ngắn")
        page.click("main button.primary")
        # The page's script (outbox.js) sends the form and shows the server's answer in place.
        page.wait_for_selector(".report-form .error")
        assert "Nội dung quá ngắn" in page.inner_text(".report-form")
        assert page.input_value("#text") == "ngắn"

        page.fill("#text", "Bà con thôn Nà Lầu lo lắng vì giá phân bón tăng gấp đôi so với năm ngoái.")
        page.click("main button.primary")
        page.wait_for_selector("text=Đã gửi báo cáo")  # the script opens the report's page
        assert "Đã gửi báo cáo" in page.inner_text("main")

        page.goto(server.url + "/")
        page.click("text=Gửi bài mạng xã hội")
        page.fill("#url", "https://youtu.be/abc123XYZ?si=tracking")
        page.fill("#text", "Video lan truyền nói trường học sẽ thu thêm khoản phí mới, nhiều phụ huynh hoang mang.")
        page.click("main button.primary")
        page.wait_for_selector("text=Đã gửi báo cáo")  # the script opens the report's page
        assert "Đã gửi báo cáo" in page.inner_text("main")

        page.click("text=Báo cáo của tôi")
        listing = page.inner_text(".report-list")
        assert "giá phân bón tăng gấp đôi" in listing
        assert "trường học sẽ thu thêm" in listing
        # Nothing is wider than the phone: no sideways scrolling.
        assert page.evaluate("document.documentElement.scrollWidth") <= 360

    reports = db.session.scalars(select(Report).order_by(Report.id)).all()
    db.session.expire_all()
    assert [r.kind for r in reports] == ["field", "social"]
    assert reports[1].platform == "youtube"
