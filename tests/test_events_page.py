"""The event table page (/events) in headless Chromium: pick facets, sort, download what is shown."""

from __future__ import annotations

import csv
import io
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import MARKS, start_chrome
from server_support import Running, serve_sample

pytestmark = MARKS
webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "events"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with serve_sample(tmp_path_factory.mktemp("events-page") / "store") as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    driver = start_chrome(webdriver, window="1400,900")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()


def column(browser: webdriver.Chrome, name: str) -> list[str]:
    headers = [
        th.text.split(" ")[0] for th in browser.find_elements(By.CSS_SELECTOR, "table.events thead th")
    ]
    index = headers.index(name)
    return [
        row.find_elements(By.TAG_NAME, "td")[index].text
        for row in browser.find_elements(By.CSS_SELECTOR, "table.events tbody tr")
    ]


def download(url: str) -> list[dict[str, str]]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return list(csv.DictReader(io.StringIO(response.read().decode())))


def test_pick_facets_sort_and_download(server: Running, browser: webdriver.Chrome) -> None:
    browser.get(server.url + "/events")
    everything = len(browser.find_elements(By.CSS_SELECTOR, "table.events tbody tr"))
    assert everything > 10
    browser.find_element(By.CSS_SELECTOR, 'a[data-facet="type"][data-value="DroneAttack"]').click()
    WebDriverWait(browser, 15).until(expected_conditions.url_contains("type=DroneAttack"))
    types = column(browser, "type")
    assert types and set(types) == {"DroneAttack"}
    assert len(types) < everything
    browser.find_element(By.CSS_SELECTOR, 'a[data-facet="month"][data-value="2024-01"]').click()
    WebDriverWait(browser, 15).until(expected_conditions.url_contains("month=2024-01"))
    browser.find_element(
        By.CSS_SELECTOR, 'th a[data-sort="date"]'
    ).click()  # ascending already: descending now
    WebDriverWait(browser, 15).until(expected_conditions.url_contains("sort=-date"))
    dates = column(browser, "date")
    assert dates and all(d.startswith("2024-01") for d in dates)
    assert dates == sorted(dates, reverse=True)
    browser.save_screenshot(str(ARTIFACTS / "drone-attacks-2024-01.png"))
    href = browser.find_element(By.ID, "download-csv").get_attribute("href")
    assert href and href.startswith(server.url + "/events.csv?")
    rows = download(href)
    assert [row["date"] for row in rows] == dates
    assert {row["type"] for row in rows} == {"DroneAttack"}
    # a chosen value is taken off by clicking it again
    browser.find_element(By.CSS_SELECTOR, 'a.chosen[data-facet="type"]').click()
    WebDriverWait(browser, 15).until(lambda b: "type=" not in b.current_url)
    assert "month=2024-01" in browser.current_url
    resources = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert all(name.startswith(server.url + "/") for name in resources), resources


def test_events_is_in_the_navigation(server: Running, browser: webdriver.Chrome) -> None:
    browser.get(server.url + "/")
    browser.find_element(By.LINK_TEXT, "Events").click()
    WebDriverWait(browser, 15).until(expected_conditions.url_contains("/events"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Attack events"
