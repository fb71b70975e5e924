"""Exports of the bank for the tools a class already uses: Moodle (GIFT), Canvas (QTI 1.2) and Anki.

They render the study layer's words, so they sit beside the front ends, above `tutor.study`.
"""
