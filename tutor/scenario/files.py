"""The names of a bank's files, kept apart from the loader so that listing a bank
(the library's start-up) need not import pydantic and the scenario model."""

DOCTRINE_FILE = "doctrine.yaml"
MISCONCEPTIONS_FILE = "misconceptions.yaml"
GLOSSARY_FILE = "glossary.yaml"
VOCABULARY_FILES = (DOCTRINE_FILE, MISCONCEPTIONS_FILE, GLOSSARY_FILE)
ERRATA_SUFFIX = ".errata.yaml"
COURSE_FILE = "course.yaml"
BANK_FILES = (*VOCABULARY_FILES, COURSE_FILE)  # a bank's files that are not scenarios
