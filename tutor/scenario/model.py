"""The scenario format, version 1: the one definition of what a scenario file may say.

The loader validates against these models, the engine walks them, and the JSON Schema
that editors use is generated from them (`qi-tutor schema`). Rules that need more than
one file (references into `doctrine.yaml`, quotes against their sources, the shape of
the graph) live in `tutor.checker.checks`; rules about one value live here.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Annotated, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictFloat,
    StrictInt,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from tutor.terminal_text import CONTROL

FORMAT_VERSION = 1

# The qualified-immunity decision tree, in the order a court walks it: the one list of
# steps. Scores are broken down by these steps, and every list of them follows this order.
Step = Literal[
    "jurisdiction",
    "facts-standard",
    "inquiry-order",
    "seizure",
    "standard",
    "participation",
    "violation",
    "graham-severity",
    "graham-threat",
    "graham-flight",
    "deadly-force",
    "statute",
    "mistake",
    "clearly-established",
    "outcome",
    "municipal",
    "state-law",
    "appellate-procedure",
    "today",
]

STEPS: tuple[str, ...] = get_args(Step)

STEP_LABELS: dict[str, str] = {
    "jurisdiction": "Appellate jurisdiction",
    "facts-standard": "Whose facts count",
    "inquiry-order": "The order of the inquiry",
    "seizure": "Seizure",
    "standard": "Which constitutional standard governs",
    "participation": "Each officer's part",
    "violation": "Prong one: violation",
    "graham-severity": "Graham: severity of the crime",
    "graham-threat": "Graham: immediate threat",
    "graham-flight": "Graham: resisting or fleeing",
    "deadly-force": "Deadly force (Garner)",
    "statute": "A statute's validity",
    "mistake": "Reasonable mistake",
    "clearly-established": "Prong two: clearly established",
    "outcome": "Outcome",
    "municipal": "Municipal liability",
    "state-law": "State-law claims",
    "appellate-procedure": "Appellate procedure",
    "today": "Today (later law)",
}

# Short names, so a whole walk fits the breadcrumb's line or two at 80 columns.
STEP_CRUMBS: dict[str, str] = {
    "jurisdiction": "Jurisdiction",
    "facts-standard": "Whose facts",
    "inquiry-order": "Order",
    "seizure": "Seizure",
    "standard": "Standard",
    "participation": "Each officer",
    "violation": "Violation",
    "graham-severity": "Severity",
    "graham-threat": "Threat",
    "graham-flight": "Flight",
    "deadly-force": "Deadly force",
    "statute": "Statute",
    "mistake": "Mistake",
    "clearly-established": "Clearly established",
    "outcome": "Outcome",
    "municipal": "City",
    "state-law": "State law",
    "appellate-procedure": "Procedure",
    "today": "Today",
}


def step_rank(step: str) -> int:
    """Where `step` falls in `STEPS` (an unknown step sorts last): the key of every sort by step."""
    return STEPS.index(step) if step in STEPS else len(STEPS)


def _no_control_characters(value: str) -> str:
    found = CONTROL.search(value)  # author text is shown in a terminal, which would obey these
    if found:
        name = unicodedata.name(found.group(), f"U+{ord(found.group()):04X}")
        raise PydanticCustomError(
            "control_character",
            "control character {char} at position {pos}: remove it (author text is shown "
            "in a terminal, where control characters would be obeyed)",
            {"char": f"U+{ord(found.group()):04X} ({name})", "pos": found.start()},
        )
    return value


Text = Annotated[str, StringConstraints(min_length=1), AfterValidator(_no_control_characters)]
"""Any text an author writes: non-empty, no control characters."""

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
"""A slug: lower-case letters, digits and hyphens."""

Year = Annotated[int, Field(ge=1700, le=2200)]

Checked = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$")]
"""A year and month, YYYY-MM: good law is only ever good law as of a date."""


class Strict(BaseModel):
    """Base for every model: unknown keys are errors, and inputs never echo into messages.

    `hide_input_in_errors` matters for hostile files: a pydantic error that prints an
    alias bomb it was handed would run for minutes.
    """

    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True)


# --- the case and its sources ------------------------------------------------------


class Source(Strict):
    """A text the scenario quotes, shipped beside it so every quote can be checked."""

    id: Id
    path: Text = Field(description="Path relative to the file that names it.")
    role: Literal["majority", "concurrence", "dissent", "excerpt", "reference"] = Field(
        description="majority: the court's (or per curiam) opinion; concurrence or dissent: one judge's separate"
        " opinion; excerpt: part of the court's opinion; reference: passages read elsewhere (no pins computed)."
    )
    title: Text | None = Field(default=None, description="How the opinion view names it.")


class Case(Strict):
    name: Text
    citation: Text = Field(description='For example "437 F.3d 527 (6th Cir. 2006)".')
    court: Text
    decided: dt.date
    conduct_date: dt.date = Field(
        description="When the events happened: the date clearly established law is measured at."
    )
    posture: Text
    sources: list[Source] = Field(min_length=1, description="The first source is the default for quotes.")


# --- facts -------------------------------------------------------------------------


class Version(Strict):
    """One side's account of the disputed events."""

    id: Id = Field(description="A fact tab id, e.g. plaintiff or officers.")
    label: Text = Field(description='The tab title, e.g. "Floyd\'s account".')
    text: Text


