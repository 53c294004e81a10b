"""imh: plain-file CPD portfolios for infant mental health practice."""

__version__ = "0.1.0"
