"""The instructor's checker: every rule a scenario must meet, the walk and its score ranges."""
