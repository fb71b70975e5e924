"""`qi-tutor new`: a commented scenario to start from, valid as written.

Every key the format has is shown once with a comment saying what it holds, and the
file passes `qi-tutor validate` before the author changes a word: its one quote is
taken from a placeholder opinion written beside it (`sources/<id>.txt`), which the
author replaces with the real opinion. Doctrine and misconception keys are ones the
shipped vocabularies define.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tutor.scenario.schema import MODELINE, SCHEMA_FILE

PLACEHOLDER_OPINION = """\
OPINION
Paste the opinion here in place of these lines, one paragraph to a line.
Keep the reporter's star-page markers where they fall: the checker computes the page of every quote from them.
*101 Until then the new scenario quotes this sentence, so that it validates as written.
"""

TEMPLATE = """\
{modeline}
# A new qi-tutor scenario. Every key is explained in a comment above it; the guide
# is docs/authoring.md. Check your work with:  qi-tutor validate {file_name}

format: 1                  # the format version; always 1
id: {scenario_id}          # unique in the bank: lower-case letters, digits, hyphens
title: "Roe v. Doe: Officer Doe"   # shown in the library
summary: >-                # two or three sentences for the library list
  Replace with what happened and which question the student will work through.
# After reading every quote and holding against the sources, record the review with
# `qi-tutor reviewed {file_name} --by NAME`; it writes this block (the checker warns
# when a source changes afterwards):
# reviewed:
#   date: 2026-01-01         # when the review was made
#   by: A. Reviewer          # who made it
#   sources:                 # each source id with the sha256 of its text as read
#     majority: sha256:...
case:
  name: Roe v. Doe                           # the case name as reported
  citation: 500 F.3d 100 (6th Cir. 2008)     # volume, reporter, first page, court and year
  court: U.S. Court of Appeals for the Sixth Circuit
  decided: 2008-01-15                        # YYYY-MM-DD; authorities after this are "later law"
  conduct_date: 2005-06-01                   # when the events happened (clearly established is measured here)
  posture: Interlocutory appeal from the denial of summary judgment on qualified immunity
  sources:                                   # the texts quotes come from; the first is the default
    - id: majority                           # how a quote names this source
      path: sources/{scenario_id}.txt        # relative to this file, inside its folder
      role: majority                         # majority, concurrence, dissent, excerpt or reference
      title: Majority opinion                # optional: the opinion view's label
defendant: Officer Doe     # optional: the officer whose immunity is analysed
tags: [excessive-force]    # optional: words for filtering the library

facts:
  background: Replace with the setting, in the tutor's own words.
  undisputed:              # facts neither side contests
    - Replace with a fact both sides accept.
  versions:                # one tab per side's account; `id` is what nodes list under `facts`
    - id: plaintiff
      label: The plaintiff's account
      text: Replace with the plaintiff's version of the disputed events.
    - id: officer
      label: The officer's account
      text: Replace with the officer's version.
  witnesses:               # optional
    - name: A bystander
      text: Replace with what the witness said.
  disputes:                # optional: the points the accounts differ on
    - point: Where were the plaintiff's hands?
      plaintiff: Raised and empty.
      defendant: At his waistband.

start: whose-facts         # the id of the first node

