"""Screenshot of the review page with the seed article and its Turkish source: benchmarks/review-page.png.

Runs `copyedit review` on fixtures/articles/kazakhstan-tr-en/input.txt (source:
tests/data/kazakhstan-source.tr.txt) and photographs it in Debian's chromium through selenium and
chromedriver (apt-get install chromium chromium-driver), after accepting one suggestion and
selecting another, so that the picture shows an applied change, proposals, findings and a card
with the source sentence beside its translation.

    .venv/bin/python benchmarks/review_screenshot.py [--output benchmarks/review-page.png]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=str(ROOT / "benchmarks" / "review-page.png"))
    args = parser.parse_args()
    review = subprocess.Popen(
        [sys.executable, "-m", "copyedit", "review", "--no-browser", "--source",
         str(ROOT / "tests" / "data" / "kazakhstan-source.tr.txt"), "--source-lang", "tr",
         str(ROOT / "fixtures" / "articles" / "kazakhstan-tr-en" / "input.txt")],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT,
    )
    assert review.stdout is not None
    url = review.stdout.readline().split(" at ", 1)[1].split()[0]
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000", "--hide-scrollbars"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    try:
        driver.get(url)
        WebDriverWait(driver, 20).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#items > li")) > 5)
        cards = driver.find_elements(By.CSS_SELECTOR, "#items > li")
        codes = driver.execute_script("return state.items.map((i) => i.code);")
        cards[codes.index("BP102")].find_element(By.CSS_SELECTOR, "button[data-act=accept]").click()
        cards = driver.find_elements(By.CSS_SELECTOR, "#items > li")
        cards[codes.index("NM101")].find_element(By.TAG_NAME, "h3").click()
        driver.execute_script("document.getElementById('review').scrollIntoView();")
        time.sleep(0.3)
        driver.save_screenshot(args.output)
    finally:
        driver.quit()
        review.terminate()
        review.wait(timeout=10)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
