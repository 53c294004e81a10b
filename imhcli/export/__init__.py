"""Exchange with other systems: frameworks out (Moodle, CASE) and in (assessment grids),
deadlines out as iCalendar.

Each module returns data or text; the writers of each format live in
:mod:`imhcli.output`, and the commands in :mod:`imhcli.cli`.
"""
