"""Pydantic models: the files a portfolio is made of, and the results output renders.

Input: portfolio.yaml (:mod:`~imhcli.models.portfolio`), entries
(:mod:`~imhcli.models.entries`), frameworks, requirement profiles, reflective models
and review files. Results that more than one layer shares: a cohort's rows
(:mod:`~imhcli.models.cohort`) and bundle summaries (:mod:`~imhcli.models.bundle`).
The JSON Schemas in ``schema/`` are generated from these.
"""
