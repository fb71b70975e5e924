"""The running tutor app, typed: Textual types `self.app` as any App, and the screens call ours."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode

if TYPE_CHECKING:
    from tutor.ui.app import TutorApp


def tutor_app(node: DOMNode) -> TutorApp:
    """`node.app`, as the TutorApp it always is in qi-tutor."""
    return cast("TutorApp", node.app)
