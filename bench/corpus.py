"""A generated bank of valid ~25 KB scenarios for the validate benchmark.

Shaped like a hand-written scenario (the perf baseline's `gen_scenarios.py`): 12
question nodes of 4 choices, each choice with a few sentences of folded feedback,
each node with a quote that the checker must find in the bank's generated opinion.
"""

from __future__ import annotations

import random
from pathlib import Path

WORDS = [
    "officer",
    "suspect",
    "vehicle",
    "record",
    "court",
    "plaintiff",
    "estate",
    "threat",
    "flight",
    "force",
    "reasonable",
    "jury",
    "dispute",
    "account",
    "testimony",
    "summary",
    "judgment",
    "appeal",
    "shooting",
    "window",
    "driver",
    "parking",
    "lot",
    "detective",
    "warrant",
    "evidence",
    "moment",
    "seconds",
    "danger",
    "bystanders",
    "version",
    "facts",
    "law",
]

# Quotes are taken from these sentences, which all stand on page 500, before the *501 marker.
# Their first words differ, as a real opinion's sentences do.
OPINION_SENTENCES = [
    f"{a.capitalize()} and {b} were weighed by the court in the light most favourable to the {c}."
    for a, b, c in zip(WORDS, WORDS[5:] + WORDS[:5], WORDS[11:] + WORDS[:11], strict=True)
]


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(6, 11))
    return " ".join(words).capitalize() + "."


def _folded(rng: random.Random, sentences: int, indent: str) -> str:
    text = " ".join(_sentence(rng) for _ in range(sentences))
    lines, line = [], ""
    for word in text.split():
        if len(line) + len(word) > 80:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    lines.append(line)
    return ">-\n" + "\n".join(indent + part for part in lines)


def scenario_text(number: int) -> str:
    rng = random.Random(number)
    out = [
        "# yaml-language-server: $schema=scenario.schema.json",
        "format: 1",
        f"id: generated-{number:04d}",
        f'title: "Generated v. Scenario {number}"',
        f"summary: {_folded(rng, 2, '  ')}",
        "case:",
        "  name: Generated v. Scenario",
        "  citation: 999 F.3d 500 (6th Cir. 2005)",
        "  court: U.S. Court of Appeals for the Sixth Circuit",
        "  decided: 2005-06-01",
        "  conduct_date: 2003-02-01",
        "  posture: Appeal from summary judgment",
        "  sources:",
        "    - {id: majority, path: sources/generated-opinion.txt, role: majority}",
        "defendant: Officer Generated",
        "tags: [generated]",
        "facts:",
        f"  background: {_folded(rng, 3, '    ')}",
        "  undisputed:",
        *(f"    - {_sentence(rng)}" for _ in range(3)),
        "  versions:",
        "    - id: plaintiff",
        "      label: The estate's account",
        f"      text: {_folded(rng, 3, '        ')}",
        "start: q01",
        "nodes:",
    ]
    for q in range(1, 13):
        following = f"q{q + 1:02d}" if q < 12 else "end"
        out += [
            f"  q{q:02d}:",
            "    type: choice",
            "    step: violation",
            f"    prompt: {_sentence(rng)}",
            "    facts: [plaintiff]",
            "    hints:",
            f"      - {_sentence(rng)}",
            "    doctrine: [garner]",
            "    choices:",
        ]
        for c in range(4):
            out += [
                f"      - id: c{c}",
                f"        text: {_sentence(rng)}",
                f"        correct: {'true' if c == 0 else 'false'}",
                f"        feedback: {_folded(rng, rng.randint(1, 3), '          ')}",
            ]
            if c:
                out.append("        misconception: honest-belief-enough")
        out += [
            "    court:",
            "      status: decided",
            f"      holding: {_sentence(rng)}",
            f"      reasoning: {_folded(rng, 3, '        ')}",
            "      quotes:",
            f"        - text: {rng.choice(OPINION_SENTENCES)}",
            "          pin: 999 F.3d at 500",
            "          speaker: court",
            f"    next: {following}",
        ]
    out += [
        "  end:",
        "    type: end",
        "    outcome: {result: Qualified immunity denied, disposition: Affirmed}",
        "    court:",
        "      status: decided",
        f"      holding: {_sentence(rng)}",
        f"      reasoning: {_sentence(rng)}",
        "      quotes:",
        f"        - {{text: {OPINION_SENTENCES[0]}, pin: 999 F.3d at 500, speaker: court}}",
    ]
    return "\n".join(out) + "\n"


VOCABULARIES = {
    "doctrine.yaml": """format: 1
entries:
  garner:
    name: Tennessee v. Garner
    citation: 471 U.S. 1 (1985)
    decided: 1985-03-27
    rule: Deadly force to stop a fleeing suspect is reasonable only on probable cause that the suspect
      threatens serious physical harm.
""",
    "misconceptions.yaml": """format: 1
misconceptions:
  honest-belief-enough:
    label: An officer who honestly believed he was in danger is protected
    explanation: Reasonableness under the Fourth Amendment is objective.
""",
}


def write_bank(folder: Path, count: int) -> list[Path]:
    """Write `count` scenarios, their opinion and vocabularies into `folder`; return the scenarios."""
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    opinion = "OPINION\n" + "\n".join(OPINION_SENTENCES) + "\n*501 The rest of the opinion.\n"
    (folder / "sources" / "generated-opinion.txt").write_text(opinion, encoding="utf-8")
    for name, text in VOCABULARIES.items():
        (folder / name).write_text(text, encoding="utf-8")
    paths = []
    for number in range(count):
        path = folder / f"generated-{number:04d}.yaml"
        path.write_text(scenario_text(number), encoding="utf-8")
        paths.append(path)
    return paths
