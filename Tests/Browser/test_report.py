#!/usr/bin/env python3
"""The report opened in a real browser: headless Chromium driven by Selenium.

Writes the sample's report (samples/eu-cloud with a scenario) and a report of
hostile names, opens each from disk and checks what a reader and an attacker
would meet: no console error, no request but the page itself, every supplier on
the map, a click that fills the details panel, a filter that filters, headers
that sort, and hostile names that open no dialog and add no element.

    python3 Tests/Browser/test_report.py --binary .build/debug/trustgraph \\
        [--chromium /usr/lib/chromium/chromium] [--chromedriver /usr/bin/chromedriver] \\
        [--screenshot docs/images/report.png]
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLE = os.path.join(ROOT, "samples", "eu-cloud")
SCENARIO = os.path.join(ROOT, "samples", "scenarios", "cdn-breach.yaml")
POLICY = os.path.join(ROOT, "samples", "policies", "eu-cloud-baseline.yaml")
DATE = "2026-06-30"
WINDOW = ["--from", "2026-06-30", "--to", "2027-06-30"]

HOSTILE_IDS = [
    "<script>alert(1)</script>",
    'x" onerror="alert(2)',
    "javascript:alert(3)",
    "</svg><img src=x onerror=alert(4)>",
    "</script><script>alert(5)</script>",
    "<img src=x onerror=alert(6)>",
    "__proto__",
    "constructor",
]


def hostile_name(k, supplier):
    return f"Name {k} {supplier} <b onmouseover=alert({k})>bold</b>"


def write_hostile_dataset(directory):
    os.makedirs(directory)
    with open(os.path.join(directory, "suppliers.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "country", "sector"])
        for k, supplier in enumerate(HOSTILE_IDS):
            w.writerow([supplier, hostile_name(k, supplier), "DE", "saas <i>javascript:alert(7)</i>"])
    with open(os.path.join(directory, "dependencies.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["consumer", "provider", "criticality", "group"])
        for k in range(len(HOSTILE_IDS) - 1):
            w.writerow([HOSTILE_IDS[k], HOSTILE_IDS[k + 1], "critical", f"</script><g onload=alert({k})>"])
    with open(os.path.join(directory, "certifications.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["supplier", "scheme", "status", "issued", "expires", "last_evidence", "scope"])
        w.writerow([HOSTILE_IDS[-1], "ISO27001", "valid", "2025-01-01", "2027-01-01", "", ""])


class Browser:
    def __init__(self, chromium, chromedriver):
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1440,1000",
                         "--hide-scrollbars", "--force-device-scale-factor=1"]:
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        self.driver = webdriver.Chrome(service=Service(chromedriver), options=options)
        self.driver.set_page_load_timeout(30)

    def open(self, path):
        url = "file://" + path
        self.driver.get(url)
        # Logs are read and cleared per page.
        self.driver.get_log("browser")
        return url

    def js(self, script, *arguments):
        return self.driver.execute_script(script, *arguments)

    def wait(self, condition, what, timeout=10):
        end = time.time() + timeout
        while time.time() < end:
            value = condition()
            if value:
                return value
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what}")

    def no_dialog(self):
        try:
            alert = self.driver.switch_to.alert
            text = alert.text
            alert.dismiss()
            raise AssertionError(f"a dialog opened: {text!r}")
        except NoAlertPresentException:
            pass

    def severe_console_entries(self):
        return [e for e in self.driver.get_log("browser") if e.get("level") == "SEVERE"]

    def requests(self):
        urls = []
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") == "Network.requestWillBeSent":
                urls.append(message["params"]["request"]["url"])
        return urls


def table_rows(browser, name):
    return browser.js("""
        var name = arguments[0];
        var t = Array.prototype.find.call(document.querySelectorAll('table[data-table]'),
                                          function (t) { return t.dataset.table === name; });
        return Array.prototype.map.call(t.tBodies[0].rows, function (r) {
            return { supplier: r.dataset.supplier === undefined ? null : r.dataset.supplier,
                     cells: Array.prototype.map.call(r.cells, function (c) { return c.textContent; }) };
        });""", name)


def details_text(browser):
    """What the details panel says (its text content, as written, not as styled)."""
    return browser.js("return document.getElementById('details').textContent")


def map_node(browser, supplier):
    """The node of `supplier` on the trust map, found by comparing ids, not by a selector built from one."""
    return browser.js("""var id = arguments[0];
        return Array.prototype.find.call(document.querySelectorAll('figure[data-map="trust-map"] g[data-supplier]'),
                                         function (g) { return g.dataset.supplier === id; });""", supplier)


def trust_by_id(binary):
    out = subprocess.run([binary, "solve", SAMPLE, "--date", DATE, "--format", "csv"], check=True,
                         capture_output=True, text=True).stdout
    return {row["id"]: (row["name"], float(row["trust"])) for row in csv.DictReader(out.splitlines())}


# ---- The sample's report

def test_sample_loads_without_errors_or_requests(b, ctx):
    url = b.open(ctx["sample"])
    b.wait(lambda: len(table_rows(b, "suppliers")) > 0, "the suppliers table to fill")
    assert b.severe_console_entries() == [], b.severe_console_entries()
    requests = b.requests()
    assert requests and all(r == url for r in requests), f"requests other than the page: {requests}"


def test_every_supplier_is_on_the_map(b, ctx):
    b.open(ctx["sample"])
    ids = b.js("""return Array.prototype.map.call(
        document.querySelector('figure[data-map="trust-map"]').querySelectorAll('g[data-supplier]'),
        function (g) { return g.dataset.supplier; });""")
    assert len(ids) == len(ctx["trust"]), f"{len(ids)} suppliers on the map, {len(ctx['trust'])} in the dataset"
    assert set(ids) == set(ctx["trust"]), set(ids) ^ set(ctx["trust"])
    count = b.driver.find_element(By.CSS_SELECTOR, 'figure[data-map="trust-map"] .map-count').text
    assert count == f"Showing {len(ids)} of {len(ids)} suppliers", count


def test_a_click_on_a_node_fills_the_details(b, ctx):
    b.open(ctx["sample"])
    for supplier in ["cdn-edgeway", "shopfront-saas"]:
        node = map_node(b, supplier)
        b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", node)
        # A real click, where a reader would: on the node's label.
        try:
            node.find_element(By.CSS_SELECTOR, "text").click()
        except Exception as error:
            raise AssertionError(f"cannot click {supplier}") from error
        name, trust = ctx["trust"][supplier]
        b.wait(lambda: name in details_text(b), f"the details of {supplier}")
        assert b.js("return document.getElementById('details').classList.contains('open')")
        text = details_text(b)
        assert f"{trust:.4f}" in text, text
        assert "Why this score" in text and "Base trust b =" in text, text
        time.sleep(0.3)  # the panel slides in
        b.driver.find_element(By.CSS_SELECTOR, "#details button.close").click()
        b.wait(lambda: not b.js("return document.getElementById('details').classList.contains('open')"), "the panel to close")
        time.sleep(0.3)
    assert b.severe_console_entries() == []


def test_the_filter_filters(b, ctx):
    b.open(ctx["sample"])
    box = b.driver.find_element(By.CSS_SELECTOR, 'input[data-filter="suppliers"]')
    box.send_keys("cloud")
    expected = sorted(s for s, (name, _) in ctx["trust"].items() if "cloud" in s.lower() or "cloud" in name.lower())
    assert 0 < len(expected) < len(ctx["trust"])
    b.wait(lambda: sorted(r["supplier"] for r in table_rows(b, "suppliers")) == expected[:25], "the filtered rows")
    box.clear()
    box.send_keys("no-such-supplier-anywhere")
    b.wait(lambda: table_rows(b, "suppliers")[0]["cells"] == ["No row matches the filter."], "the empty filter")


def test_sorting_sorts(b, ctx):
    b.open(ctx["sample"])
    rows = table_rows(b, "suppliers")
    trusts = [float(r["cells"][0]) for r in rows]
    assert trusts == sorted(trusts) and len(rows) == 25, trusts
    header = b.driver.find_element(By.CSS_SELECTOR, 'table[data-table="suppliers"] th[data-column="trust"] button')
    header.click()
    b.wait(lambda: float(table_rows(b, "suppliers")[0]["cells"][0]) > trusts[0], "the descending sort")
    descending = [float(r["cells"][0]) for r in table_rows(b, "suppliers")]
    assert descending == sorted(descending, reverse=True), descending
    assert abs(descending[0] - max(t for _, t in ctx["trust"].values())) < 1e-4
    b.driver.find_element(By.CSS_SELECTOR, 'table[data-table="suppliers"] th[data-column="name"] button').click()
    b.wait(lambda: b.driver.find_element(By.CSS_SELECTOR, 'table[data-table="suppliers"] th[data-column="name"]')
           .get_attribute("aria-sort") == "ascending", "the sort by name")
    names = [r["cells"][3].lower() for r in table_rows(b, "suppliers")]
    assert names == sorted(names), names


def test_the_search_box_centres_a_supplier(b, ctx):
    b.open(ctx["sample"])
    search = b.driver.find_element(By.CSS_SELECTOR, 'figure[data-map="trust-map"] input[data-map-search]')
    before = b.js("return document.querySelector('figure[data-map=\"trust-map\"] svg').getAttribute('viewBox')")
    search.send_keys("idp-keystone", Keys.ENTER)
    name, _ = ctx["trust"]["idp-keystone"]
    b.wait(lambda: name in details_text(b), "the details of the found supplier")
    after = b.js("return document.querySelector('figure[data-map=\"trust-map\"] svg').getAttribute('viewBox')")
    assert after != before, after


def test_scenario_section_has_its_map(b, ctx):
    b.open(ctx["sample"])
    maps = b.js("return Array.prototype.map.call(document.querySelectorAll('figure.map'), function (f) { return f.dataset.map; })")
    assert maps[0] == "trust-map" and len(maps) >= 2, maps
    changed = table_rows(b, "scenario-1")
    assert changed and all(r["cells"][0].startswith(("−", "+")) for r in changed), changed[:3]


def test_screenshot(b, ctx):
    if not ctx["screenshot"]:
        return
    b.open(ctx["sample"])
    b.driver.set_window_size(1920, 1500)
    b.wait(lambda: len(table_rows(b, "suppliers")) > 0, "the tables")
    node = map_node(b, "shopfront-saas")
    b.js("document.querySelector('#summary').scrollIntoView()")
    b.js("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", node)
    b.wait(lambda: "Why this score" in details_text(b), "the details")
    time.sleep(0.4)
    b.js("window.scrollTo(0, 0)")
    b.driver.save_screenshot(ctx["screenshot"])
    b.driver.set_window_size(1440, 1000)


# ---- With --policy and --from/--to

def check_findings(binary):
    out = subprocess.run([binary, "check", SAMPLE, "--date", DATE, "--policy", POLICY, "--format", "json"],
                         capture_output=True, text=True).stdout
    return json.loads(out)["findings"]


def renewals_rows(binary):
    out = subprocess.run([binary, "renewals", SAMPLE] + WINDOW + ["--format", "csv"], check=True,
                         capture_output=True, text=True).stdout
    return list(csv.DictReader(out.splitlines()))


def table_count(browser, name):
    return browser.js("""var name = arguments[0];
        var b = Array.prototype.find.call(document.querySelectorAll('[data-table-block]'),
                                          function (b) { return b.dataset.tableBlock === name; });
        return b.querySelector('.table-count').textContent;""", name)


def test_policy_and_window_sections_load_without_errors_or_requests(b, ctx):
    # The logs hold what the earlier tests' pages did until read: read them first.
    b.severe_console_entries()
    b.requests()
    url = b.open(ctx["full"])
    b.wait(lambda: len(table_rows(b, "policy")) > 0, "the policy findings table to fill")
    assert b.severe_console_entries() == [], b.severe_console_entries()
    requests = b.requests()
    assert requests and all(r == url for r in requests), f"requests other than the page: {requests}"
    sections = b.js("return Array.prototype.map.call(document.querySelectorAll('section[id]'), function (s) { return s.id; })")
    assert sections == ["summary", "map", "suppliers", "impact", "concentration", "single-points", "policy", "renewals",
                        "timeline"], sections
    verdict = b.js("return document.querySelector('#summary .figures').textContent")
    assert "fails" in verdict and "7 errors, 15 warnings, 4 notes; fails on error" in verdict, verdict


def test_the_policy_findings_are_those_of_check(b, ctx):
    b.open(ctx["full"])
    findings = ctx["findings"]
    assert table_count(b, "policy") == f"{len(findings)} rows", table_count(b, "policy")
    rows = table_rows(b, "policy")
    assert len(rows) == min(25, len(findings))
    # Worst first; a row names its supplier (data-supplier) when the finding has one.
    order = {"error": 0, "warning": 1, "note": 2}
    assert [order[r["cells"][1]] for r in rows] == sorted(order[r["cells"][1]] for r in rows)
    for row in rows:
        assert row["supplier"] == (row["cells"][2] if row["cells"][2] != "—" else None), row
    with_supplier = next(r for r in rows if r["supplier"])
    name, _ = ctx["trust"][with_supplier["supplier"]]
    b.js("""var id = arguments[0];
        var t = document.querySelector('table[data-table="policy"]');
        Array.prototype.find.call(t.tBodies[0].rows, function (r) { return r.dataset.supplier === id; }).click();""",
         with_supplier["supplier"])
    b.wait(lambda: name in details_text(b), "the details of the finding's supplier")


def test_the_policy_filter_filters(b, ctx):
    b.open(ctx["full"])
    query = "hosting"
    def matches(f):
        name = ctx["trust"][f["supplier"]][0] if f["supplier"] else ""
        return any(query in (v or "").lower() for v in (f["rule"], f["severity"], f["supplier"], name, f["message"]))
    expected = sorted((f["rule"], f["supplier"] or "—") for f in ctx["findings"] if matches(f))
    assert 0 < len(expected) < len(ctx["findings"]), expected
    b.driver.find_element(By.CSS_SELECTOR, 'input[data-filter="policy"]').send_keys(query)
    b.wait(lambda: sorted((r["cells"][0], r["cells"][2]) for r in table_rows(b, "policy")) == expected[:25], "the filtered findings")
    assert table_count(b, "policy") == f"{len(expected)} of {len(ctx['findings'])} rows match", table_count(b, "policy")


def test_the_renewals_are_ranked_by_loss(b, ctx):
    b.open(ctx["full"])
    expected = ctx["renewals"]
    assert table_count(b, "renewals") == f"{len(expected)} rows"
    rows = table_rows(b, "renewals")
    assert [(r["cells"][0], r["cells"][1], r["cells"][3], r["cells"][4]) for r in rows] == \
        [(e["lapse_date"], e["supplier"], e["scheme"], e["expires"]) for e in expected[:25]]
    assert [r["cells"][5] for r in rows] == [f"{float(e['loss']):.4f}" for e in expected[:25]]
    assert all(r["supplier"] == r["cells"][1] for r in rows)


def test_the_timeline_chart_is_inline(b, ctx):
    b.open(ctx["full"])
    chart = b.js("""var svg = document.querySelector('section#timeline figure[data-chart="timeline"] svg');
        return svg && { rects: svg.querySelectorAll('rect').length, polylines: svg.querySelectorAll('polyline').length,
                         scripts: svg.querySelectorAll('script').length, width: svg.getBoundingClientRect().width,
                         title: svg.querySelector('title').textContent };""")
    assert chart and chart["rects"] >= 13 and chart["polylines"] >= 1 and chart["scripts"] == 0, chart
    assert chart["width"] > 300 and "2026-06-30 to 2027-06-30" in chart["title"], chart
    assert b.severe_console_entries() == []


# ---- 100,000 suppliers

def test_a_100k_report_stays_responsive(b, ctx):
    started = time.time()
    b.open(ctx["big"])
    b.wait(lambda: len(table_rows(b, "suppliers")) == 25, "the first page of the big table", timeout=20)
    opened = time.time() - started
    assert b.js("return document.querySelectorAll('table[data-table=\"suppliers\"] tbody tr').length") == 25
    count = b.driver.find_element(By.CSS_SELECTOR, '[data-table-block="suppliers"] .table-count').text
    assert count == "100,000 rows", count
    shown = b.driver.find_element(By.CSS_SELECTOR, 'figure[data-map="trust-map"] .map-count').text
    assert shown == "Showing 300 of 100,000 suppliers", shown
    started = time.time()
    b.driver.find_element(By.CSS_SELECTOR, 'input[data-filter="suppliers"]').send_keys("hw-12")
    b.wait(lambda: all("hw-12" in r["supplier"] for r in table_rows(b, "suppliers")), "the filter", timeout=5)
    filtered = time.time() - started
    started = time.time()
    b.driver.find_element(By.CSS_SELECTOR, 'table[data-table="impact"] th[data-column="name"] button').click()
    names = [r["cells"][6].lower() for r in table_rows(b, "impact")]
    assert names == sorted(names), names
    sorted_in = time.time() - started
    assert b.severe_console_entries() == []
    print(f"      100k: opened in {opened:.1f} s, filtered in {filtered:.2f} s, sorted 100,000 rows in {sorted_in:.2f} s")
    assert opened < 15 and filtered < 5 and sorted_in < 5


# ---- Hostile names

def test_hostile_names_open_no_dialog_and_add_no_element(b, ctx):
    b.open(ctx["hostile"])
    b.wait(lambda: len(table_rows(b, "suppliers")) > 0, "the suppliers table to fill")
    b.no_dialog()
    injected = b.js("return document.querySelectorAll('img, iframe, object, embed, b, i, script:not([type])').length")
    # The page's own script is the one script without a type.
    assert injected == 1, f"{injected} injected elements"
    ids = b.js("""return Array.prototype.map.call(
        document.querySelector('figure[data-map="trust-map"]').querySelectorAll('g[data-supplier]'),
        function (g) { return g.dataset.supplier; });""")
    assert sorted(ids) == sorted(HOSTILE_IDS), ids
    rows = table_rows(b, "suppliers")
    assert sorted(r["supplier"] for r in rows) == sorted(HOSTILE_IDS), rows
    for k, supplier in enumerate(HOSTILE_IDS):
        node = map_node(b, supplier)
        b.js("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", node)
        heading = b.wait(lambda: b.js("var h = document.querySelector('#details h3'); return h && h.textContent"), "details")
        assert heading == hostile_name(k, supplier), (heading, supplier)
        b.no_dialog()
    box = b.driver.find_element(By.CSS_SELECTOR, 'input[data-filter="suppliers"]')
    box.send_keys("</script>")
    expected = sorted(s for k, s in enumerate(HOSTILE_IDS) if "</script>" in s or "</script>" in hostile_name(k, s))
    b.wait(lambda: sorted(r["supplier"] for r in table_rows(b, "suppliers")) == expected, "the filter on a hostile id")
    b.no_dialog()
    assert b.js("return document.querySelectorAll('img, iframe, object, embed, b, i').length") == 0
    assert b.severe_console_entries() == [], b.severe_console_entries()
    assert all(r.startswith("file://") for r in b.requests())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--chromium", default="/usr/lib/chromium/chromium")
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    parser.add_argument("--screenshot", help="also save a screenshot of the sample's report here")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    started = time.time()
    with tempfile.TemporaryDirectory() as work:
        sample = os.path.join(work, "sample.html")
        subprocess.run([binary, "report", SAMPLE, "--date", DATE, "--scenarios", SCENARIO, "-o", sample],
                       check=True, capture_output=True)
        full = os.path.join(work, "full.html")
        subprocess.run([binary, "report", SAMPLE, "--date", DATE, "--policy", POLICY] + WINDOW + ["-o", full],
                       check=True, capture_output=True)
        hostile_dir = os.path.join(work, "hostile")
        write_hostile_dataset(hostile_dir)
        hostile = os.path.join(work, "hostile.html")
        subprocess.run([binary, "report", hostile_dir, "--date", DATE, "-o", hostile], check=True, capture_output=True)
        big_dir = os.path.join(work, "100k")
        subprocess.run([binary, "generate", "--suppliers", "100000", "--seed", "1", "-o", big_dir], check=True, capture_output=True)
        big = os.path.join(work, "100k.html")
        subprocess.run([binary, "report", big_dir, "--date", DATE, "-o", big], check=True, capture_output=True)
        print(f"reports written in {time.time() - started:.1f} s")
        ctx = {"sample": sample, "hostile": hostile, "big": big, "trust": trust_by_id(binary), "full": full,
               "findings": check_findings(binary), "renewals": renewals_rows(binary),
               "screenshot": os.path.abspath(args.screenshot) if args.screenshot else None}
        browser = Browser(args.chromium, args.chromedriver)
        tests = [(name, f) for name, f in globals().items() if name.startswith("test_") and callable(f)]
        passed = failed = 0
        try:
            for name, test in tests:
                try:
                    test(browser, ctx)
                    passed += 1
                    print(f"ok    {name}")
                except Exception:
                    failed += 1
                    print(f"FAIL  {name}")
                    traceback.print_exc()
        finally:
            browser.driver.quit()
    print(f"browser tests in {time.time() - started:.1f} s")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
