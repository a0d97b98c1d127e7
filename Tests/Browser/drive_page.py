#!/usr/bin/env python3
"""Drives `dossier serve`'s page in Debian's headless chromium, as a user would, over the Chrome DevTools Protocol
(its pipe transport: no websocket library, no downloaded browser): types a query, clicks a year bar, goes back,
opens a passage, opens an entity, opens the timeline, checks that passages written to attack the page show as
text, and looks at the page on a phone-sized screen. Saves a screenshot of each view in --out.

usage: drive_page.py --url http://127.0.0.1:PORT/ --out DIR [--chromium chromium]
Exit status 0 when every check passes; otherwise 1, with the failed check on stderr.
"""
import argparse, base64, json, os, shutil, subprocess, sys, tempfile, time


class Page:
    def __init__(self, chromium):
        self.profile = tempfile.mkdtemp(prefix="dossier-chromium-")
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def pipes():  # the DevTools pipe is fd 3 (commands in) and fd 4 (answers out), left open across exec
            for source, target in ((to_chrome_r, 3), (from_chrome_w, 4)):
                if source == target:
                    os.set_inheritable(target, True)
                else:
                    os.dup2(source, target, inheritable=True)

        self.proc = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe", "--no-first-run",
             "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars", f"--user-data-dir={self.profile}",
             "--window-size=1280,900", "about:blank"],
            preexec_fn=pipes, close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer = b""
        self.next_id = 0
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable", session=True)
        self.call("Runtime.enable", session=True)

    def call(self, method, params=None, session=False):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self.buffer:
                chunk = os.read(self.from_chrome, 1 << 16)
                if not chunk:
                    raise RuntimeError("chromium closed its DevTools pipe")
                self.buffer += chunk
            raw, self.buffer = self.buffer.split(b"\0", 1)
            answer = json.loads(raw)
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})

    def js(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True}, session=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"script failed: {expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait(self, expression, what, timeout=8.0):
        """Until `expression` holds on a page that shows the state in its address bar."""
        expression = f"(() => {{ try {{ return document.body.dataset.rendered === location.search && ({expression}); }} catch (e) {{ return false; }} }})()"
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.js(expression):
                return
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what} ({expression})")

    def open(self, url, ready, what):
        """Goes to `url`, then waits until `ready` holds there (see `wait`)."""
        self.call("Page.navigate", {"url": url}, session=True)
        self.wait(ready, what)

    def click(self, selector):
        """A real mouse click (pressed and released) at the middle of the element."""
        box = self.js(f"""(() => {{ const e = document.querySelector({json.dumps(selector)}); if (!e) return null;
            e.scrollIntoView({{block: 'center'}}); const r = e.getBoundingClientRect();
            return [r.x + r.width / 2, r.y + r.height / 2]; }})()""")
        if not box:
            raise AssertionError(f"nothing to click at {selector}")
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", {"type": kind, "x": box[0], "y": box[1], "button": "left", "clickCount": 1}, session=True)

    def key(self, key):
        """A key pressed and released: a character ("/"), or a named key ("Escape")."""
        codes = {"Escape": 27, "Enter": 13, "Tab": 9}
        down = {"type": "keyDown", "key": key, "text": key} if len(key) == 1 else \
            {"type": "rawKeyDown", "key": key, "code": key, "windowsVirtualKeyCode": codes[key]}
        self.call("Input.dispatchKeyEvent", down, session=True)
        self.call("Input.dispatchKeyEvent", {"type": "keyUp", "key": key}, session=True)

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": False}, session=True)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        try:
            self.call("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def check(condition, what):
    if not condition:
        raise AssertionError(what)
    print(f"ok   {what}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    args = ap.parse_args()
    base = args.url.rstrip("/")
    os.makedirs(args.out, exist_ok=True)
    shot = lambda name: page.screenshot(os.path.join(args.out, name))
    page = Page(args.chromium)
    try:
        page.open(base + "/", "document.readyState === 'complete' && !!document.querySelector('#q')", "the page")
        page.wait("document.querySelectorAll('#histogram button').length > 0", "the year histogram of every passage")
        paint = page.js("(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || -1")
        print(f"first contentful paint: {paint:.0f} ms")
        # every year has its bar, beyond a facet's 100 values (the chronicle has 200 years and more)
        years = page.js("fetch('/api/facets').then((r) => r.json()).then((j) => j.facets.year.map((y) => y.value))")
        missing = page.js(f"{json.dumps(years)}.filter((y) => !document.querySelector(`#histogram button[data-year='${{y}}']:not([disabled])`))")
        check(len(years) > 200 and missing == [], f"histogram: a bar for each of the {len(years)} years (missing: {missing[:5]})")
        check(page.js("document.querySelectorAll('#facet-people li').length") > 0 and page.js("document.querySelectorAll('#facet-places li').length") > 0,
              "people and places listed apart")

        # type a query: instant search, the query in the address bar
        page.click("#q")
        page.call("Input.insertText", {"text": "visit"}, session=True)
        page.wait("document.querySelectorAll('.hit').length > 0 && location.search.includes('q=visit')", "hits for the typed query")
        check(page.js("document.querySelectorAll('.hit mark').length") > 0, "typed query: hits with highlighted words")
        total = page.js("document.querySelector('#status').textContent")
        shot("search.png")

        # click a year bar: the filter is applied, shown as a chip, and the counts change
        year = page.js("document.querySelector('#histogram button:not([disabled])').dataset.year")
        before = page.js("document.querySelector('#facet-topics ul').textContent")
        page.click(f"#histogram button[data-year='{year}']")
        page.wait(f"location.search.includes('year={year}') && document.querySelector('#chips').textContent.includes('year: {year}')", "the year filter")
        page.wait(f"document.querySelector('#facet-topics ul').textContent !== {json.dumps(before)} || document.querySelector('#status').textContent !== {json.dumps(total)}", "counts for the chosen year")
        check(page.js(f"document.querySelector(\"#histogram button[data-year='{year}']\").getAttribute('aria-pressed')") == "true", f"year bar {year} clicked: filter applied, counts changed")
        shot("year.png")
        # the chip removes it; back and forward move between states
        page.click("#chips button")
        page.wait(f"!location.search.includes('year={year}')", "the chip removing the year filter")
        page.js("history.back()")
        page.wait(f"location.search.includes('year={year}') && document.querySelector('#chips').textContent.includes('year: {year}')", "back to the year filter")
        page.js("history.back()")
        page.wait(f"!location.search.includes('year=') && location.search.includes('q=visit')", "back to the query alone")
        check(True, "back and forward restore each state")

        # open a passage: the whole text, its tags and why, its neighbours
        page.wait("document.querySelectorAll('.open-passage').length > 0", "passage links")
        page.click(".open-passage")
        page.wait("!!document.querySelector('#passage .passage-text')", "the passage view")
        check(page.js("document.querySelectorAll('#passage .tagged').length") > 0, "passage view: the words that gave its tags are marked")
        check(page.js("document.querySelector('#passage .neighbours').textContent.includes('Before')"), "passage view: its neighbours")
        check("passage=" in page.js("location.search"), "passage view has its own URL")
        shot("passage.png")

        # open an entity: its timeline, its years, the entities it appears with
        page.click("#passage .open-entity")
        page.wait("!!document.querySelector('#entity h2')", "the entity view")
        check(page.js("document.querySelector('#entity').textContent.includes('Timeline')"), "entity view: a timeline")
        check(page.js("document.querySelector('#entity').textContent.includes('Appears most with')"), "entity view: the entities it appears with")
        check(page.js("document.querySelector('#entity').textContent.includes('years ')"), "entity view: its years")
        shot("entity.png")

        # the timeline of a search
        page.click("#view-timeline")
        page.wait("document.querySelectorAll('#timeline .year-group').length > 0", "the timeline view")
        check(page.js("location.search.includes('view=timeline')"), "timeline view: dated events grouped by year, with its own URL")
        shot("timeline.png")

        # the events of a search, coded in CAMEO and PLOVER
        page.click("#view-events")
        page.wait("document.querySelectorAll('#events .event').length > 0", "the events view")
        check(page.js("location.search.includes('view=events') && document.querySelector('#events').textContent.includes('CAMEO')"),
              "events view: who did what to whom, with codes and its own URL")
        check(page.js("document.querySelectorAll('#facet-actions li').length > 0 && document.querySelectorAll('#facet-plover li').length > 0"),
              "events view: the actions and PLOVER types of the passages as facets")
        check(page.js("document.querySelector('#facet-languages').textContent.includes('en')"), "the passages' languages as a facet")
        shot("events.png")

        # a question gets its answer card above the passages
        page.js("history.pushState(null, '', '/?q=' + encodeURIComponent('Who visited Belgium in 2015?')); dispatchEvent(new PopStateEvent('popstate'))")
        page.wait("document.querySelector('#answer') !== null", "the answer card")
        check(page.js("document.querySelector('#answer').textContent.includes('Li Keqiang')"), "a question: the answer card, with its evidence")
        shot("answer.png")

        # hostile passages show as text: no script runs, no element is made from them
        for query, literal in (("onerror", 'onerror="window.__xss = 2"'), ("script", "<script>window.__xss = 1</script>")):
            page.open(f"{base}/?q={query}", "document.querySelectorAll('.hit').length > 0", f"hits for {query}")
            check(page.js("window.__xss === undefined && !document.querySelector('#results img') && !document.querySelector('#results script')"),
                  f"hostile passage ({query}) does not run or make elements")
            check(page.js(f"document.querySelector('#results').textContent.includes({json.dumps(literal[:20])})"), f"hostile passage ({query}) shows as text")
        page.click(".open-passage")
        page.wait("!!document.querySelector('#passage .passage-text')", "the hostile passage in full")
        check(page.js("window.__xss === undefined && !document.querySelector('#passage img')"), "hostile passage in full shows as text")
        shot("hostile.png")

        # the keyboard: / goes to the search box, Escape leaves a passage
        page.key("Escape")
        page.wait("!location.search.includes('passage=')", "Escape leaving the passage")
        page.js("document.activeElement.blur()")
        page.key("/")
        check(page.js("document.activeElement.id") == "q", "keyboard: / focuses the search box, Escape closes a view")

        # a passage opens at its top, its heading focused; back on the results, the hit it came from is focused
        page.open(f"{base}/?q=ledger", "document.querySelectorAll('.hit').length === 20", "a page of hits for ledger")
        last = page.js("[...document.querySelectorAll('.open-passage')].pop().dataset.id")
        page.click(f".open-passage[data-id='{last}']")
        page.wait("!!document.querySelector('#passage .passage-text')", "the passage opened from the last hit")
        check(page.js("window.scrollY") == 0 and page.js("document.activeElement.matches('#passage h2')"),
              "opening a passage from far down the list: its top on screen, its heading focused")
        page.js("history.back()")
        page.wait("document.querySelectorAll('.hit').length === 20", "back on the hits")
        check(page.js("document.activeElement.dataset.id") == last, "back from a passage: the hit it came from has the focus")
        page.click(".pager button")
        page.wait("location.search.includes('offset=20') && document.querySelectorAll('.hit').length > 0", "the next page")
        check(page.js("window.scrollY") == 0, "Next →: the new page from its top")
        # a filter chosen on a passage goes back to the filtered results, without the old page's offset
        page.click(".open-passage")
        page.wait("!!document.querySelector('#passage .passage-text') && location.search.includes('offset=20')", "a passage from page 2")
        page.click("#passage .tags dd a")
        page.wait("!!document.querySelector('#results') && location.search.includes('topic=')", "the topic link's results")
        check(not page.js("location.search.includes('offset=')"), "a passage's topic link: results from the first page")
        page.click(".open-passage")
        page.wait("!!document.querySelector('#passage .passage-text')", "a passage again")
        page.click("#histogram button:not([disabled])")
        page.wait("!!document.querySelector('#results') && location.search.includes('year=')", "the sidebar filter's results")
        check(not page.js("location.search.includes('passage=')"), "a sidebar filter on a passage: the filtered results")

        # a passage opened in a new tab: ← Back goes to its search, not out of the page; Escape in the search box
        # closes the passage and keeps the query
        page.open(f"{base}/?q=visit&passage={last}", "!!document.querySelector('#passage .passage-text')", "a passage opened from its address")
        page.click("#passage .back")
        page.wait("location.search === '?q=visit' && document.querySelectorAll('.hit').length > 0", "its search")
        check(page.js("location.origin + '/'") == base + "/", "← Back on a passage opened from its address: its search, in the page")
        page.click(".open-passage")
        page.wait("!!document.querySelector('#passage .passage-text')", "a passage from the hits")
        page.click("#q")
        page.key("Escape")
        page.wait("!location.search.includes('passage=') && document.querySelectorAll('.hit').length > 0", "Escape in the search box")
        check(page.js("document.querySelector('#q').value") == "visit" and page.js("location.search") == "?q=visit",
              "Escape in the search box: the passage closed, the query kept")

        # a new query typed is a new history entry; back shows the old query in the box, focused or not
        page.js("document.querySelector('#q').select()")
        time.sleep(1.2)
        page.call("Input.insertText", {"text": "panda"}, session=True)
        page.wait("location.search === '?q=panda' && document.querySelectorAll('.hit').length > 0", "hits for panda")
        page.js("history.back()")
        page.wait("location.search === '?q=visit'", "back to visit")
        check(page.js("document.querySelector('#q').value") == "visit", "a typed query has its own history entry; back puts its text in the box")

        # nothing matches with filters: said so, with a way out
        page.open(f"{base}/?q=panda&year=1241", "!!document.querySelector('#clear-filters')", "no match with a filter")
        check("with the filters year 1241" in page.js("document.querySelector('#status').textContent"), "no match with filters: the filters named")
        page.click("#clear-filters")
        page.wait("location.search === '?q=panda' && document.querySelectorAll('.hit').length > 0", "the search without its filters")
        check(True, "no match with filters: a link to search without them")

        # names marked where they are: after a Turkish İ (which lowercasing lengthens), and a surname alone
        page.open(f"{base}/?q=envoys", "document.querySelectorAll('.hit').length > 0", "hits for envoys")
        page.click(".open-passage")
        page.wait("!!document.querySelector('#passage .passage-text')", "the İzmir passage")
        tagged = page.js("[...document.querySelectorAll('#passage .tagged')].map((e) => e.textContent)")
        check("Xi Jinping" in tagged and "2015" in tagged, f"names after a Turkish İ marked where they are: {tagged}")
        page.open(f"{base}/?q=Verhofstadt%20useful", "document.querySelectorAll('.hit').length > 0", "hits for Verhofstadt")
        page.click(".open-passage")
        page.wait("!!document.querySelector('#passage .passage-text')", "the Verhofstadt passage")
        tagged = page.js("[...document.querySelectorAll('#passage .tagged')].map((e) => e.textContent)")
        check(tagged.count("Verhofstadt") == 1 and "Guy Verhofstadt" in tagged, f"a person named by surname alone is marked too: {tagged}")

        # entities: an alias opens the entity it names; an unknown name says so
        page.open(f"{base}/?about=President%20Xi", "!!document.querySelector('#entity h2')", "the entity of an alias")
        check(page.js("document.querySelector('#entity h2').textContent") == "Xi Jinping"
              and not page.js("[...document.querySelectorAll('#entity .open-entity')].some((a) => /^(Xi Jinping|President Xi)$/.test(a.textContent))"),
              "an alias: its entity's page, not listed with itself")
        page.open(f"{base}/?about=Nobody%20Atall", "document.querySelector('#content').textContent.includes('unknown entity')", "an unknown entity")
        check(True, "an unknown entity says so")

        # the events a page at a time (the chronicle's signings make more than 100)
        page.open(f"{base}/?view=events", "document.querySelectorAll('#events .event').length > 0", "the events")
        check(page.js("document.querySelector('#events .meta').textContent.includes('showing 1–100')"), "events: the first 100 of more")
        page.click("#events .pager button")
        page.wait("document.querySelector('#events .meta').textContent.includes('showing 101–200')", "the next page of events")
        check(page.js("window.scrollY") == 0, "events: a pager, each page from its top")

        # the keyboard: a link to skip to the results comes first
        page.open(f"{base}/?q=visit", "document.querySelectorAll('.hit').length > 0", "hits for visit")
        page.js("document.activeElement.blur()")
        page.key("Tab")
        check(page.js("document.activeElement.id") == "skip", "keyboard: Tab first reaches 'Skip to results'")

        # print: what was searched is said
        page.open(f"{base}/?q=visit&year=2015", "document.querySelectorAll('.hit').length > 0", "hits for visit in 2015")
        page.call("Emulation.setEmulatedMedia", {"media": "print"}, session=True)
        printed = page.js("getComputedStyle(document.querySelector('#print-query')).display !== 'none' && document.querySelector('#print-query').textContent")
        page.call("Emulation.setEmulatedMedia", {"media": ""}, session=True)
        check(printed and "visit" in printed and "year 2015" in printed, f"print: the query and filters ({printed})")

        # a phone-sized screen: one column, nothing wider than the screen
        page.call("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}, session=True)
        page.open(f"{base}/?q=panda", "document.querySelectorAll('.hit').length > 0", "hits on a phone-sized screen")
        check(page.js("document.documentElement.scrollWidth <= window.innerWidth + 1"), "phone-sized screen: no sideways scrolling")
        shot("phone.png")
        passage = page.js("fetch('/api/search?q=envoys').then((r) => r.json()).then((j) => j.hits[0].id)")
        for path, ready in (("/", "document.querySelectorAll('#histogram button').length > 200"), ("/?view=events", "!!document.querySelector('#events')"),
                            (f"/?passage={passage}", "!!document.querySelector('#passage')"), ("/?about=Xi%20Jinping", "!!document.querySelector('#entity')")):
            page.open(base + path, ready, f"{path} on a phone-sized screen")
            width = page.js("document.documentElement.scrollWidth")
            check(width <= page.js("window.innerWidth") + 1, f"phone-sized screen, {path}: no sideways scrolling ({width} px)")
        print(f"screenshots in {args.out}")
        return 0
    except Exception as e:
        print(f"FAIL {e}", file=sys.stderr)
        try:
            shot("failure.png")
        except Exception:
            pass
        return 1
    finally:
        page.close()


if __name__ == "__main__":
    sys.exit(main())
