"""Offline-first submission in real Chromium (Debian's chromium driven by Playwright), against the
real app and database on a live port. The network faults are the browser's: offline emulation,
and requests answered 500 or held by Playwright's router before they reach our server.
Nothing here waits on a clock: every wait is for a state of the page or the database."""
import io
import time
import unicodedata

import pytest
from PIL import Image
from sqlalchemy import func, select

from opinion.extensions import db
from opinion.models import Report, ReportPhoto
from tests.browser_support import CHROMIUM_ARGS, LiveServer, chromium_path_or_skip
from tests.conftest import PASSWORD
from tests.images import jpeg_with_gps

pytestmark = pytest.mark.browser

SAVED = "Đã lưu trên máy, sẽ tự gửi khi có mạng"
# Pasted from Facebook: decomposed diacritics (combining marks), emoji with joiners, quotes.
PASTED = unicodedata.normalize(
    "NFD", "Bà con bản Khuổi chia sẻ bài: “đường lên nương sạt lở, xe không qua được” 😟🙏 👨‍👩‍👧\n"
           "Nhiều người hỏi khi nào xã sửa.")
TYPED = "Người dân thôn Nà Lầu phản ánh giá phân bón tăng gấp đôi, bà con rất lo lắng."


PHONE = {"viewport": {"width": 360, "height": 740}, "locale": "vi-VN", "has_touch": True}


@pytest.fixture
def playwright():
    executable = chromium_path_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        playwright.executable = executable
        yield playwright


@pytest.fixture
def browser(playwright):
    browser = playwright.chromium.launch(executable_path=playwright.executable, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def phone_profile(playwright, tmp_path):
    """A phone's browser with a real profile on disk (not incognito: installable, and its
    IndexedDB and caches survive closing the page)."""
    context = playwright.chromium.launch_persistent_context(
        tmp_path / "profile", executable_path=playwright.executable, args=CHROMIUM_ARGS, **PHONE)
    yield context
    context.close()


def phone(browser, **options):
    return browser.new_context(**PHONE, **options)


def log_in(page, server, username="ctv.a"):
    page.goto(server.url + "/")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("main button.primary")
    page.wait_for_url(server.url + "/")


def reports_in_database() -> list[Report]:
    db.session.rollback()
    db.session.expire_all()
    return list(db.session.scalars(select(Report).order_by(Report.id)))


def wait_until(condition, page, what: str):
    """Poll a condition of the database while letting the browser work (no fixed sleep)."""
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, f"still waiting for: {what}"
        page.wait_for_timeout(100)


def outbox_size(page) -> int:
    return page.evaluate("document.querySelectorAll('.outbox-item').length")


def wait_for_empty_outbox(page):
    page.wait_for_function("() => document.querySelector('.outbox') !== null"
                           " && document.querySelectorAll('.outbox-item').length === 0", timeout=30_000)


def test_reports_written_offline_are_sent_once_when_the_network_returns(app, users, phone_profile, tmp_path):
    photo_file = tmp_path / "anh-hien-truong.jpg"
    photo_file.write_bytes(jpeg_with_gps(size=(3000, 2000)))
    context = phone_profile
    page = context.new_page()
    with LiveServer(app) as server:
        log_in(page, server)
        page.goto(server.url + "/bao-cao/thuc-te")
        page.wait_for_function("() => window.__usable === true")
        # The service worker takes control and keeps the collaborator's pages for offline use.
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30_000)
        page.wait_for_function("() => caches.match('/bao-cao/mang-xa-hoi').then(r => !!r)", timeout=30_000)
        installability = context.new_cdp_session(page).send("Page.getInstallabilityErrors")
        assert installability["installabilityErrors"] == []

        context.set_offline(True)
        page.reload()  # the form opens without a network (from the service worker's cache)
        page.wait_for_function("() => window.__usable === true")

        page.fill("#text", PASTED)
        page.click("main button.primary")
        page.wait_for_selector(f"text={SAVED}")
        page.click("#text")
        page.keyboard.type(TYPED)
        page.set_input_files("#photo", str(photo_file))
        page.click("main button.primary")
        page.wait_for_function("() => document.querySelectorAll('.outbox-item').length === 2")
        listing = page.inner_text(".outbox")
        assert "Báo cáo đang chờ gửi (2)" in listing and "có ảnh" in listing
        assert "Nà Lầu phản ánh giá phân bón" in listing
        assert page.input_value("#text") == ""  # ready for the next report
        assert reports_in_database() == []

        # Close the app and open it again, still offline: the two reports are still waiting.
        page.close()
        page = context.new_page()
        page.goto(server.url + "/")
        page.wait_for_function("() => document.querySelectorAll('.outbox-item').length === 2")
        assert reports_in_database() == []

        context.set_offline(False)
        wait_for_empty_outbox(page)
        wait_until(lambda: len(reports_in_database()) == 2, page, "two reports in the database")

        page.goto(server.url + "/bao-cao/cua-toi")
        assert "giá phân bón tăng gấp đôi" in page.inner_text(".report-list")
        page.close()

    reports = reports_in_database()
    assert len(reports) == 2
    texts = {r.text for r in reports}
    assert texts == {unicodedata.normalize("NFC", PASTED).strip(), TYPED}
    assert len({r.submission_key for r in reports}) == 2
    with_photo = next(r for r in reports if r.text == TYPED)
    assert with_photo.photo is not None and next(r for r in reports if r.text != TYPED).photo is None
    image = Image.open(io.BytesIO(with_photo.photo.data))
    assert max(image.size) == 1600 and len(image.getexif()) == 0  # resized on the phone, no EXIF
    assert db.session.scalar(select(func.count(ReportPhoto.id))) == 1


