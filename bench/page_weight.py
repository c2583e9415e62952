"""Weight and speed of the collaborator's submit page on a slow 3G phone link.

python bench/page_weight.py [--runs 3] [--page /bao-cao/thuc-te] [--compression br,gzip]

Real Chromium (Debian's, through Playwright) against the app served on a local port with a
throwaway SQLite database (one commune, eight villages, one collaborator). The collaborator
logs in first (not measured); then the submit page is loaded as a first visit: browser cache
disabled, no service worker yet, the link emulated through the DevTools protocol at 400 ms
latency and 400 kbit/s each way (Network.emulateNetworkConditions). Measured:

- transferred bytes: the sum of `encodedDataLength` of every response of the page
  (Network.loadingFinished): headers and compressed bodies, as they cross the link;
- time to usable: from navigation start until outbox.js has enhanced the form
  (`window.__usableAt`, performance.now() in the page), with DOMContentLoaded beside it.

Budget (issue 6): at most 60 KB transferred, usable within 3 s.
"""
import sys
from pathlib import Path

# Run as a script, bench/ comes first on sys.path; the project root must come first instead.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse
import logging
import os
import shutil
import statistics
import tempfile
import threading

from werkzeug.serving import make_server

BUDGET_BYTES = 60 * 1024
BUDGET_SECONDS = 3.0
SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 50_000, "uploadThroughput": 50_000}
PASSWORD = "mat-khau-do-trang-2026"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def build_app(folder: Path, algorithms: list[str]):
    from flask_migrate import upgrade

    from opinion import create_app
    from opinion.config import TestConfig
    from opinion.extensions import db
    from opinion.models import Unit, User

    config = TestConfig(folder, f"sqlite:///{folder / 'bench.db'}")
    config.TESTING = False
    config.LOG_LEVEL = "WARNING"
    config.COMPRESS_ALGORITHM = algorithms
    app = create_app(config)
    with app.app_context():
        upgrade()
        province = Unit(code="BT", name="Tỉnh Đo Trang", kind="province")
        commune = Unit(code="BT-1", name="Xã Nà Lầu", kind="commune", parent=province)
        villages = [Unit(code=f"BT-1-{i}", name=f"Thôn Bản Khuổi {i}", kind="village", parent=commune)
                    for i in range(1, 9)]
        user = User(username="ctv.do", full_name="Cộng tác viên đo trang", role="collaborator",
                    unit=commune, village=villages[0], active=True)
        user.set_password(PASSWORD)
        db.session.add_all([province, commune, *villages, user])
        db.session.commit()
    return app


def measure_once(browser, base_url: str, page_path: str) -> dict:
    # No service worker: a first visit, before the phone has kept anything.
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN",
                                  service_workers="block")
    page = context.new_page()
    page.goto(base_url + "/dang-nhap")
    page.fill("#username", "ctv.do")
    page.fill("#password", PASSWORD)
    page.click("main button.primary")
    page.wait_for_url(base_url + "/")

    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.clearBrowserCache")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    urls, sizes, encodings = {}, {}, {}

    def received(event):
        headers = {k.lower(): v for k, v in event["response"]["headers"].items()}
        urls[event["requestId"]] = event["response"]["url"]
        encodings[event["requestId"]] = headers.get("content-encoding", "-")

    cdp.on("Network.responseReceived", received)
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))

    page.goto(base_url + page_path, wait_until="load")
    page.wait_for_function("() => window.__usable === true")
    page.wait_for_load_state("networkidle")
    timing = page.evaluate("""() => ({
        usable: window.__usableAt,
        dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
        load: performance.getEntriesByType('navigation')[0].loadEventEnd})""")
    context.close()
    files = sorted(((urls.get(rid, rid).replace(base_url, "")[:60], size, encodings.get(rid, "-"))
                    for rid, size in sizes.items()), key=lambda item: -item[1])
    return {"bytes": sum(sizes.values()), "files": files, "usable_s": timing["usable"] / 1000,
            "dcl_s": timing["dcl"] / 1000, "load_s": timing["load"] / 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--page", default="/bao-cao/thuc-te")
    parser.add_argument("--compression", default="br,gzip",
                        help="what the server may use, in order (gzip: plain HTTP on a real host)")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        sys.exit("chromium not found (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        app = build_app(Path(tmp), args.compression.split(","))
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base_url = f"http://127.0.0.1:{server.server_port}"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
                runs = [measure_once(browser, base_url, args.page) for _ in range(args.runs)]
                browser.close()
        finally:
            server.shutdown()

    print(f"Submit page {args.page}, first load, slow 3G (400 ms, 400 kbit/s), "
          f"server compression {args.compression}, {args.runs} runs")
    for path, size, encoding in runs[-1]["files"]:
        print(f"  {size:>7,} B  {encoding:<5} {path}")
    total = statistics.median(r["bytes"] for r in runs)
    usable = statistics.median(r["usable_s"] for r in runs)
    dcl = statistics.median(r["dcl_s"] for r in runs)
    load = statistics.median(r["load_s"] for r in runs)
    print(f"transferred: {total / 1024:.1f} KB ({total:,.0f} bytes), budget 60 KB: "
          f"{'OK' if total <= BUDGET_BYTES else 'OVER'}")
    print(f"time to usable: {usable:.2f} s (DOMContentLoaded {dcl:.2f} s, load {load:.2f} s), "
          f"budget 3 s: {'OK' if usable <= BUDGET_SECONDS else 'OVER'}")
    if total > BUDGET_BYTES or usable > BUDGET_SECONDS:
        sys.exit(1)


if __name__ == "__main__":
    main()
