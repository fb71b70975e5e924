"""Answering questions with keys, as a student would, for the Pilot tests."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import TextArea

from tests.ui.conftest import wait_for
from tutor.scenario.model import ChoiceNode, FactorsNode, ShortNode

QuestionNode = ChoiceNode | FactorsNode | ShortNode


def wrong_response(node: QuestionNode) -> Any:
    """An answer the court did not give: a wrong choice, every row off by one, or an empty-headed text."""
    if isinstance(node, ChoiceNode):
        return [next(c.id for c in node.choices if not c.correct)]
    if isinstance(node, FactorsNode):
        ids = [s.id for s in node.scale]
        return {f.id: ids[(ids.index(f.answer) + 1) % len(ids)] for f in node.factors}
    return "I would rather not say."


async def answer(pilot: Pilot, node: QuestionNode, response: Any) -> None:
    """Press the keys that give `response` to `node`, ending with the submit key."""
    if isinstance(node, ChoiceNode):
        for choice_id in response:
            await pilot.press(str([c.id for c in node.choices].index(choice_id) + 1))
        await pilot.press("enter")
    elif isinstance(node, FactorsNode):
        scale = [s.id for s in node.scale]
        for index, factor in enumerate(node.factors):
            if index:
                await pilot.press("tab")
            await pilot.press(str(scale.index(response[factor.id]) + 1))
        await pilot.press("enter")
    else:
        area = pilot.app.screen.query_one(TextArea)
        await wait_for(pilot, lambda: area.has_focus, "the text area to take focus")
        area.insert(response)  # typing a long model answer key by key would only slow the test
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: bool(pilot.app.screen.query("MarksList")), "the rubric marks")
        await pilot.press("enter")
    await pilot.pause()
