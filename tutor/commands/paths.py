"""`qi-tutor paths`: where qi-tutor keeps its files."""

from __future__ import annotations

import argparse

from tutor.paths import Locations


def run_paths(args: argparse.Namespace, locations: Locations) -> int:
    width = max(len(name) for name, _ in locations.describe())
    for name, value in locations.describe():
        print(f"{name:<{width}}  {value}")
    return 0
