"""The progress store: attempts, answers and review cards in one SQLite file. No UI imports."""
