"""The query page in headless Chromium (Debian's chromium + chromedriver, driven by Selenium)."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator

import pytest
from browser_support import MARKS, start_chrome
from server_support import Running, make_store, serve

pytestmark = MARKS
webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with serve(make_store(tmp_path_factory.mktemp("page") / "store"), "--workers", "2") as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    driver = start_chrome(webdriver)
    try:
        yield driver
    finally:
        driver.quit()


def wait(browser: webdriver.Chrome, seconds: float = 15) -> WebDriverWait:
    return WebDriverWait(browser, seconds)


def run_query(browser: webdriver.Chrome, text: str) -> None:
    editor = browser.find_element(By.ID, "query")
    editor.clear()
    editor.send_keys(text)
    browser.find_element(By.ID, "run").click()


def test_type_a_query_run_it_see_rows(server: Running, browser: webdriver.Chrome) -> None:
    browser.get(server.url + "/")
    run_query(
        browser,
        "PREFIX kgo: <https://w3id.org/conflict-kg/ontology#>\n"
        "SELECT ?event ?date WHERE { ?event kgo:date ?date } ORDER BY ?date",
    )
    wait(browser).until(expected_conditions.text_to_be_present_in_element((By.ID, "status"), "rows"))
    rows = browser.find_elements(By.CSS_SELECTOR, "#results tbody tr")
    assert len(rows) == 2
    cells = [c.text for c in rows[0].find_elements(By.TAG_NAME, "td")]
    assert cells[1] == "kgd:event/a1-0001"
    assert cells[2].startswith("2024-01-20")
    assert browser.find_element(By.ID, "status").text.startswith("2 rows in")


def test_example_query_one_click_away(server: Running, browser: webdriver.Chrome) -> None:
    browser.get(server.url + "/")
    browser.find_element(By.CSS_SELECTOR, 'button.example[data-name="events"]').click()
    editor = browser.find_element(By.ID, "query")
    assert "SELECT ?event" in editor.get_attribute("value")
    editor.send_keys(Keys.CONTROL, Keys.ENTER)
    wait(browser).until(expected_conditions.text_to_be_present_in_element((By.ID, "status"), "rows"))
    headers = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#results thead th")]
    assert headers[:3] == ["#", "event", "type"]
    assert len(browser.find_elements(By.CSS_SELECTOR, "#results tbody tr")) == 2


def test_errors_are_shown(server: Running, browser: webdriver.Chrome) -> None:
    browser.get(server.url + "/")
    run_query(browser, "SELECT * WHERE { ?s schema:name ?o }")
    error = wait(browser).until(
        expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, "#results .error"))
    )
    assert "undeclared prefix schema:" in error.text


def test_download_link_and_entity_link(server: Running, browser: webdriver.Chrome) -> None:
    browser.get(server.url + "/")
    run_query(browser, "SELECT ?s WHERE { ?s a <https://w3id.org/conflict-kg/ontology#RocketAttack> }")
    wait(browser).until(expected_conditions.text_to_be_present_in_element((By.ID, "status"), "row"))
    href = browser.find_element(By.ID, "download").get_attribute("href")
    assert href and "format=csv" in href
    with urllib.request.urlopen(href, timeout=30) as response:
        assert response.read().decode().splitlines() == [
            "s",
            "https://w3id.org/conflict-kg/data/event/a2-0001",
        ]
    browser.find_element(By.CSS_SELECTOR, "#results tbody a").click()
    wait(browser).until(expected_conditions.url_contains("/data/event/a2-0001"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "rocket attack"


def test_nothing_is_loaded_from_another_host(server: Running, browser: webdriver.Chrome) -> None:
    browser.get(server.url + "/")
    resources = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert resources
    assert all(name.startswith(server.url) for name in resources)
