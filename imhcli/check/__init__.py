"""Checking a portfolio: running the rules over what load gave, and the cache of results."""
