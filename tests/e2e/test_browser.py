"""End to end in a real browser: the HTML report and the live editor in headless Chromium.

Needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them)
and the ``e2e`` extra (selenium). Without them the tests skip and say why.
Chromium runs with the flags this machine needs (no network at all, a fresh
profile). Set GLOWLINT_SCREENSHOTS=DIR to save report.png and editor.png there
(docs/screenshots/ was made so).
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

webdriver = pytest.importorskip(
    "selenium.webdriver",
    reason="selenium is not installed: pip install -e '.[e2e]' to run the browser tests",
)
from selenium.common.exceptions import (  # noqa: E402
    StaleElementReferenceException,
    WebDriverException,
)
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "tests" / "data" / "report-rules.yaml"
WAIT = 10  # seconds: an upper bound for explicit waits, never a sleep
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=en-GB",
]

PAGE_MD = """# Glow peel

Our glow peel is completely painless and suitable for all skin types.
It is clinically proven to brighten.

Expect some redness for a day afterwards.
"""

PAGE_HTML = """<!DOCTYPE html><html><head><title>Microderm at our clinic</title></head><body>
<h1>Microderm</h1>
<p>Microdermabrasion is <b>painless</b> &amp; quick. <script>document.title="pwned"</script></p>
<p>Wear sunscreen afterwards.</p>
</body></html>
"""


def _find(names: list[str], env: str) -> str | None:
    if os.environ.get(env):
        return os.environ[env]
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    browser = _find(["chromium", "chromium-browser"], "GLOWLINT_CHROMIUM")
    chromedriver = _find(["chromedriver"], "GLOWLINT_CHROMEDRIVER")
    if not browser or not chromedriver:
        pytest.skip("no Chromium here: install Debian's chromium and chromium-driver "
                    "(apt-get install chromium chromium-driver) to run the browser tests")
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="glowlint-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        drv = webdriver.Chrome(options=options, service=Service(chromedriver))
    except WebDriverException as e:
        shutil.rmtree(profile, ignore_errors=True)
        pytest.skip(f"Chromium did not start: {e.msg}")
    drv.set_page_load_timeout(WAIT)
    try:
        yield drv
    finally:
        drv.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait(drv: Any, what: Any, message: str = "") -> Any:
    """Poll ``what`` until it holds. The editor replaces its result as the copy is
    checked again, so an element found in one poll may be gone when it is read:
    that poll failed, not the wait."""
    return WebDriverWait(drv, WAIT, poll_frequency=0.05,
                         ignored_exceptions=(StaleElementReferenceException,)
                         ).until(what, message)


def no_console_errors(drv: Any) -> None:
    """No script error and no blocked request (a CSP violation is logged as SEVERE)."""
    errors = [e for e in drv.get_log("browser") if e["level"] == "SEVERE"
              and "favicon.ico" not in e["message"]]
    assert errors == []


SCREENSHOTS = os.environ.get("GLOWLINT_SCREENSHOTS")

SAMPLE = (
    "Glow Peel at Lumen Skin Clinic\n\n"
    "Our glow peel is completely painless and suitable for all skin types. It is clinically "
    "proven to brighten dull skin, and most people see a fresher look after a few sessions.\n\n"
    "Expect some redness for a day afterwards, and wear sunscreen every day for a week."
)


def shot(drv: Any, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        drv.save_screenshot(str(Path(SCREENSHOTS) / name))


def card_numbers(drv: Any, rule: str) -> list[str]:
    cards = drv.find_elements(By.CSS_SELECTOR, f'.gl-cards > li.gl-card[data-rule="{rule}"]')
    return [c.get_attribute("data-n") for c in cards]


def marks_of(drv: Any, rule: str) -> list[Any]:
    """The highlights of a rule's findings, in document order."""
    found = []
    for n in card_numbers(drv, rule):
        found.extend(m for m in drv.find_elements(By.CSS_SELECTOR, f'mark.gl-hl[data-f~="{n}"]')
                     if m not in found)
    return found


