"""Foundation shared by every layer: safe file writes, words and bundled data locations."""