nodes:                     # node id -> node; ids are slugs
  whose-facts:
    type: choice           # choice, factors, short or end
    step: facts-standard   # where this stands in the analysis (see docs/authoring.md for the list)
    title: Whose facts count           # optional: a short label for history
    prompt: On this appeal, whose account of the events does the court analyse?
    facts: [plaintiff, officer]        # optional: the fact tabs this question needs
    hints:                             # optional: revealed one at a time
      - Who is the non-moving party?
    doctrine: [saucier]                # optional: keys in doctrine.yaml the court relied on
    select: one                        # one (exactly one correct choice) or many
    points: 1                          # optional: what the node is worth (default 1)
    shuffle: true                      # optional: false keeps file order where the order carries meaning
    choices:
      - id: plaintiff
        text: The plaintiff's, wherever the record supports it
        correct: true
        feedback: Right. Explain why, in a sentence or two.
      - id: officer
        text: The officer's, because he was there
        feedback: Explain why this is wrong.
        misconception: officer-version-controls   # optional: a key in misconceptions.yaml
        next: officer-branch                      # optional: branch here when chosen
        # points: 0.5                             # optional (select one): partial credit for a nearly-right choice
    court:                             # what the court did at this point
      status: decided                  # decided, outcome-only, not-reached, text-missing or lower-court
      holding: Replace with the holding in one line.
      reasoning: Replace with the court's reasoning in plain words.
      quotes:                          # one to three; each must appear word for word in its source
        - text: Until then the new scenario quotes this sentence, so that it validates as written.
          pin: 500 F.3d at 101         # the page the checker computes from the star markers
          speaker: court               # court, court-quoting (+ quoting), lower-court or party (+ who),
                                       # concurrence or dissent (+ judge, joined)
          # source: majority           # optional: a source id; the case's first source when left out
          # quoting: Tennessee v. Garner, 471 U.S. 1 (1985)   # court-quoting: the authority quoted
          # judge: Batchelder          # concurrence or dissent: who wrote it
          # joined: Gilman, J.         # concurrence or dissent: optional, who joined it
          # who: the district court    # lower-court or party: who said it
    next: weighing

  officer-branch:                      # a wrong turn's branch: the tutor's voice, never the court's
    type: choice
    step: facts-standard
    prompt: If the court took the officer's account, what would it be deciding?
    choices:
      - id: credibility
        text: Which witness to believe, a question for the jury
        correct: true
        feedback: Yes; that is why the court does not take it.
      - id: law
        text: A pure question of law
        feedback: Choosing between accounts is a question of fact.
        misconception: appeal-decides-credibility
    analysis: Replace with where this reasoning leads, in the tutor's own voice.
    next: weighing

  weighing:
    type: factors                      # the Graham weighing, one row per factor
    step: deadly-force
    prompt: On the plaintiff's facts, which way does each factor point?
    doctrine: [graham]
    # scale: optional; the default is plaintiff / neutral / officer / disputed
    factors:
      - id: threat
        label: Immediate threat
        step: graham-threat            # optional: the step this row counts under
        answer: plaintiff              # a scale option id
        explanation: Replace with why.
      - id: flight
        label: Resisting or fleeing
        step: graham-flight
        answer: disputed
        court_weighed: false           # the court did not weigh it: practice only, no score
        explanation: Replace with why.
    analysis: Replace with what the court did with the factors, or why the tutor asks.
    next: state-right

  state-right:
    type: short                        # a written answer, marked by phrases
    step: clearly-established
    prompt: State the right at the level of specificity the court used.
    rubric:
      - id: unarmed
        label: The plaintiff was unarmed
        any: [unarmed, no weapon]      # met when the answer contains any of these
        polarity: affirm               # affirm: not met under a negator ("not unarmed"); deny: met only negated
        points: 1
    contradictions:                    # optional: statements against the holding; an answer making one is self-marked
      - id: armed
        label: The plaintiff was armed
        any: [was armed, had a weapon]
    max_words: 150                     # optional: a longer answer is self-marked (default 150)
    model_answer: Replace with the answer the court's reasoning supports, e.g. an unarmed man who posed no threat.
    examples:                          # sample answers and the items each meets; the checker marks them
      - answer: The plaintiff was unarmed, an unarmed man who posed no threat.
        meets: [unarmed]
      - answer: The plaintiff had no weapon in his hands.
        meets: [unarmed]
      - answer: The plaintiff was not unarmed.
        meets: []
    notice: [garner]                   # optional (prong two): authority the court held put the officer on notice
    analysis: Replace with how the court framed the right.
    later:                             # optional: developments since the decision
      - doctrine: pearson
        bearing: Replace with how it bears on this question today.
        checked: {this_month}               # optional: the month you last checked it against current law (YYYY-MM)
        quoted: false                  # optional: true shows the doctrine entry's own quotes under the note
    next: end

  end:
    type: end
    title: Outcome                     # optional; `step` defaults to outcome, and `later` and `facts` work as above
    outcome:
      result: Qualified immunity denied
      disposition: Affirmed
    court:
      status: outcome-only             # any status but decided needs a note
      note: Replace with the court's disposition, quoted in a decided block once the opinion is pasted in.
"""


def template_text(scenario_id: str, file_name: str) -> str:
    this_month = f"{dt.date.today():%Y-%m}"  # a new note is checked as of the day it is written
    return TEMPLATE.format(modeline=MODELINE, scenario_id=scenario_id, file_name=file_name, this_month=this_month)


def write_template(path: Path, scenario_id: str) -> list[Path]:
    """Write the scenario, and when absent its placeholder opinion and the schema beside it; return what was written.

    The modeline names `scenario.schema.json` in the scenario's own folder, so it keeps
    working when the folder is shared or moved (an absolute path into an installed
    package would not).
    """
    from tutor.scenario.schema import schema_text

    text = template_text(scenario_id, path.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    written = [path]
    schema = path.parent / SCHEMA_FILE
    if not schema.exists():
        schema.write_text(schema_text(), encoding="utf-8")
        written.append(schema)
    opinion = path.parent / "sources" / f"{scenario_id}.txt"
    if not opinion.exists():
        opinion.parent.mkdir(exist_ok=True)
        opinion.write_text(PLACEHOLDER_OPINION, encoding="utf-8")
        written.append(opinion)
    return written
