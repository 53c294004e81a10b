"""Checking many portfolios or bundles at once: discovery, the parallel run, one row each."""
