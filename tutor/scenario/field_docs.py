"""What each key of the scenario format holds, for the keys whose model field carries no description.

The JSON Schema gives an editor every key's meaning on hover; most come from the
model's own `Field(description=...)`, and these fill in the rest (a test holds the
schema to a description for every property, and this table to real fields only).
"""

from __future__ import annotations

NODE = {
    "step": "The step of the analysis this node tests (its score is counted under that step).",
    "prompt": "The question put to the student.",
    "hints": "Hints, shown one at a time on request; the first costs nothing.",
    "points": "The points the node is worth (0 to 100; default 1).",
    "court": "What the court did at this point: its holding, reasoning and words.",
    "next": "The node that follows (an end node's id for the last question).",
}

FIELD_DOCS: dict[str, str] = {
    "Scenario.format": "The scenario format's version: 1.",
    "Scenario.id": "The scenario's id, unique in the library (lower-case letters, digits, hyphens).",
    "Scenario.title": "The title shown in the library.",
    "Scenario.summary": "One or two sentences shown under the title in the library.",
    "Scenario.case": "The case: its name, citation, court, dates, posture and opinion texts.",
    "Scenario.defendant": "The officer whose immunity the scenario analyses.",
    "Scenario.tags": "Topic tags for the library's filters.",
    "Scenario.facts": "The facts shown beside every question: background, undisputed, each side's version.",
    "Scenario.start": "The id of the first node.",
    "Scenario.nodes": "The decision points, by id: question nodes (choice, factors, short) and end nodes.",
    "Case.name": 'The case name, e.g. "Sigley v. City of Parma Heights".',
    "Case.court": "The court that decided it.",
    "Case.decided": "The date of the decision (YYYY-MM-DD).",
    "Case.posture": "How the case came to this court, e.g. an interlocutory appeal from a denial of summary judgment.",
    "Source.id": "The id quotes use to name this source.",
    "Version.text": "This side's account of the facts.",
    "Witness.name": "Who the witness is.",
    "Witness.text": "What the witness said.",
    "Dispute.point": "The fact in dispute.",
    "Dispute.plaintiff": "The plaintiff's version of it.",
    "Dispute.defendant": "The defendant's version of it.",
    "Facts.background": "The story so far, in the tutor's words.",
    "Facts.undisputed": "Facts both sides accept.",
    "Facts.versions": "Each side's account, shown as its own tab.",
    "Facts.witnesses": "Witnesses' accounts.",
    "Facts.disputes": "The facts in dispute, side by side.",
    "Quote.text": "The court's words, copied exactly from the source (an ellipsis may join parts of one paragraph).",
    "Quote.speaker": "Whose words they are: court, court-quoting, lower-court, party, concurrence or dissent.",
    "Court.status": "decided (the court ruled on this), outcome-only, not-reached, text-missing or lower-court.",
    "Court.quotes": "One to three quotes from the opinion, each found in its source and pinned.",
    "LaterNote.doctrine": "The doctrine.yaml key of the later development.",
    "LaterNote.bearing": "How the development bears on this case, in the tutor's words.",
    "LaterNote.checked": 'The month this note was last checked against current law (YYYY-MM, e.g. "2026-12"); '
    'shown as "checked through 2026-12". The doctrine entry\'s month when left out.',
    "LaterNote.quoted": "true: show the doctrine entry's own words (its quotes, proved against its shipped text) "
    "under this note; false (the default): its rule and later law only.",
    "Choice.id": "The choice's id within its node.",
    "Choice.text": "The answer as the student sees it.",
    "Choice.correct": "Whether this is the court's answer (true or false).",
    "Choice.feedback": "What the student is told after choosing it.",
    "ChoiceNode.type": "choice: the student picks one answer (select: one) or several (select: many).",
    "ChoiceNode.select": "one: exactly one choice is correct; many: every correct choice must be picked.",
    "ChoiceNode.choices": "Two to nine answers.",
    "ScaleOption.id": "The option's id, which a factor's answer names.",
    "ScaleOption.label": "The option as the student sees it.",
    "Factor.id": "The factor's id within its node.",
    "Factor.label": "The factor as the student sees it.",
    "Factor.explanation": "Why the factor weighs as it does, shown after the answer.",
    "FactorsNode.type": "factors: the student weighs each factor on a scale.",
    "FactorsNode.scale": "The options each factor is weighed on (a default scale when left out).",
    "FactorsNode.factors": "One to nine factors to weigh.",
    "RubricItem.id": "The rubric item's id within its node.",
    "RubricItem.label": "What a good answer must say, as the student sees it after answering.",
    "RubricItem.points": "The points this item is worth (default 1).",
    "Contradiction.id": "The contradiction's id within its node (an example's `meets` may name it).",
    "RubricExample.answer": "A sample answer, marked by `validate` against the rubric.",
    "ShortNode.type": "short: the student writes an answer, scored against the rubric.",
    "ShortNode.rubric": "What a good answer must say, item by item.",
    "ShortNode.model_answer": "A model answer, shown after the student's.",
    "EndNode.type": "end: where a path through the scenario ends.",
    "EndNode.step": "The step of an end node: outcome.",
    "EndNode.title": "A short label for history and summaries.",
    "EndNode.outcome": "The result and disposition reached at this end.",
    "EndNode.court": "What the court decided in the end.",
    "EndNode.later": "Developments since the decision, shown as such.",
    "EndNode.facts": "Fact tabs shown with this end in review.",
}
for _node in ("ChoiceNode", "FactorsNode", "ShortNode"):
    FIELD_DOCS.update({f"{_node}.{key}": text for key, text in NODE.items()})
