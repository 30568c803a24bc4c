"""The query page (YASGUI, vendored) in headless Chromium, on the sample corpus built by ``kg build``.

Debian's chromium + chromedriver, driven by Selenium. Screenshots go to test-artifacts/query/.
"""

from __future__ import annotations

import csv
import io
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import MARKS, start_chrome
from server_support import Running, serve_sample

pytestmark = MARKS
webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import StaleElementReferenceException  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "query"
KGO = "PREFIX kgo: <https://w3id.org/conflict-kg/ontology#>\n"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with serve_sample(tmp_path_factory.mktemp("page") / "store") as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    # the commonest laptop screen: the first results must show without scrolling at this size
    driver = start_chrome(webdriver, window="1366,768")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()


def wait(browser: webdriver.Chrome, seconds: float = 15) -> WebDriverWait:
    return WebDriverWait(browser, seconds)


def hint_text(browser: webdriver.Chrome, wanted: str) -> str:
    """The completion box's text once it offers WANTED. The editor redraws the box as its hints come in
    (the ontology's terms are fetched), so an element read a moment ago may be gone: read it afresh."""

    def text(b: webdriver.Chrome) -> str | bool:
        found: str = b.find_element(By.CSS_SELECTOR, ".CodeMirror-hints").text
        return found if wanted in found else False

    return str(WebDriverWait(browser, 15, ignored_exceptions=[StaleElementReferenceException]).until(text))


def open_page(browser: webdriver.Chrome, url: str) -> None:
    """URL's query page as a first-time visitor sees it (YASGUI keeps tabs in localStorage)."""
    browser.get(url)
    browser.execute_script("localStorage.clear()")
    browser.get(url)
    wait(browser).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".yasqe .CodeMirror"))
    )


def query_text(browser: webdriver.Chrome) -> str:
    text: str = browser.execute_script("return window.kgYasgui.getTab().getQuery()")
    return text


def set_query(browser: webdriver.Chrome, text: str) -> None:
    browser.execute_script("window.kgYasgui.getTab().setQuery(arguments[0])", text)


def run_and_wait(browser: webdriver.Chrome) -> None:
    browser.find_element(By.CSS_SELECTOR, ".yasqe_queryButton").click()
    wait(browser).until(
        expected_conditions.text_to_be_present_in_element((By.CSS_SELECTOR, ".yasr"), "result")
    )


def result_rows(browser: webdriver.Chrome) -> list[Any]:
    return [
        row
        for row in browser.find_elements(By.CSS_SELECTOR, ".yasr table.dataTable tbody tr")
        if "dt-empty" not in row.get_attribute("innerHTML")
    ]


def endpoint_csv(server: Running, query: str) -> list[list[str]]:
    url = server.url + "/sparql?" + urllib.parse.urlencode({"query": query, "format": "csv"})
    with urllib.request.urlopen(url, timeout=30) as response:
        return list(csv.reader(io.StringIO(response.read().decode())))


def test_first_example_returns_rows_within_the_first_screen(
    server: Running, browser: webdriver.Chrome
) -> None:
    open_page(browser, server.url + "/")
    names = [b.get_attribute("data-name") for b in browser.find_elements(By.CSS_SELECTOR, "button.example")]
    assert names[0] == "attacks-per-base"
    assert "events" in names
    assert not [name for name in names if name.startswith("views-")], "internal view queries are not examples"
    assert query_text(browser).startswith("# How many attacks hit each base")
    run_and_wait(browser)
    browser.save_screenshot(str(ARTIFACTS / "first-run.png"))
    rows = result_rows(browser)
    expected = endpoint_csv(server, query_text(browser))
    assert len(rows) == len(expected) - 1 > 0
    viewport = browser.execute_script("return window.innerHeight")
    table_top = browser.execute_script(
        "return document.querySelector('.yasr table.dataTable').getBoundingClientRect().top"
    )
    # the first three rows, not just the table's head, show without scrolling
    third_row_bottom = browser.execute_script("return arguments[0].getBoundingClientRect().bottom", rows[2])
    assert browser.execute_script("return window.scrollY") == 0
    assert table_top < third_row_bottom <= viewport, (table_top, third_row_bottom, viewport)


def test_type_a_query_run_it_see_rows(server: Running, browser: webdriver.Chrome) -> None:
    open_page(browser, server.url + "/")
    query = KGO + "SELECT ?event ?date WHERE { ?event kgo:date ?date } ORDER BY ?date ?event"
    set_query(browser, query)
    run_and_wait(browser)
    expected = endpoint_csv(server, query)
    browser.find_element(By.CSS_SELECTOR, ".yasr .tableSizer option[value='-1']").click()  # show all rows
    rows = result_rows(browser)
    assert len(rows) == len(expected) - 1 > 1
    cells = [c.text for c in rows[0].find_elements(By.TAG_NAME, "td")]
    assert cells[0].startswith("kgd:event/"), "IRIs are shown with kg's prefixes"
    assert cells[1] == expected[1][1], "values plain at first (YASGUI's simple view)"


