"""Scaffolding: the files `imh init` and `imh new` write."""
