"""The opinion view shows a window of paragraphs around the passage, so a huge source opens like a small one."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static

from tests.ui.conftest import BANK, wait_for
from tests.ui.driver import answer
from tutor.sources.passage import WINDOW
from tutor.ui.app import TutorApp
from tutor.ui.screens.opinion import OpinionScreen
from tutor.ui.screens.scenario import ScenarioScreen

FILLER = 50_000  # lines before and after the opinion: 100,000 lines, about 3 MB, under the 4 MB cap


def huge_bank(tmp_path: Path) -> Path:
    bank = tmp_path / "bank"
    shutil.copytree(BANK, bank)
    opinion = bank / "sources" / "mini-opinion.txt"
    text = opinion.read_text(encoding="utf-8")
    before = "".join(f"Filler paragraph {n} of the record.\n" for n in range(FILLER))
    after = "".join(f"A later paragraph {n} of the record.\n" for n in range(FILLER))
    opinion.write_text(before + text + after, encoding="utf-8")
    return bank / "mini.yaml"


async def test_a_100000_line_source_opens_a_window_around_the_quote_and_m_widens_it(
    make_app: Callable[..., TutorApp], tmp_path: Path
) -> None:
    app = make_app(huge_bank(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ScenarioScreen), "the scenario screen", 60)
        screen = app.screen
        assert isinstance(screen, ScenarioScreen)
        await answer(pilot, screen.session.question(), ["plaintiff"])
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, OpinionScreen), "the opinion", 60)
        opinion = app.screen
        assert isinstance(opinion, OpinionScreen)
        # A handful of widgets, whatever the source's length (one per line once took 46 s here).
        assert len(opinion.query("#opinion Static")) <= 4
        hit = str(opinion.query_one("#opinion-hit", Static).render())
        assert "At this stage we must adopt the plaintiff's version of the facts." in hit
        paragraph = opinion.passage.location.paragraph  # type: ignore[union-attr]
        before = str(opinion.query_one("#opinion-before", Static).render())
        assert f"Filler paragraph {FILLER - 1} of" in before and "Filler paragraph 0 of" not in before
        extent = str(opinion.query_one("#opinion-extent", Static).render())
        assert f"Paragraphs {paragraph - WINDOW + 1}-{paragraph + WINDOW + 1} of {2 * FILLER + 8:,}." in extent
        assert "Press m for more" in extent
        await pilot.press("m")
        extent = str(opinion.query_one("#opinion-extent", Static).render())
        assert f"Paragraphs {paragraph - 2 * WINDOW + 1}-{paragraph + 2 * WINDOW + 1} of" in extent
        before = str(opinion.query_one("#opinion-before", Static).render())
        assert f"Filler paragraph {paragraph - 2 * WINDOW} of" in before  # line n of the file is filler n
        assert f"Filler paragraph {paragraph - 2 * WINDOW - 1} of" not in before
