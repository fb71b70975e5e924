"""docs/architecture.md names every package of the import contract, and nothing the contract lacks."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def contract_modules() -> set[str]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    layers = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")["layers"]
    return {name.strip() for layer in layers for name in re.split(r"[|:]", layer)}


def documented_modules() -> set[str]:
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split("## The layers, top to bottom")[1].split("\n## ")[0]
    named = set()
    for item in re.findall(r"^- (.+?):", section, flags=re.MULTILINE):
        named |= set(re.findall(r"`(tutor[\w.]*)`", item))
    return named


def test_the_architecture_doc_names_every_layer_of_the_contract() -> None:
    assert documented_modules() == contract_modules()


def test_every_package_in_tutor_is_in_the_contract() -> None:
    packages = {f"tutor.{p.name}" for p in (REPO / "tutor").iterdir() if (p / "__init__.py").is_file()}
    modules = {f"tutor.{p.stem}" for p in (REPO / "tutor").glob("*.py") if p.stem != "__init__"}
    assert packages | modules == contract_modules()