def test_example_query_one_click_away(server: Running, browser: webdriver.Chrome) -> None:
    open_page(browser, server.url + "/")
    browser.find_element(By.CSS_SELECTOR, 'button.example[data-name="events"]').click()
    assert "SELECT ?event" in query_text(browser)
    browser.find_element(By.CSS_SELECTOR, ".yasqe .CodeMirror textarea").send_keys(Keys.CONTROL, Keys.ENTER)
    wait(browser).until(
        expected_conditions.text_to_be_present_in_element((By.CSS_SELECTOR, ".yasr"), "result")
    )
    headers = [th.text for th in browser.find_elements(By.CSS_SELECTOR, ".yasr table.dataTable thead th")]
    assert headers[:2] == ["event", "type"]
    assert result_rows(browser)


def test_errors_are_shown(server: Running, browser: webdriver.Chrome) -> None:
    open_page(browser, server.url + "/")
    set_query(browser, "SELECT * WHERE { ?s schema:name ?o }")
    browser.find_element(By.CSS_SELECTOR, ".yasqe_queryButton").click()
    error = wait(browser).until(
        expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, ".yasr .errorResult"))
    )
    assert "undeclared prefix schema:" in error.text


def test_prefix_completion_offers_kgs_prefixes(server: Running, browser: webdriver.Chrome) -> None:
    open_page(browser, server.url + "/")
    set_query(browser, "")
    browser.find_element(By.CSS_SELECTOR, ".yasqe .CodeMirror-lines").click()
    ActionChains(browser).send_keys("PREFIX kg").perform()
    hints = wait(browser).until(
        expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, ".CodeMirror-hints"))
    )
    assert "kgo: <https://w3id.org/conflict-kg/ontology#>" in hints.text
    # a kg prefix used undeclared gets its PREFIX line
    set_query(browser, "SELECT * WHERE {\n")
    browser.execute_script(
        "const y = window.kgYasgui.getTab().getYasqe(); y.focus(); y.setCursor(y.lineCount() - 1, 0)"
    )
    ActionChains(browser).send_keys("?s a kgo:").perform()
    wait(browser).until(
        lambda b: query_text(b).startswith("PREFIX kgo: <https://w3id.org/conflict-kg/ontology#>")
    )


def test_class_and_property_completion_from_kgs_ontology(server: Running, browser: webdriver.Chrome) -> None:
    open_page(browser, server.url + "/")
    set_query(browser, KGO + "SELECT * WHERE {\n")
    browser.execute_script(
        "const y = window.kgYasgui.getTab().getYasqe(); y.focus(); y.setCursor(y.lineCount() - 1, 0)"
    )
    ActionChains(browser).send_keys("?s a kgo:Dro").perform()
    assert "kgo:DroneAttack" in hint_text(browser, "kgo:DroneAttack")
    ActionChains(browser).send_keys(Keys.ESCAPE, " ; kgo:targ").perform()
    assert "kgo:targetPlace" in hint_text(browser, "kgo:targetPlace")
    resources = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert all(name.startswith(server.url + "/") for name in resources), resources


def test_download_link_and_entity_link(server: Running, browser: webdriver.Chrome) -> None:
    open_page(browser, server.url + "/")
    query = KGO + "SELECT ?s WHERE { ?s a kgo:RocketAttack } ORDER BY ?s"
    set_query(browser, query)
    run_and_wait(browser)
    href = browser.find_element(By.CSS_SELECTOR, '#downloads a[data-format="csv"]').get_attribute("href")
    assert href and "format=csv" in href
    with urllib.request.urlopen(href, timeout=30) as response:
        lines = response.read().decode().splitlines()
    assert lines == ["s", *[row[0] for row in endpoint_csv(server, query)[1:]]]
    assert len(lines) > 1
    first = lines[1].removeprefix("https://w3id.org/conflict-kg/data/")
    browser.find_element(By.CSS_SELECTOR, ".yasr table.dataTable tbody a").click()
    wait(browser).until(expected_conditions.url_contains("/data/" + first))
    assert "attack" in browser.find_element(By.TAG_NAME, "h1").text


def test_works_offline_nothing_from_another_host(server: Running, browser: webdriver.Chrome) -> None:
    open_page(browser, server.url + "/")
    set_query(browser, KGO + "SELECT ?e WHERE { ?e a kgo:Attack } LIMIT 3")
    run_and_wait(browser)
    sources = browser.execute_script(
        "return [...document.querySelectorAll('script[src], link[href], img[src], iframe[src]')]"
        ".map(e => e.src || e.href)"
    )
    assert any(s.endswith("/static/yasgui/yasgui.min.js") for s in sources)
    assert all(s.startswith(server.url + "/") for s in sources), sources
    resources = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert any(name.endswith("/sparql") for name in resources)
    assert all(name.startswith(server.url + "/") for name in resources), resources


def test_a_link_with_a_query_opens_it(server: Running, browser: webdriver.Chrome) -> None:
    """The entity pages' "query it" links (/?query=...) open their query in the editor."""
    query = "DESCRIBE <https://w3id.org/conflict-kg/id/iraq>"
    open_page(browser, server.url + "/?" + urllib.parse.urlencode({"query": query}))
    assert query_text(browser) == query
