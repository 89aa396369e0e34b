"""Permission matrix of the imports screens (URL names in COVERED; see core/tests/test_pages_matrix.py)."""

COVERED: set[str] = set()
