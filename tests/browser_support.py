"""Headless Debian Chromium for the browser tests (the query page, the views).

Playwright's and Selenium's own browser downloads do not work here: the tests drive the Debian
packages `chromium` and `chromium-driver`, which `.ci/run` installs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
# Background networking, component updates and sync would try the network, which is closed here.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
MARKS = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()), reason="needs Debian chromium and chromium-driver"
    ),
]


def start_chrome(webdriver: Any, *, window: str | None = None, downloads: Path | None = None) -> Any:
    """A headless Chrome driver; DOWNLOADS, when given, receives downloads without asking."""
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*FLAGS, *([f"--window-size={window}"] if window else [])]:
        options.add_argument(flag)
    if downloads is not None:
        prefs = {"download.default_directory": str(downloads), "download.prompt_for_download": False}
        options.add_experimental_option("prefs", prefs)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(
        service=webdriver.ChromeService(executable_path=str(CHROMEDRIVER)), options=options
    )
    driver.set_page_load_timeout(30)
    if downloads is not None:
        driver.execute_cdp_cmd(
            "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
        )
    return driver