class Witness(Strict):
    name: Text
    text: Text


class Dispute(Strict):
    point: Text
    plaintiff: Text
    defendant: Text


class Facts(Strict):
    background: Text
    undisputed: list[Text] = Field(min_length=1)
    versions: list[Version] = Field(min_length=1)
    witnesses: list[Witness] = []
    disputes: list[Dispute] = []


# --- what the court did --------------------------------------------------------------


class Quote(Strict):
    """Words copied from a source. The checker finds them there and checks the pin."""

    text: Text
    pin: Text = Field(
        description='"437 F.3d at 535", "at 534-35", or for a source without pages the heading: 518 F.3d 398, '
        '"heading".'
    )
    speaker: Literal["court", "court-quoting", "lower-court", "party", "concurrence", "dissent"]
    source: Id | None = Field(default=None, description="A source id; the case's first source when left out.")
    quoting: Text | None = Field(default=None, description="court-quoting: the authority the court quotes.")
    judge: Text | None = Field(default=None, description="concurrence or dissent: the judge who wrote it.")
    joined: Text | None = Field(
        default=None, description='concurrence or dissent: who joined it, e.g. "Scalia and Ginsburg, JJ.".'
    )
    who: Text | None = Field(default=None, description="party or lower-court: who said it.")
    # Not in the file: set when a scenario is loaded to play (`tutor.study.playable`), where the
    # quote gives a reading its shipped copy lacks (a capital, an 's, an erratum's reading).
    _restored: bool = PrivateAttr(default=False)

    @property
    def restored(self) -> bool:
        return self._restored

    @model_validator(mode="after")
    def _speaker_details(self) -> Quote:
        if self.speaker == "court-quoting" and not self.quoting:
            raise PydanticCustomError("speaker_detail", "a court-quoting quote needs `quoting`: the authority quoted")
        if self.speaker in ("concurrence", "dissent") and not self.judge:
            raise PydanticCustomError(
                "speaker_detail", "a {speaker} quote needs `judge`: who wrote it", {"speaker": self.speaker}
            )
        return self


SEPARATE_OPINIONS = ("concurrence", "dissent")  # a judge's own opinion: never the court's words

CourtStatus = Literal["decided", "outcome-only", "not-reached", "text-missing", "lower-court"]


