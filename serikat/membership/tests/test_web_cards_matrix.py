"""Permission matrix of the cards screens (URL names in COVERED; see core/tests/test_pages_matrix.py)."""

COVERED: set[str] = set()
