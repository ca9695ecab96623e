"""The story page as a reader meets it: measured in Debian's chromium on a running server.

    .venv/bin/storylens serve --db /tmp/x.db --port 8765 &
    .venv/bin/python -m bench.story_page --base http://127.0.0.1:8765 --label after

On the story with the most articles (the sample corpus' biggest): the claims a reader sees
against the comparison's distinct facts, the outlets' sentences shown under the claims, the
timeline's rows (and how many are distinct), the phone page's height, how far selecting a
claim scrolls a phone, Tab presses from the top of the page to the first stop inside the
outlets' texts (and to the first link that leads there), first contentful paint (median of
five loads) at 1366x900 and 390x844, a screenshot of the first screen and one from the
claims' heading down at both sizes; on the story with the most disagreements, how far down
the page (1366x900) they start, its first screen, and its phone page's height. Results go
to bench/results/story-page-<label>.json, screenshots to docs/img/story-<label>-<size>.png.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
DESKTOP: Any = {"width": 1366, "height": 900}  # playwright ViewportSize
PHONE: Any = {"width": 390, "height": 844}
MAX_TABS = 400  # give up counting Tab presses here (the page has fewer stops before)
LOADS = 5  # page loads per first-contentful-paint median

# The first focus stop inside the outlets' texts: the old page's section or the new one's.
IN_OUTLETS = (
    "(() => { const a = document.activeElement;"
    " return !!(a && a.closest('.outlets-section, .outlets')); })()"
)
# A focused link whose target is the outlets' section or inside it.
LEADS_TO_OUTLETS = (
    "(() => { const a = document.activeElement; const h = a && a.getAttribute('href');"
    " if (!h || !h.startsWith('#') || h.length < 2) return false;"
    " const t = document.getElementById(h.slice(1));"
    " return !!(t && t.closest('.outlets-section, .outlets')); })()"
)
FCP = (
    "new Promise(done => { const seen = () => performance.getEntriesByName("
    "'first-contentful-paint'); if (seen().length) { done(seen()[0].startTime); return; }"
    " new PerformanceObserver(() => done(seen()[0].startTime))"
    ".observe({type: 'paint', buffered: true}); })"
)
# What a reader sees as claims: the visible claim buttons of the claims section.
VISIBLE_CLAIMS = (
    "[...document.querySelectorAll('.claims button.claim')]"
    ".filter(b => b.offsetParent !== null).map(b => b.textContent.trim())"
)

# The timeline's rows, each as its date and its sentence (the old page's and the new one's).
TIMELINE_ROWS = (
    "[...document.querySelectorAll('details.timeline ol > li')].map(li =>"
    " (li.querySelector('time')?.getAttribute('datetime') || li.querySelector('time')?.textContent)"
    " + ' ' + (li.querySelector('.event-text')?.textContent"
    " || li.textContent.replace(li.querySelector('time')?.textContent || '', '')"
    ".replace(li.querySelector('.source')?.textContent || '', '')).trim())"
)
# Outlets' own sentences shown under the claims without opening anything.
EVIDENCE_SHOWN = (
    "[...document.querySelectorAll('.claims .evidence li')]"
    ".filter(li => li.getClientRects().length > 0).length"
)


def biggest_story(base: str) -> tuple[str, dict[str, Any]]:
    stories = httpx.get(f"{base}/api/stories", params={"limit": 100}, timeout=60).json()
    best = max(stories["stories"], key=lambda s: (s["article_count"], s["id"]))
    report = httpx.get(f"{base}/api/stories/{best['id']}", timeout=300).json()
    return str(best["id"]), report


def disputed_story(base: str) -> str | None:
    """The story with the most disagreements (its id), if any story has one."""
    stories = httpx.get(f"{base}/api/stories", params={"limit": 100}, timeout=60).json()
    counts: dict[str, int] = {}
    for story in stories["stories"]:
        report = httpx.get(f"{base}/api/stories/{story['id']}", timeout=300).json()
        counts[story["id"]] = len(report["stories"][0].get("conflicts") or [])
    best = max(counts, key=lambda i: (counts[i], i), default=None)
    return best if best is not None and counts[best] else None


def measure(base: str, label: str, shots: Path) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    story_id, report = biggest_story(base)
    disputed = disputed_story(base)
    url = f"{base}/stories/{story_id}"
    story = report["stories"][0]
    result: dict[str, Any] = {
        "label": label,
        "story": story_id,
        "articles": len(report["articles"]),
        "distinct_facts": len(story.get("claims") or []),
    }
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        for name, viewport in (("1366x900", DESKTOP), ("390x844", PHONE)):
            page = browser.new_page(viewport=viewport)
            paints = []
            for _ in range(LOADS):
                page.goto(url, wait_until="load")
                paints.append(float(page.evaluate(FCP)))
            result[f"fcp_ms_{name}"] = round(statistics.median(paints))
            result[f"height_px_{name}"] = page.evaluate("document.documentElement.scrollHeight")
            shots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shots / f"story-{label}-{name}.png"))
            if name == "1366x900":
                texts = page.evaluate(VISIBLE_CLAIMS)
                result["visible_claims"] = len(texts)
                result["visible_claims_distinct"] = len(set(texts))
                tabs, by_link = _tabs_to_outlets(page)
                result["tabs_to_outlets"] = tabs
                result["tabs_to_a_link_into_the_outlets"] = by_link
                rows = page.evaluate(TIMELINE_ROWS)
                result["timeline_rows"] = len(rows)
                result["timeline_rows_distinct"] = len(set(rows))
                result["evidence_sentences_shown"] = page.evaluate(EVIDENCE_SHOWN)
            else:
                result["phone_claim_jump_px"] = _claim_jump(page)
            _claims_shot(page, shots / f"story-{label}-claims-{name}.png")
            page.close()
        if disputed is not None:
            page = browser.new_page(viewport=DESKTOP)
            page.goto(f"{base}/stories/{disputed}")
            box = page.locator(".conflicts, .disputes").first.bounding_box()
            result["disputed_story"] = disputed
            result["disagreements_top_px_1366x900"] = round(box["y"]) if box else None
            page.screenshot(path=str(shots / f"story-{label}-disputed-1366x900.png"))
            page.close()
            page = browser.new_page(viewport=PHONE)
            page.goto(f"{base}/stories/{disputed}")
            result["disputed_height_px_390x844"] = page.evaluate(
                "document.documentElement.scrollHeight"
            )
            page.close()
        browser.close()
    return result


def _tabs_to_outlets(page: Any) -> tuple[int | None, int | None]:
    """Tab presses from the top until focus is inside the outlets' texts; and until a link
    that leads there (then Enter) is focused, where the page has one."""
    page.evaluate("window.scrollTo(0, 0); document.activeElement?.blur()")
    by_link = None
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if page.evaluate(IN_OUTLETS):
            return presses, by_link
        if by_link is None and page.evaluate(LEADS_TO_OUTLETS):
            by_link = presses
    return None, by_link


def _claims_shot(page: Any, path: Path) -> None:
    """A screen from the claims' heading down: the filters and the evidence, where the
    page has them."""
    page.goto(page.url, wait_until="load")
    page.evaluate(
        "window.scrollTo(0, document.getElementById('claims-h').getBoundingClientRect().top"
        " + window.scrollY - 8)"
    )
    page.screenshot(path=str(path))


def _claim_jump(page: Any) -> int:
    """How far the phone scrolls when a reader taps the first shared claim."""
    claim = page.locator("button.claim.k-shared").first
    claim.scroll_into_view_if_needed()
    before = page.evaluate("window.scrollY")
    claim.click()
    page.wait_for_timeout(1200)  # the smooth scroll settles
    return int(page.evaluate("window.scrollY") - before)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8765")
    parser.add_argument("--label", default="after")
    parser.add_argument("--shots", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args(argv)
    result = measure(args.base, args.label, args.shots)
    out = ROOT / "bench" / "results" / f"story-page-{args.label}.json"
    out.write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    json.dump(result, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
