"""The engine: walks a scenario and scores answers. Plain Python; no UI imports."""

from tutor.engine.rubric import rubric_marks
from tutor.engine.scoring import NodeScore, score_node
from tutor.engine.session import AnswerError, Outcome, Session, Summary

__all__ = ["AnswerError", "NodeScore", "Outcome", "Session", "Summary", "rubric_marks", "score_node"]
