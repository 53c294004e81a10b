"""Reading a portfolio.

The tree walk, front matter, YAML, validation, frameworks and ignore rules.
Loading never raises on bad input: problems become findings.
"""
