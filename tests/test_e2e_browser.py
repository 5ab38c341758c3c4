"""End to end in a real headless Chromium: `policykg ui` over the seed corpus, ask, open an entity, export."""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium")]
playwright_api = pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`policykg ui` on a free loopback port over a workspace built from corpus/ with the fake embedder."""
    from ui.settings import Settings
    from ui.workspace import Workspace

    root = tmp_path_factory.mktemp("e2e") / "ws"
    corpus = tmp_path_factory.mktemp("e2e_corpus")
    for seed in sorted((ROOT / "corpus").glob("*.txt")):
        shutil.copy(seed, corpus / seed.name)
    builder = Workspace(Settings(workspace=root, corpus=corpus, embedder="fake"))
    report = builder.ingest([corpus], progress=False)
    assert report.added and not report.failed
    builder.graph.close()   # release the store's write lock: the server's uploads need it
    port = free_port()
    env = {**os.environ, "POLICYKG_CORPUS": str(corpus)}
    started = time.monotonic()
    # A file, not a pipe: nobody reads a pipe while the tests run, and a full one would block the server.
    log_path = tmp_path_factory.mktemp("e2e_log") / "server.log"
    log = open(log_path, "wb")
    proc = subprocess.Popen([sys.executable, "-m", "ui.cli", "--workspace", str(root), "--embedder", "fake",
                             "ui", "--port", str(port)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() - started > 30:
                out = log_path.read_text(encoding="utf-8", errors="replace")
                pytest.fail(f"policykg ui did not come up on {base}: {out}")
            time.sleep(0.2)
        print(f"\npolicykg ui answered its health check after {time.monotonic() - started:.1f}s")
        yield base, root, corpus
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
    # What the server printed while the pages were used: no traceback, no "Exception ignored" (e.g. a
    # pyoxigraph result freed by another thread than the one that made it).
    printed = log_path.read_text(encoding="utf-8", errors="replace")
    assert not re.search(r"Traceback|Exception ignored|unsendable", printed), printed[-3000:]


@pytest.fixture(scope="module")
def requests_made() -> list[str]:
    """Every URL the browser asked for while the tests ran (the page may fetch nothing from another host)."""
    return []


@pytest.fixture(scope="module")
def page(server, requests_made):
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        context = browser.new_context(viewport={"width": 1400, "height": 1600}, accept_downloads=True)
        context.on("request", lambda request: requests_made.append(request.url))
        pg = context.new_page()
        pg.set_default_timeout(30_000)
        yield pg
        context.close()
        browser.close()
    foreign = sorted({u for u in requests_made if urlsplit(u).scheme in ("http", "https", "ws", "wss")
                      and urlsplit(u).hostname != "127.0.0.1"})
    assert requests_made and not foreign, f"requests to other hosts: {foreign}"


# What a reader must never see: internal keys and values, or the graph's placeholder IRIs.
RAW_KEYS = re.compile(r"\b(direct|scope|via|basis|intent|value_text|projects_by_place|section_scope|record_id)"
                      r"\b\s*[：:=]|[：:]\s*(True|False)\b|policykg\.example")


def no_raw_keys(pg) -> None:
    shown = pg.locator("[data-testid=stMain]").inner_text()
    found = RAW_KEYS.search(shown)
    assert not found, f"raw key on the page: {found.group(0)!r}"


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    directory = tmp_path_factory.mktemp("screenshots")
    yield directory
    print(f"\nscreenshots in {directory}: {', '.join(sorted(p.name for p in directory.glob('*.png')))}")


def settle(pg) -> None:
    """Wait until the app has finished running its script (the status widget disappears)."""
    pg.wait_for_selector("[data-testid=stAppViewContainer]")
    pg.wait_for_timeout(500)
    pg.wait_for_function("!document.querySelector('[data-testid=stStatusWidget]')")
    pg.wait_for_timeout(300)


def shown_once(pg, text: str) -> bool:
    """The text is on the page once, waiting for it first: on a loaded machine the script may still be running
    after settle() (its status widget not yet shown)."""
    pg.get_by_text(text).first.wait_for(timeout=60_000)
    return pg.get_by_text(text).count() == 1


def snap(pg, shots: Path, name: str) -> None:
    path = shots / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")


def test_ask_then_open_a_citation_and_an_entity_page(server, page, shots):
    base, _, _ = server
    page.goto(f"{base}/ask")                       # the Ask page's own address (not only "/") resolves
    settle(page)
    assert page.get_by_text("Page not found").count() == 0
    page.get_by_label("问题 Question").fill("哪些项目涉及昭通")
    page.get_by_role("button", name="提问 Ask").click()
    page.wait_for_selector("mark")            # a citation, highlighted inside its paragraph
    settle(page)
    assert page.locator("[data-testid=stAlertContentSuccess]").count() == 1   # the answer line
    assert page.locator(".pkg-cite").count() >= 3
    assert "昭通" in page.locator("mark").first.inner_text() or page.locator("text=昭通").count()
    assert page.get_by_text("直接点名").count() >= 1
    no_raw_keys(page)
    snap(page, shots, "1-ask")

    cited = page.locator(".pkg-cite mark").first.inner_text()
    page.locator("a.pkg-open").first.click()      # the citation opens its passage in the document
    page.wait_for_url("**/documents?doc=*")
    settle(page)
    assert page.locator("#pkg-passage").inner_text().strip() == cited.strip()
    assert shown_once(page, "章节 Section")
    no_raw_keys(page)
    snap(page, shots, "2-document-passage")

    page.go_back()                                # the answer is still there: the question is in the URL
    page.wait_for_selector(".pkg-cite")
    settle(page)
    page.get_by_role("link", name="实体页 →").first.click()
    page.wait_for_url("**/entity?id=*")
    settle(page)
    assert page.locator("h1").first.inner_text().strip()
    assert page.locator("[data-testid=stHeading]").count() >= 2
    no_raw_keys(page)
    snap(page, shots, "3-entity-project")


def test_an_english_question_gets_english_labels(server, page, shots):
    base, _, _ = server
    page.goto(f"{base}/ask?q=Which%20projects%20involve%20Zhaotong%3F")
    page.wait_for_selector("mark")
    settle(page)
    assert page.get_by_text("Entity page →").count() >= 1 and page.get_by_text("named directly").count() >= 1
    no_raw_keys(page)
    snap(page, shots, "4-ask-english")


def test_place_entity_page(server, page, shots):
    base, _, _ = server
    page.goto(f"{base}/entity?id=place/adcode:530600")
    settle(page)
    assert page.locator("h1").first.inner_text().strip() == "昭通市"
    assert shown_once(page, "涉及的项目")
    no_raw_keys(page)
    snap(page, shots, "5-entity-place")


def test_graph_page_draws_offline(server, page, shots):
    base, _, _ = server
    page.goto(f"{base}/entity?id=place/adcode:530600")
    settle(page)
    page.get_by_role("link", name="在图谱中查看 Graph →").click()
    page.wait_for_url("**/graph?place=*")
    settle(page)
    frame = page.frame_locator("iframe").first
    frame.locator("svg circle").first.wait_for()
    assert frame.locator("svg circle").count() > 3
    no_raw_keys(page)
    snap(page, shots, "6-graph")
    frame.locator("svg circle").first.dblclick()   # a node opens its entity page in the app
    page.wait_for_url("**/entity?id=*")
    settle(page)
    assert page.locator("h1").first.inner_text().strip()


def test_export_downloads_parse(server, page, shots, tmp_path):
    import networkx as nx

    base, _, _ = server
    page.goto(f"{base}/export")
    settle(page)
    page.get_by_role("button", name="下载 GEXF").wait_for()
    no_raw_keys(page)
    snap(page, shots, "7-export")
    for label, reader in (("下载 GEXF", nx.read_gexf), ("下载 GRAPHML", nx.read_graphml)):
        with page.expect_download() as info:
            page.get_by_role("button", name=label).click()
        target = tmp_path / info.value.suggested_filename
        info.value.save_as(target)
        graph = reader(target)
        assert graph.number_of_nodes() > 0


def upload(page, path: Path) -> None:
    page.locator("input[type=file]").set_input_files(str(path))
    # The browser sends the file in the background: submit only once the uploader lists it.
    page.locator("[data-testid=stFileChipName]").get_by_text(path.name).wait_for()
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="导入 Ingest").click()


def test_documents_page_and_uploads(server, page, shots, tmp_path):
    base, _, corpus = server
    page.goto(f"{base}/documents")
    settle(page)
    assert shown_once(page, "已导入 2 份文件")
    snap(page, shots, "8-documents")

    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"\x00\x01 this is not a pdf")
    upload(page, bad)
    page.get_by_text("无法导入 broken.pdf").wait_for()
    settle(page)
    snap(page, shots, "9-bad-upload")
    assert not (corpus / "uploads" / "broken.pdf").exists()
    assert shown_once(page, "已导入 2 份文件")   # the workspace is unchanged

    good = tmp_path / "大理通知.txt"
    good.write_text("关于加快大理机场改扩建的通知\n一、加快建设大理机场改扩建工程。\n", encoding="utf-8")
    upload(page, good)
    done, failed = page.get_by_text("已导入 大理通知.txt"), page.get_by_text("无法导入 大理通知.txt")
    done.or_(failed).wait_for()
    settle(page)
    assert not failed.count(), failed.inner_text()
    snap(page, shots, "10-good-upload")
    assert shown_once(page, "已导入 3 份文件")
    assert (corpus / "uploads" / "大理通知.txt").exists()
