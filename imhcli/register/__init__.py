"""The recognition register: built from signed-off, verified reviews and consent."""
