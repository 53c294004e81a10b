"""Pydantic models of the files a portfolio is made of."""