def test_a_server_failing_twice_then_answering_ends_with_one_report(app, users, browser):
    # The service worker is kept out: the outbox alone (IndexedDB + retries) does this.
    context = phone(browser, service_workers="block")
    page = context.new_page()
    attempts = []

    def fail_twice(route):
        if route.request.method != "POST":
            route.continue_()
            return
        attempts.append(route.request.post_data_buffer)
        if len(attempts) <= 2:
            route.fulfill(status=500, content_type="text/html", body="<h1>Lỗi hệ thống</h1>")
        else:
            route.continue_()

    with LiveServer(app) as server:
        log_in(page, server)
        page.goto(server.url + "/bao-cao/thuc-te")
        page.wait_for_function("() => window.__usable === true")
        page.route("**/bao-cao/thuc-te", fail_twice)
        page.fill("#text", PASTED)
        page.click("main button.primary")
        page.wait_for_selector(f"text={SAVED}")
        page.wait_for_selector("text=Đã gửi xong các báo cáo đang chờ", timeout=30_000)
        wait_for_empty_outbox(page)
        context.close()

    assert len(attempts) == 3
    keys = {body.split(b'name="submission_key"\r\n\r\n')[1].split(b"\r\n")[0] for body in attempts}
    assert len(keys) == 1  # the same submission key each time
    reports = reports_in_database()
    assert len(reports) == 1 and reports[0].text == unicodedata.normalize("NFC", PASTED).strip()


def test_a_reload_while_sending_creates_no_duplicate(app, users, browser):
    context = phone(browser, service_workers="block")
    page = context.new_page()
    held = []

    def reach_the_server_but_lose_the_answer(route):
        if route.request.method != "POST":
            route.continue_()
            return
        route.fetch()  # the server stores the report...
        held.append(route)  # ...and its answer never reaches the page

    with LiveServer(app) as server:
        log_in(page, server)
        page.goto(server.url + "/bao-cao/thuc-te")
        page.wait_for_function("() => window.__usable === true")
        page.route("**/bao-cao/thuc-te", reach_the_server_but_lose_the_answer)
        page.fill("#text", TYPED)
        page.click("main button.primary")
        wait_until(lambda: len(held) == 1, page, "the first attempt reaching the server")
        assert len(reports_in_database()) == 1
        page.unroute("**/bao-cao/thuc-te")

        page.reload()  # in the middle of sending: the report is still in the outbox, and is resent
        page.wait_for_function("() => window.__usable === true")
        wait_for_empty_outbox(page)
        context.close()

    reports = reports_in_database()
    assert len(reports) == 1 and reports[0].text == TYPED


