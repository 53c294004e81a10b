"""Every renderer: findings formats, tables, the HTML report, cohort writers."""