class Court(Strict):
    """What the court actually did at this point of the analysis."""

    status: CourtStatus
    holding: Text | None = Field(default=None, description="The holding in one line (decided).")
    reasoning: Text | None = Field(default=None, description="The court's reasoning in plain words (decided).")
    quotes: list[Quote] = Field(default=[], max_length=3)
    note: Text | None = Field(
        default=None, description="For any status but decided: what the text does and does not tell us."
    )

    @model_validator(mode="after")
    def _status_needs(self) -> Court:
        if self.status == "decided":
            missing = [k for k in ("holding", "reasoning") if not getattr(self, k)]
            if not self.quotes:
                missing.append("quotes")
            if missing:
                raise PydanticCustomError(
                    "court_decided",
                    "a decided point needs {missing}: the student is owed the holding, the reasoning and the "
                    "court's words",
                    {"missing": ", ".join(missing)},
                )
        elif not self.note:
            raise PydanticCustomError(
                "court_note",
                "status {status} needs `note`: say what the court did or why the text cannot tell",
                {"status": self.status},
            )
        return self


class LaterNote(Strict):
    """A development since the decision, told once in doctrine.yaml; the node says how it bears here."""

    doctrine: Id
    bearing: Text
    checked: Checked | None = None
    quoted: StrictBool = False


# --- nodes ---------------------------------------------------------------------------


class NodeBase(Strict):
    step: Step
    title: Text | None = Field(default=None, description="A short label for history and summaries.")
    prompt: Text
    facts: list[Id] = Field(
        default=[],
        description="Fact tabs the prompt needs: background, undisputed, witnesses, disputes or a version id.",
    )
    hints: list[Text] = []
    doctrine: list[Id] = Field(
        default=[], description="Keys in doctrine.yaml the court relied on (decided by the time of the case)."
    )
    later: list[LaterNote] = Field(default=[], description="Developments since this decision, shown as such.")
    notice: list[Id] = Field(
        default=[],
        description="Prong two: keys in doctrine.yaml of the authority the court held put the officer on notice "
        "(the checker warns when one post-dates the conduct).",
    )
    points: StrictFloat = Field(default=1.0, gt=0, le=100)
    court: Court | None = None
    analysis: Text | None = Field(
        default=None, description="The tutor's own voice, for a wrong turn's branch or a today question."
    )
    next: Id | None = None

    @model_validator(mode="after")
    def _voice(self) -> NodeBase:
        if (self.court is None) == (self.analysis is None):
            raise PydanticCustomError(
                "node_voice",
                "give exactly one of `court` (what the court did) or `analysis` (the tutor's own voice)",
            )
        if self.step == "today" and self.court is not None:
            raise PydanticCustomError(
                "today_voice",
                "a today node is graded on later law: use `analysis` and `later`, never `court`",
            )
        return self


class Choice(Strict):
    id: Id
    text: Text
    correct: StrictBool = False
    points: StrictFloat | None = Field(
        default=None,
        ge=0,
        description="select one: partial credit for this choice (default: all the node's points if correct, "
        "none if not).",
    )
    feedback: Text
    misconception: Id | None = Field(
        default=None, description="A key in misconceptions.yaml that this wrong choice targets."
    )
    next: Id | None = Field(default=None, description="Branch here when chosen, instead of the node's next.")


class ChoiceNode(NodeBase):
    type: Literal["choice"]
    select: Literal["one", "many"] = "one"
    choices: list[Choice] = Field(min_length=2, max_length=9)
    shuffle: StrictBool = Field(
        default=True,
        description="false: always show the choices in file order, where the order carries meaning "
        "(a scale, a sequence); the checker warns when more than a quarter of one-answer nodes opt out.",
    )


class ScaleOption(Strict):
    id: Id
    label: Text


DEFAULT_SCALE = [
    ScaleOption(id="plaintiff", label="Favours the plaintiff"),
    ScaleOption(id="neutral", label="Neutral"),
    ScaleOption(id="officer", label="Favours the officer"),
    ScaleOption(id="disputed", label="Disputed: a jury question"),
]


class Factor(Strict):
    id: Id
    label: Text
    step: Step | None = Field(
        default=None, description="The step this row counts under (e.g. graham-threat); the node's step if left out."
    )
    answer: Id = Field(description="A scale option id.")
    court_weighed: StrictBool = Field(
        default=True, description="false: the court did not weigh this factor; the row is practice and scores nothing."
    )
    explanation: Text


