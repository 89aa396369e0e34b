"""Permission matrix of the dues authorisations screens (URL names in COVERED; see core/tests/test_pages_matrix.py)."""

COVERED: set[str] = set()
