"""Every renderer: a result in, text or a file's bytes out.

Finding formats (:mod:`~imhcli.output.findings`), the tables of gaps, hours and
requirements, the HTML report (:mod:`~imhcli.output.report`), the cohort writers,
framework exports and JSON Schemas. A renderer never decides an exit code, and
output never imports a feature or the CLI.
"""