class FactorsNode(NodeBase):
    type: Literal["factors"]
    scale: list[ScaleOption] = Field(default_factory=lambda: list(DEFAULT_SCALE), min_length=2, max_length=9)
    factors: list[Factor] = Field(min_length=1, max_length=9)


class RubricItem(Strict):
    id: Id
    label: Text
    any: list[Text] = Field(
        min_length=1,
        description="Phrases; the item is met when the answer contains any of them (case and spacing ignored).",
    )
    polarity: Literal["affirm", "deny"] = Field(
        default="affirm",
        description="affirm: met by a phrase no negator governs (same clause, before it); "
        "deny: met only by a phrase that is negated, or that carries the negation itself.",
    )
    points: StrictFloat = Field(default=1.0, gt=0)


class Contradiction(Strict):
    """A statement against the holding: an answer that makes it gets no automatic marks."""

    id: Id
    label: Text = Field(description='What the answer would be saying, e.g. "An honest mistake is enough".')
    any: list[Text] = Field(min_length=1, description="Phrases, matched as an affirm rubric item's are.")


class RubricExample(Strict):
    """A sample answer and the marks it must get; `validate` marks it and reports a disagreement."""

    answer: Text
    meets: list[Id] = Field(
        default=[],
        description="The rubric items and contradictions the answer meets; every other one it must not meet.",
    )


DEFAULT_MAX_WORDS = 150


class ShortNode(NodeBase):
    type: Literal["short"]
    rubric: list[RubricItem] = Field(min_length=1)
    contradictions: list[Contradiction] = Field(
        default=[], description="Statements against the holding; an answer meeting one is marked by the student."
    )
    max_words: StrictInt = Field(
        default=DEFAULT_MAX_WORDS,
        ge=10,
        le=2000,
        description="A longer answer gets no automatic marks (keywords pasted in bulk) and is marked by the student.",
    )
    model_answer: Text
    examples: list[RubricExample] = Field(
        default=[],
        description="At least one right answer (one with a legitimate negation), one wrong answer that uses "
        "the rubric's words, one partly right; the checker marks each.",
    )


class EndOutcome(Strict):
    """How the case came out at an end node (not the engine's `Outcome` of one answer)."""

    result: Text = Field(description='e.g. "Qualified immunity denied".')
    disposition: Text = Field(description='e.g. "Affirmed" or "Reversed and remanded".')


class EndNode(Strict):
    type: Literal["end"]
    step: Step = "outcome"
    title: Text | None = None
    outcome: EndOutcome
    court: Court
    later: list[LaterNote] = []
    facts: list[Id] = []


QuestionNode = ChoiceNode | FactorsNode | ShortNode
Node = Annotated[ChoiceNode | FactorsNode | ShortNode | EndNode, Field(discriminator="type")]


SourceHash = Annotated[str, StringConstraints(pattern=r"^sha256:[0-9a-f]{64}$")]


class Review(Strict):
    """Who last read the scenario against its texts, when, and which version of each text they read."""

    date: dt.date = Field(description="When the review was made (YYYY-MM-DD).")
    by: Text = Field(description='Who made it, e.g. "qi-tutor maintainers".')
    sources: dict[Id, SourceHash] = Field(
        min_length=1,
        description="Each source id with the sha256 of its text as reviewed; `qi-tutor reviewed` writes them.",
    )


class Scenario(Strict):
    """One case, one defendant's qualified-immunity analysis, as a tree of decision points."""

    format: Literal[1]
    id: Id
    title: Text
    summary: Text
    reviewed: Review | None = Field(
        default=None,
        description="The last review against the sources; the checker warns (review-stale) when one changed since.",
    )
    case: Case
    defendant: Text | None = None
    tags: list[Id] = []
    facts: Facts
    start: Id
    nodes: dict[Id, Node] = Field(min_length=1)

    def fact_tabs(self) -> list[str]:
        """Every fact tab id this scenario offers, in display order."""
        tabs = ["background", "undisputed"] + [v.id for v in self.facts.versions]
        if self.facts.witnesses:
            tabs.append("witnesses")
        if self.facts.disputes:
            tabs.append("disputes")
        return tabs

    def source(self, source_id: str | None) -> Source:
        """The named source, or the first one when `source_id` is None."""
        if source_id is None:
            return self.case.sources[0]
        for src in self.case.sources:
            if src.id == source_id:
                return src
        raise KeyError(source_id)


