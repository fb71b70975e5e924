"""The study layer: what both front ends say and do around the engine, with no terminal.

`said` turns outcomes into what is said, as plain data (blocks of rows of styled
spans); the Textual UI renders it as `Content`, plain mode as `rich.Text`, and
neither decides wording. `playable`, `recorder`, `offers` and `review` are what is
done: loading a scenario fit to play, saving answers without ever crashing on the
store, the resume / restart / retry offers, and turning due cards into walks.
Nothing here imports Textual or Rich (the import contract in pyproject.toml says so).
"""
