"""REST endpoints of the training module: editions (being built)."""

from ninja import Router

router = Router(tags=["training"])