def test_without_javascript_the_form_still_posts_with_a_photo(app, users, browser, tmp_path):
    photo_file = tmp_path / "anh.jpg"
    photo_file.write_bytes(jpeg_with_gps(size=(800, 600)))
    context = phone(browser, java_script_enabled=False)
    page = context.new_page()
    with LiveServer(app) as server:
        log_in(page, server)
        page.goto(server.url + "/bao-cao/thuc-te")
        page.fill("#text", TYPED)
        page.set_input_files("#photo", str(photo_file))
        page.click("main button.primary")
        assert "Đã gửi báo cáo" in page.inner_text("main")
        assert page.locator("img.report-photo").count() == 1
        context.close()
    reports = reports_in_database()
    assert len(reports) == 1 and reports[0].photo is not None


def test_a_report_queued_when_the_session_expired_is_kept_and_sent_after_logging_in(app, users, browser):
    context = phone(browser, service_workers="block")
    page = context.new_page()
    with LiveServer(app) as server:
        log_in(page, server)
        page.goto(server.url + "/bao-cao/mang-xa-hoi")
        page.wait_for_function("() => window.__usable === true")
        context.clear_cookies()  # the session ends while the form is open

        page.fill("#url", "https://www.facebook.com/groups/123/posts/456?fbclid=x")
        page.click("#text")
        # Typed with an input method (Telex): "Vieejt" is composed into "Việt" before it lands.
        cdp = context.new_cdp_session(page)
        for composing in ("V", "Vi", "Vie", "Viê", "Việ", "Việt"):
            cdp.send("Input.imeSetComposition", {"text": composing, "selectionStart": len(composing),
                                                 "selectionEnd": len(composing)})
        cdp.send("Input.insertText", {"text": "Việt"})
        page.keyboard.type(" Nam: bài đăng nói xã thu tiền điện sai quy định, nhiều người bức xúc.")
        page.click("main button.primary")
        page.wait_for_selector("text=Phiên đăng nhập đã hết hạn")
        assert outbox_size(page) == 1 and "đăng nhập lại" in page.inner_text(".outbox")
        assert reports_in_database() == []

        log_in(page, server)  # back on the home page: the waiting report goes out by itself
        wait_for_empty_outbox(page)
        context.close()

    reports = reports_in_database()
    assert len(reports) == 1
    assert reports[0].text == "Việt Nam: bài đăng nói xã thu tiền điện sai quy định, nhiều người bức xúc."
    assert reports[0].kind == "social" and reports[0].platform == "facebook"


def test_a_queued_report_with_a_file_that_is_not_an_image_is_refused_and_its_text_kept(
        app, users, browser, tmp_path):
    not_an_image = tmp_path / "giay-moi.jpg"
    not_an_image.write_bytes(b"%PDF-1.4 a document renamed to .jpg")
    context = phone(browser, service_workers="block")
    page = context.new_page()
    with LiveServer(app) as server:
        log_in(page, server)
        page.goto(server.url + "/bao-cao/thuc-te")
        page.wait_for_function("() => window.__usable === true")
        context.set_offline(True)
        page.fill("#text", TYPED)
        page.set_input_files("#photo", str(not_an_image))
        page.click("main button.primary")
        page.wait_for_selector(f"text={SAVED}")

        context.set_offline(False)  # sent, and refused by the server: kept, with the reason
        page.wait_for_selector(".outbox-rejected", timeout=30_000)
        assert "không phải là ảnh" in page.inner_text(".outbox-rejected")
        assert reports_in_database() == []

        page.click(".outbox-rejected >> text=Sửa lại")  # the text comes back into the form
        assert page.input_value("#text") == TYPED
        page.click("main button.primary")  # this time without the file
        page.wait_for_selector("text=Đã gửi báo cáo")
        assert outbox_size(page) == 0
        context.close()

    reports = reports_in_database()
    assert len(reports) == 1 and reports[0].text == TYPED and reports[0].photo is None