# ---------------------------------------------------------------------------
# The report


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    (folder / "glow.md").write_text(PAGE_MD, encoding="utf-8")
    (folder / "microderm.html").write_text(PAGE_HTML, encoding="utf-8")
    out = folder / "report.html"
    result = subprocess.run(
        [sys.executable, "-m", "glowlint", "check", "--format", "html", "--output", str(out),
         "--rules", str(PACK), "glow.md", "microderm.html"],
        cwd=folder, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1, result.stderr
    return out


@pytest.fixture()
def report_page(driver: Any, report: Path) -> Any:
    driver.get(report.as_uri())
    wait(driver, lambda d: d.execute_script("return !!window.GL"), "the report script did not run")
    return driver


def test_report_highlights_the_right_words(report_page: Any) -> None:
    d = report_page
    assert [m.text for m in marks_of(d, "report-painless")] == ["painless", "painless"]
    assert [m.text for m in marks_of(d, "report-all-skin-types")] == [
        "suitable for all skin types"]
    assert [m.text for m in marks_of(d, "report-clinically-proven")] == ["clinically proven"]
    mark = marks_of(d, "report-painless")[0]
    assert "c-pain-free" in mark.get_attribute("class")
    assert "s-error" in mark.get_attribute("class")
    # The non-colour cue: a label drawn after the words, and a wavy line for an error.
    label = d.execute_script(
        "return getComputedStyle(arguments[0], '::after').content", mark)
    assert label.strip('"').startswith("E")
    assert d.execute_script(
        "return getComputedStyle(arguments[0]).textDecorationStyle", mark) == "wavy"
    # The copy, not the markup; the page's own script did not run.
    assert "<b>" not in d.find_element(By.CSS_SELECTOR, ".gl-copy").text
    assert d.title == "glowlint report"
    no_console_errors(d)


def test_report_tooltip_shows_message_basis_and_suggestion(report_page: Any) -> None:
    d = report_page
    mark = marks_of(d, "report-painless")[0]
    ActionChains(d).move_to_element(mark).perform()
    pop = wait(d, lambda d: d.find_element(By.ID, "gl-pop").is_displayed()
               and d.find_element(By.ID, "gl-pop"), "hovering did not show the details")
    text = pop.text
    assert "Promises that the treatment causes no pain at all." in text
    assert "CAP Code 3.1, 12.1" in text
    assert "most people feel only mild discomfort" in text
    pop.find_element(By.CSS_SELECTOR, "button.gl-copybtn").click()
    wait(d, lambda d: "Copied" in pop.text or "Copy failed" in pop.text, "copy gave no feedback")
    d.find_element(By.TAG_NAME, "h1").click()  # a click elsewhere closes it
    wait(d, lambda d: not d.find_element(By.ID, "gl-pop").is_displayed(), "did not close")


def test_report_filters_hide_and_show(report_page: Any) -> None:
    d = report_page
    painless = marks_of(d, "report-painless")[0]
    card = d.find_element(By.CSS_SELECTOR, '.gl-cards > [data-rule="report-painless"]')
    box = d.find_element(By.CSS_SELECTOR, 'input[data-filter="cat:pain-free"]')
    box.click()
    wait(d, lambda d: not card.is_displayed(), "the category filter did not hide the card")
    assert "gl-off" in painless.get_attribute("class")
    others = marks_of(d, "report-all-skin-types")[0]
    assert "gl-off" not in others.get_attribute("class")
    box.click()
    wait(d, lambda d: card.is_displayed(), "the category filter did not show the card again")
    assert "gl-off" not in painless.get_attribute("class")
    info = d.find_element(By.CSS_SELECTOR, '.gl-cards > [data-rule="report-clinically-proven"]')
    d.find_element(By.CSS_SELECTOR, 'input[data-filter="sev:info"]').click()
    wait(d, lambda d: not info.is_displayed(), "the severity filter did not hide the card")
    assert card.is_displayed()
    showing = d.find_element(By.CSS_SELECTOR, "[data-showing]").text
    assert showing.startswith("Showing ") and " of " in showing


def test_report_keyboard_navigation(report_page: Any) -> None:
    d = report_page
    body = d.find_element(By.TAG_NAME, "body")
    body.send_keys("n")
    first = wait(d, lambda d: d.switch_to.active_element.tag_name == "mark"
                 and d.switch_to.active_element, "n did not move to a finding")
    assert d.find_element(By.ID, "gl-pop").is_displayed()
    first_f = first.get_attribute("data-f")
    first.send_keys("n")
    wait(d, lambda d: d.switch_to.active_element.get_attribute("data-f") != first_f,
         "n did not move on")
    d.switch_to.active_element.send_keys("p")
    wait(d, lambda d: d.switch_to.active_element.get_attribute("data-f") == first_f,
         "p did not move back")
    d.switch_to.active_element.send_keys(Keys.ESCAPE)
    wait(d, lambda d: not d.find_element(By.ID, "gl-pop").is_displayed(), "Esc did not close")


# ---------------------------------------------------------------------------
# The live editor


@contextlib.contextmanager
def serving(extra: list[str]) -> Iterator[str]:
    """`glowlint serve` on a free loopback port, stopped afterwards; yields its address."""
    errors = tempfile.TemporaryFile(mode="w+")
    proc = subprocess.Popen(
        [sys.executable, "-m", "glowlint", "serve", "--port", "0", *extra],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=errors, text=True,
    )
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert proc.stdout is not None
        for x in proc.stdout:
            lines.put(x)
        lines.put("")  # the end: the server stopped

    threading.Thread(target=read, daemon=True).start()
    try:
        try:
            line = lines.get(timeout=30)
        except queue.Empty:
            line = ""
        if " on http" not in line:
            errors.seek(0)
            pytest.fail(f"glowlint serve did not start: {errors.read().strip()}")
        url = line.split(" on ", 1)[1].split()[0]
        assert url.startswith("http://127.0.0.1:")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        errors.close()


@pytest.fixture(scope="module")
def editor_url() -> Iterator[str]:
    with serving(["--rules", str(PACK)]) as url:
        yield url


def rendered(d: Any) -> int:
    return int(d.find_element(By.ID, "gl-result").get_attribute("data-seq") or 0)


def test_editor_shows_a_new_finding_as_you_type(driver: Any, editor_url: str,
                                                tmp_path: Path) -> None:
    d = driver
    d.get(editor_url)
    text = wait(d, lambda d: d.find_element(By.ID, "gl-text"))
    wait(d, lambda d: rendered(d) >= 1, "the empty text was never checked")
    text.send_keys("Our facial is relaxing and gentle.")
    wait(d, lambda d: "relaxing" in d.find_element(By.CSS_SELECTOR, "#gl-result .gl-copy").text,
         "the text was not checked as typed")
    assert marks_of(d, "report-painless") == []
    text.send_keys(" This peel is completely painless.")
    wait(d, lambda d: marks_of(d, "report-painless"), "typing an overclaim showed no finding")
    assert [m.text for m in marks_of(d, "report-painless")] == ["painless"]
    status = d.find_element(By.ID, "gl-status").text
    assert "finding" in status
    # Same details as the report.
    marks_of(d, "report-painless")[0].click()
    pop = wait(d, lambda d: d.find_element(By.ID, "gl-pop").is_displayed()
               and d.find_element(By.ID, "gl-pop"))
    assert "most people feel only mild discomfort" in pop.text
    d.find_element(By.TAG_NAME, "h1").click()
    # The profile selector re-checks the text.
    before = rendered(d)
    Select(d.find_element(By.ID, "gl-profile")).select_by_value("us")
    wait(d, lambda d: rendered(d) > before, "changing the profile did not re-check")
    assert marks_of(d, "report-painless")
    no_console_errors(d)


def test_editor_download_and_size_limit(driver: Any, editor_url: str, tmp_path: Path) -> None:
    d = driver
    d.execute_cdp_cmd("Browser.setDownloadBehavior",
                      {"behavior": "allow", "downloadPath": str(tmp_path)})
    d.get(editor_url)
    text = wait(d, lambda d: d.find_element(By.ID, "gl-text"))
    text.send_keys("A painless peel.")
    wait(d, lambda d: marks_of(d, "report-painless"))
    d.find_element(By.ID, "gl-download").click()
    target = tmp_path / "glowlint-report.html"
    # Chromium writes to a temporary name and renames the file when it is complete.
    wait(d, lambda d: target.exists() and target.stat().st_size > 0, "no report was downloaded")
    assert ">painless</mark>" in target.read_text(encoding="utf-8")
    # Beyond the limit the page says so and sends nothing.
    d.execute_script(
        "var t = document.getElementById('gl-text'); t.value = 'x'.repeat(250000);"
        "t.dispatchEvent(new Event('input'));")
    wait(d, lambda d: "KB" in d.find_element(By.ID, "gl-status").text, "no size message")
    assert "gl-error" in d.find_element(By.ID, "gl-status").get_attribute("class")


def test_editor_clears_the_findings_when_the_text_is_over_the_limit(driver: Any,
                                                                     editor_url: str) -> None:
    d = driver
    d.get(editor_url)
    text = wait(d, lambda d: d.find_element(By.ID, "gl-text"))
    text.send_keys("A painless peel.")
    wait(d, lambda d: marks_of(d, "report-painless"))
    d.execute_script(
        "var t = document.getElementById('gl-text'); t.value = 'painless '.repeat(30000);"
        "t.dispatchEvent(new Event('input'));")
    wait(d, lambda d: "KB" in d.find_element(By.ID, "gl-status").text, "no size message")
    assert d.find_element(By.ID, "gl-result").get_attribute("innerHTML") == ""
    assert d.find_element(By.ID, "gl-filters").get_attribute("innerHTML") == ""
    assert d.find_elements(By.CSS_SELECTOR, "li.gl-card") == []
    # Back under the limit, it checks again.
    d.execute_script(
        "var t = document.getElementById('gl-text'); t.value = 'A painless peel.';"
        "t.dispatchEvent(new Event('input'));")
    wait(d, lambda d: marks_of(d, "report-painless"), "no findings after the error")
    no_console_errors(d)


def test_editor_without_javascript_says_it_needs_it(driver: Any, editor_url: str) -> None:
    d = driver
    d.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        d.get(editor_url)
        notice = wait(d, lambda d: d.find_element(By.CSS_SELECTOR, ".gl-noscript"))
        assert notice.is_displayed()
        assert "needs JavaScript" in notice.text
    finally:
        d.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    d.get(editor_url)
    wait(d, lambda d: rendered(d) >= 1)
    assert not d.find_element(By.CSS_SELECTOR, ".gl-pane").text.count("needs JavaScript")


def test_editor_findings_are_in_view_beside_the_copy(driver: Any, editor_url: str) -> None:
    d = driver
    d.get(editor_url)
    wait(d, lambda d: rendered(d) >= 1)
    long_copy = ("Our facial is gentle and relaxing, with a calm room and soft music. "
                 * 4 + "\n\n") * 12 + "Best of all, the peel is painless."
    d.execute_script(
        "var t = document.getElementById('gl-text'); t.value = arguments[0];"
        "t.dispatchEvent(new Event('input'));", long_copy)
    wait(d, lambda d: card_numbers(d, "report-painless"), "no finding for the long copy")
    card = d.find_element(By.CSS_SELECTOR, "li.gl-card")  # the first finding
    box = d.execute_script(
        "var c = arguments[0].getBoundingClientRect();"
        "var t = document.getElementById('gl-text').getBoundingClientRect();"
        "var p = document.querySelector('.gl-pane').getBoundingClientRect();"
        "return [c.top, c.left, window.innerHeight, t.right, window.scrollY, p.bottom];", card)
    top, left, height, text_right, scrolled, pane_bottom = box
    assert scrolled == 0
    assert pane_bottom <= height, "the findings pane runs below the window"
    assert 0 <= top < height, "the finding is below the fold"
    assert left >= text_right, "the finding is not beside the copy"


def test_editor_applies_a_safe_fix_with_one_click(driver: Any, editor_url: str) -> None:
    d = driver
    d.get(editor_url)
    text = wait(d, lambda d: d.find_element(By.ID, "gl-text"))
    wait(d, lambda d: rendered(d) >= 1)
    text.send_keys("✨ Our peel is completely painless. Book now.")
    button = wait(d, lambda d: d.find_element(
        By.CSS_SELECTOR, 'li.gl-card[data-rule="painless"] button.gl-fixbtn'))
    before = rendered(d)
    button.click()
    assert text.get_attribute("value") == \
        "✨ Our peel is usually only mildly uncomfortable. Book now."
    wait(d, lambda d: rendered(d) > before, "the fixed text was not checked again")
    assert card_numbers(d, "painless") == []
    # A finding without a safe fix has no button.
    assert d.find_elements(By.CSS_SELECTOR,
                           'li.gl-card[data-rule="report-painless"] button.gl-fixbtn') == []
    no_console_errors(d)


def test_report_keeps_headings_lists_tables_and_names_categories(driver: Any,
                                                                 tmp_path: Path) -> None:
    d = driver
    (tmp_path / "page.md").write_text(
        "# Peels\n\nOur peel is painless.\n\n- Quick\n- Gentle\n\n"
        "| Peel | Price |\n|---|---|\n| Light | £60 |\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "glowlint", "check", "--no-cache", "--format", "html",
                    "--output", "report.html", "page.md"], cwd=tmp_path, capture_output=True,
                   timeout=60)
    d.get((tmp_path / "report.html").as_uri())
    copy = wait(d, lambda d: d.find_element(By.CSS_SELECTOR, ".gl-copy"))
    assert copy.find_element(By.CSS_SELECTOR, "h4.gl-h1").text == "Peels"
    assert [li.text for li in copy.find_elements(By.CSS_SELECTOR, "ul.gl-list > li")] == \
        ["Quick", "Gentle"]
    cells = [c.text for c in copy.find_elements(By.CSS_SELECTOR, "table.gl-table th, "
                                                                 "table.gl-table td")]
    assert cells == ["Peel", "Price", "Light", "£60"]
    card = d.find_element(By.CSS_SELECTOR, 'li.gl-card[data-rule="painless"] .gl-cat')
    assert card.text == "Pain free"
    no_console_errors(d)