# --- the shared vocabularies -----------------------------------------------------------


class DoctrineEntry(Strict):
    name: Text
    citation: Text
    decided: dt.date | Year = Field(description="A date, or a year when only the year is known.")
    rule: Text = Field(description="The rule the authority stands for, in the tutor's words.")
    later: Text | None = Field(
        default=None, description="For a development after a case: what changed, shown under 'Since this decision'."
    )
    quotes: list[Quote] = Field(
        default=[], description="The authority's own words, from its shipped text (or a reference source)."
    )
    checked: Checked | None = Field(
        default=None,
        description="The month the entry (its rule and its `later`) was last checked against current law, YYYY-MM "
        '(e.g. "2026-12"); shown as "checked through 2026-12".',
    )
    scenario: Id | None = Field(
        default=None,
        description="The id of the bank's scenario that walks this case itself; a node citing the entry points "
        "the student to it.",
    )


class DoctrineFile(Strict):
    format: Literal[1]
    sources: list[Source] = []
    entries: dict[Id, DoctrineEntry] = Field(min_length=1)

    def source(self, source_id: str | None) -> Source:
        for src in self.sources:
            if source_id is None or src.id == source_id:
                return src
        raise KeyError(source_id)


class Misconception(Strict):
    label: Text
    explanation: Text


class MisconceptionFile(Strict):
    format: Literal[1]
    misconceptions: dict[Id, Misconception] = Field(min_length=1)


class GlossarySource(Source):
    """A text a glossary entry quotes, with the citation its pins are checked against."""

    citation: Text = Field(description='The opinion\'s citation, e.g. "518 F.3d 398 (6th Cir. 2008)".')


class GlossaryEntry(Strict):
    """A term of art, defined in the tutor's words; where a court defines it, the court's words beside."""

    definition: Text = Field(description="What the term means, in the tutor's words.")
    aliases: list[Text] = Field(default=[], description="Other spellings or forms that mark the term in a text.")
    doctrine: list[Id] = Field(default=[], description="Keys in doctrine.yaml the term belongs to.")
    quotes: list[Quote] = Field(
        default=[], max_length=3, description="A court's own words defining the term, from the glossary's sources."
    )


class GlossaryFile(Strict):
    format: Literal[1]
    sources: list[GlossarySource] = []
    terms: dict[Text, GlossaryEntry] = Field(min_length=1)


class Erratum(Strict):
    """A span of the source damaged in a way that changes meaning, and its certain reading."""

    damaged: Text
    reading: Text
    note: Text | None = None


class Footnote(Strict):
    """A footnote the copy prints away from its page (at the end of the text, say).

    Its page is where its reference stands in the text, which the checker computes
    from the star pages, so a quote from it is pinned `437 F.3d at 535 n.1`.
    """

    number: StrictInt = Field(ge=1)
    reference: Text = Field(
        description="The words of the text just before the footnote's number, with the number as printed, e.g. "
        "'between those two events.1'."
    )
    begins: Text = Field(description="The first words of the footnote's own paragraph.")


class ErrataFile(Strict):
    format: Literal[1]
    damage: Text = Field(description="The source's known damage, shown in the opinion view.")
    errata: list[Erratum] = []
    footnotes: list[Footnote] = Field(default=[], description="Footnotes printed away from their page.")


def decided_on_or_before(decided: dt.date | int, day: dt.date) -> bool | None:
    """Whether an authority was decided by `day`; None when only the year is known and it is `day`'s year."""
    if isinstance(decided, int):
        if decided == day.year:
            return None
        return decided < day.year
    return decided <= day
