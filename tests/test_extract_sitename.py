"""The outlet a text dump names itself, and the metadata clean bodies and pages carry."""

from __future__ import annotations

from storylens.extract import extract
from storylens.extract.sitename import site_name
from storylens.records import Article, RawDoc


def test_masthead_confirmed_by_copyright_line() -> None:
    lines = [
        "Harbour Times",
        "News for the coast",
        "Home",
        "...",
        "© 2025 Harbour Times Media Ltd.",
    ]
    assert site_name(lines) == "Harbour Times"


def test_masthead_with_a_suffix_confirmed_by_about_line() -> None:
    lines = ["Energy Desk — Main page", "Gas", "Power", "About Energy Desk", "Contact"]
    assert site_name(lines) == "Energy Desk"


def test_one_mention_is_not_enough() -> None:
    assert site_name(["Valley Post", "Home", "News", "Sport"]) is None
    assert site_name(["Skip to main content", "Menu", "© 2025 Valley Post"]) is None
    assert site_name(["© Vyacheslav Prokofiev/AGENCY", "Home"]) is None


def test_body_export_residue_is_dropped_and_the_credit_kept() -> None:
    text = "\n\n".join(
        [
            "LISBON, March 3 (Meridian Wire) - Dockworkers at the port walked off the job on "
            "Monday at the start of a 72-hour strike over an automation plan.",
            "The union says the plan would cut hundreds of jobs by the end of the decade.",
            "Related: Airline strikes disrupt travel across southern Europe",
            "Sign up to the Courier Briefing, our free morning newsletter.",
            "© 2025 Daily Courier. All rights reserved.",
        ]
    )
    article = extract(RawDoc("feed.jsonl#1", text, "body", fields={"outlet": "Daily Courier"}))
    assert isinstance(article, Article)
    assert len(article.body.split("\n\n")) == 2
    assert article.outlet == "Daily Courier"
    assert article.metadata["agency"] == "Meridian Wire"
    assert article.published is None  # "March 3" and no year anywhere


def test_agency_initials_in_a_dateline_name_the_agency_that_publishes_the_page() -> None:
    html = (
        '<html lang="en"><head><meta property="og:site_name" content="Balkan Press Agency">'
        "<title>Ministry rejects report - Balkan Press Agency</title></head><body><article>"
        "<h1>Ministry rejects report</h1><p>SOFIA, May 12. /BPA/. The Energy Ministry on "
        "Monday rejected a report that the state gas operator had hidden methane leaks from "
        "its pipelines, calling the claims groundless.</p><p>A ministry spokesman said the "
        "company's figures were checked every year by independent inspectors and that "
        "nothing suggested otherwise.</p></article></body></html>"
    )
    article = extract(RawDoc("bpa.html", html, "html"))
    assert isinstance(article, Article)
    assert article.outlet == "Balkan Press Agency"
    assert article.metadata["agency"] == "Balkan Press Agency"
    assert article.title == "Ministry rejects report"