# ---------------------------------------------------------------------------
# Screenshots for the README (only with GLOWLINT_SCREENSHOTS=DIR): the built-in
# rules alone, as a user sees them.


@pytest.mark.skipif(not SCREENSHOTS, reason="set GLOWLINT_SCREENSHOTS=DIR to save screenshots")
def test_screenshots(driver: Any, tmp_path: Path) -> None:
    d = driver
    (tmp_path / "glow-peel.md").write_text(SAMPLE.replace("Glow Peel at", "# Glow Peel at"),
                                           encoding="utf-8")
    (tmp_path / "microderm.html").write_text(PAGE_HTML, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "glowlint", "check", "--format", "html", "--output",
                    "report.html", "glow-peel.md", "microderm.html"],
                   cwd=tmp_path, capture_output=True, timeout=60)
    d.set_window_size(1280, 1500)
    d.get((tmp_path / "report.html").as_uri())
    mark = wait(d, lambda d: d.find_element(By.CSS_SELECTOR, "mark.gl-hl.c-pain-free"))
    ActionChains(d).move_to_element(mark).perform()
    wait(d, lambda d: d.find_element(By.ID, "gl-pop").is_displayed())
    shot(d, "report.png")

    with serving([]) as url:
        d.set_window_size(1280, 1150)
        d.get(url)
        text = wait(d, lambda d: d.find_element(By.ID, "gl-text"))
        wait(d, lambda d: rendered(d) >= 1)
        text.send_keys(SAMPLE)
        copy = (By.CSS_SELECTOR, "#gl-result .gl-copy")
        wait(d, lambda d: "sunscreen" in d.find_element(*copy).text)
        d.find_element(By.CSS_SELECTOR, "#gl-result mark.gl-hl.c-pain-free").click()
        wait(d, lambda d: d.find_element(By.ID, "gl-pop").is_displayed())
        shot(d, "editor.png")
    d.set_window_size(1280, 900)
