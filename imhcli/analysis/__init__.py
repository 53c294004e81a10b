"""Analysis of a loaded portfolio.

Coverage against the framework, hours, requirement verdicts and their windows.
"""
