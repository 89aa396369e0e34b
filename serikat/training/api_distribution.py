"""REST endpoints of the training module: distribution (being built)."""

from ninja import Router

router = Router(tags=["training"])
