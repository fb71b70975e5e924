"""Fixtures for the export tests: the shipped bank and the specials fixture, through the real loader and checker."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO
from tutor.exports.items import Item, items
from tutor.scenario.bank import bank_files
from tutor.study.playable import Playable, load_playable

SPECIALS = DATA / "lms" / "specials.yaml"


def bank_paths() -> list[Path]:
    return bank_files(REPO / "scenarios")


@pytest.fixture(scope="session")
def bank() -> list[Playable]:
    return [load_playable(p) for p in bank_paths()]


@pytest.fixture(scope="session")
def specials() -> Playable:
    return load_playable(SPECIALS)


def all_items(playables: list[Playable], court_only: bool = False) -> list[Item]:
    return [item for p in playables for item in items(p.scenario, p.context, p.quoted, court_only=court_only)]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("p", "br", "li"):
            self.parts.append("\n")


def shown_text(markup: str) -> str:
    """What a browser shows of `markup`: the text, references decoded, paragraphs on their own lines."""
    parser = _Text()
    parser.feed(markup)
    parser.close()
    return html.unescape("".join(parser.parts))


def lines_shown(markup: str) -> list[str]:
    return [re.sub(r"\s+", " ", line).strip() for line in shown_text(markup).split("\n") if line.strip()]
