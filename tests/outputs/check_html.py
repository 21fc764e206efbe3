#!/usr/bin/env python3
"""Opens report.html (written by write_sample_reports) in headless Chromium and checks that it
renders with no console message (CSP violations and script errors are console messages) and no
network request made by the page (Chromium's net log, page-initiated requests only: the browser's
own update and sign-in pings have no initiator). Two negative controls prove both detectors
work: a copy with an injected image and script must produce console errors, and a copy without
the CSP must produce a network request. Then it saves a screenshot and a PDF print of the
report under the build directory and checks the screenshot is not blank.

Usage: check_html.py OUTDIR BUILDDIR    (exit 77 = skipped: no chromium installed)"""
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
       "form-action 'none'")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--enable-logging=stderr", "--v=0"]


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def run_browser(browser, page, extra):
    """Runs Chromium on `page`; returns (stdout, console lines, page-initiated request URLs)."""
    with tempfile.TemporaryDirectory() as tmp:
        netlog = os.path.join(tmp, "net.json")
        cmd = [browser, *FLAGS, f"--user-data-dir={tmp}/profile", f"--log-net-log={netlog}",
               *extra, "file://" + os.path.abspath(page)]
        proc = subprocess.run(cmd, capture_output=True, timeout=120)
        console = [line for line in proc.stderr.decode("utf-8", "replace").splitlines()
                   if ":CONSOLE" in line]
        requests = []
        if os.path.exists(netlog):
            requests = page_requests(netlog)
        return proc.stdout.decode("utf-8", "replace"), console, requests


def page_requests(netlog):
    text = open(netlog, encoding="utf-8", errors="replace").read().rstrip().rstrip(",")
    if not text.endswith("}"):
        text += "]}"  # a log cut short by the browser's exit
    try:
        log = json.loads(text)
    except json.JSONDecodeError:
        log = json.loads(text.rstrip("]}").rstrip().rstrip(",") + "]}")
    names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    urls = []
    for event in log["events"]:
        params = event.get("params", {})
        if names.get(event["type"]) != "URL_REQUEST_START_JOB" or "url" not in params:
            continue
        if params.get("initiator", "not an origin") == "not an origin":
            continue  # the browser's own traffic, not the page's
        if not params["url"].startswith(("file:", "data:")):
            urls.append(params["url"])
    return urls


class Structure(html.parser.HTMLParser):
    """Collects the elements and attributes that could make a request or run code."""

    def __init__(self):
        super().__init__()
        self.tags, self.urls, self.handlers, self.csp, self.ids = [], [], [], [], set()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "action", "srcset", "poster", "data") and value:
                self.urls.append((tag, name, value))
            if name.startswith("on"):
                self.handlers.append((tag, name))
            if name == "id":
                self.ids.add(value)
        if tag == "meta" and dict(attrs).get("http-equiv", "").lower() == \
                "content-security-policy":
            self.csp.append(dict(attrs).get("content"))


def static_checks(page, failures):
    source = open(page, encoding="utf-8").read()
    parsed = Structure()
    parsed.feed(source)
    if parsed.csp != [CSP]:
        failures.append(f"CSP meta is {parsed.csp}")
    for tag in ("script", "iframe", "object", "embed", "link", "img", "form", "base"):
        if tag in parsed.tags:
            failures.append(f"the report has a <{tag}> element")
    for tag, name, value in parsed.urls:
        if not value.startswith("#") or value[1:] not in parsed.ids:
            failures.append(f"<{tag} {name}={value!r}> is not an in-page anchor")
    if parsed.handlers:
        failures.append(f"event handler attributes: {parsed.handlers}")
    # Hostile names are shown as text, escaped; masked samples appear as given.
    for text in ("&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;notes.txt",
                 "&lt;b&gt;bob&lt;/b&gt;", "upn K8********07A (Sheet1!B2)",
                 "=HYPERLINK(&quot;evil.example&quot;,&quot;open&quot;).csv", "caf\ufffd menu.txt"):
        if text not in source:
            failures.append(f"escaped text {text!r} not found")
    for section in ("totals", "by-rule", "remediation", "worst-folders", "worst-owners",
                    "violations", "uninspected"):
        if section not in parsed.ids:
            failures.append(f"section #{section} missing")
    if source.count("<svg") < 2:
        failures.append("fewer than two inline SVG charts")


