"""What the glossary says, as blocks both front ends and the command line show.

A definition is the tutor's and says so; where a shipped opinion defines the term, the
court's words follow with speaker, case and pin, as every quote is shown.
"""

from __future__ import annotations

from collections.abc import Iterable

from tutor.scenario.context import BankContext
from tutor.scenario.glossary import close_terms, lookup, terms_in
from tutor.scenario.model import ChoiceNode, EndNode, FactorsNode, GlossaryEntry, GlossaryFile, Scenario
from tutor.study.said import Block, block, heading, row
from tutor.study.words import speaker

DEFINITION = "The tutor's definition: "
COURT_HEADING = "Where a court defines it"


def entry(term: str, found: GlossaryEntry, context: BankContext) -> list[Block]:
    """One entry: the term, the tutor's definition, other forms, the court's words, doctrine."""
    out = [heading(term), block("definition", row((DEFINITION, "bold"), found.definition))]
    if found.aliases:
        out.append(block("note", row(("Also written: ", "bold"), ", ".join(found.aliases))))
    glossary = context.glossary
    cases = {s.id: f"{s.title}, {s.citation}" if s.title else s.citation for s in glossary.sources} if glossary else {}
    first = glossary.sources[0].id if glossary and glossary.sources else None
    if found.quotes:
        out.append(heading(COURT_HEADING))
    for quote in found.quotes:
        who = (speaker(quote) or "The court:").removesuffix(":")
        case = cases.get(quote.source or first or "", "")
        said = row(
            (f"{who} in {case}:" if case else f"{who}:", "bold"), " “", quote.text, "” (", (quote.pin, "italic"), ")"
        )
        # No `quote=`: a glossary quote's source is the glossary's, which a scenario's opinion view cannot open.
        out.append(block("court-definition", said))
    for key in found.doctrine:
        known = context.doctrine.entries.get(key)
        if known is not None:
            out.append(block("doctrine", row(("See: ", "bold"), (known.name, "italic"), f", {known.citation}")))
    return out


def index(glossary: GlossaryFile) -> list[Block]:
    """Every term, alphabetically."""
    terms = sorted(glossary.terms, key=str.casefold)
    return [heading(f"Glossary: {len(terms)} terms"), *(block("item", row(f"- {t}")) for t in terms)]


def look_up(context: BankContext, word: str) -> list[Block]:
    """The entry `word` names, or a note saying there is none (with the nearest terms)."""
    glossary = context.glossary
    found = lookup(glossary, word) if glossary else None
    if found is not None:
        return entry(*found, context)
    close = close_terms(glossary, word) if glossary else []
    hint = f" Did you mean: {', '.join(close)}?" if close else " Type `glossary` alone for the list."
    return [block("note", row(f"The glossary has no entry {word!r}.{hint}"))]


def scenario_texts(scenario: Scenario, node_id: str | None) -> list[str]:
    """The words a student has on screen at a node: its prompt, hints and choices first, then the facts."""
    texts: list[str] = []
    node = scenario.nodes.get(node_id) if node_id else None
    if node is not None and not isinstance(node, EndNode):
        texts += [node.prompt, *node.hints]
        texts += [c.text for c in node.choices] if isinstance(node, ChoiceNode) else []
        texts += [f.label for f in node.factors] if isinstance(node, FactorsNode) else []
    facts = scenario.facts
    texts += [facts.background, *facts.undisputed, *(v.text for v in facts.versions)]
    texts += [w.text for w in facts.witnesses]
    return texts + [t for d in facts.disputes for t in (d.point, d.plaintiff, d.defendant)]


def terms_on(context: BankContext, texts: Iterable[str]) -> list[str]:
    """The glossary's terms these texts use, in the order they appear (none without a glossary)."""
    return terms_in(context.glossary, texts) if context.glossary else []
