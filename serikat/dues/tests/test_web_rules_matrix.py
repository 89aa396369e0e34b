"""Permission matrix of the dues rules screens (URL names in COVERED; see core/tests/test_pages_matrix.py)."""

COVERED: set[str] = set()