def dom_checks(dom, failures):
    # Laptop-return list: jsmith moves the spreadsheet and the USB zip; amir deletes passwords;
    # the stale e-mail that is also on the local drive is moved, not listed twice.
    remediation = dom[dom.find('id="remediation"'):dom.find('id="worst-folders"')]
    for text in ("jsmith", "amir", "Y7 contacts.xlsx", "E:\\export.zip", "passwords.txt",
                 "proxy-tool.exe", "Move to the home drive", "Delete"):
        if text not in remediation:
            failures.append(f"remediation lacks {text!r}")
    if remediation.count("Re: trip.msg") != 1:
        failures.append("Re: trip.msg is not listed exactly once in the remediation")
    if "/srv/staff/hr/file0.docx" in dom:
        failures.append("an unflagged-location file is listed individually")
    uninspected = dom[dom.find('id="uninspected"'):]
    for text in ("broken.pdf", "salaries.xlsx", "poster.psd", "contacts.csv"):
        if text not in uninspected:
            failures.append(f"'could not be inspected' lacks {text}")


def not_blank(png, failures):
    try:
        from PIL import Image
    except ImportError:
        if os.path.getsize(png) < 20000:
            failures.append("screenshot is suspiciously small")
        return
    image = Image.open(png).convert("RGB")
    if image.size[0] < 1000:
        failures.append(f"screenshot size {image.size}")
    colours = image.getcolors(maxcolors=1 << 20) or []
    inked = sum(n for n, rgb in colours if sum(rgb) < 600)
    if inked < image.size[0] * image.size[1] // 100:
        failures.append(f"screenshot is nearly blank ({inked} inked pixels)")


def main():
    outdir, builddir = sys.argv[1], sys.argv[2]
    page = os.path.join(outdir, "report.html")
    failures = []
    static_checks(page, failures)
    browser = chromium()
    if not browser:
        for f in failures:
            print("FAIL:", f)
        print("SKIP: chromium is not installed (scripts/install-deps.sh installs it)")
        return 1 if failures else 77

    dom, console, requests = run_browser(browser, page, ["--dump-dom"])
    if console:
        failures.append(f"console messages: {console}")
    if requests:
        failures.append(f"network requests: {requests}")
    if "Data protection sweep report" not in dom:
        failures.append("the rendered DOM lacks the report heading")
    dom_checks(dom, failures)

    # Negative controls: the same checks must catch a page that misbehaves.
    source = open(page, encoding="utf-8").read()
    with tempfile.TemporaryDirectory() as tmp:
        bad = os.path.join(tmp, "with_csp.html")
        open(bad, "w", encoding="utf-8").write(source.replace(
            "<main>", '<main><img src="http://127.0.0.1:9/x.png"><script>1</script>', 1))
        _, console_bad, requests_bad = run_browser(browser, bad, ["--dump-dom"])
        if len(console_bad) < 2 or requests_bad:
            failures.append(f"control: CSP did not block and report ({console_bad}, "
                            f"{requests_bad})")
        open_page = os.path.join(tmp, "without_csp.html")
        open(open_page, "w", encoding="utf-8").write(re.sub(
            r"<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "", source).replace(
            "<main>", '<main><img src="http://127.0.0.1:9/x.png">', 1))
        _, _, requests_open = run_browser(browser, open_page, ["--dump-dom"])
        if not any("127.0.0.1:9" in u for u in requests_open):
            failures.append("control: the net log did not show a page's request")

    png = os.path.join(builddir, "report.png")
    pdf = os.path.join(builddir, "report.pdf")
    for path in (png, pdf):
        if os.path.exists(path):
            os.remove(path)
    run_browser(browser, page, [f"--screenshot={png}", "--window-size=1280,2000"])
    run_browser(browser, page, [f"--print-to-pdf={pdf}", "--no-pdf-header-footer"])
    if not os.path.exists(png):
        failures.append("no screenshot")
    else:
        not_blank(png, failures)
    if not os.path.exists(pdf) or os.path.getsize(pdf) < 10000:
        failures.append("printing to PDF failed")
    else:
        pages = len(re.findall(rb"/Type\s*/Page[^s]", open(pdf, "rb").read()))
        print(f"printed to {pages} A4/Letter pages: {pdf}")

    for f in failures:
        print("FAIL:", f)
    print(f"screenshot: {png}; {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
