"""REST endpoints of the training module: production (being built)."""

from ninja import Router

router = Router(tags=["training"])
