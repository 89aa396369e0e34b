"""REST endpoints of the training module: packages (being built)."""

from ninja import Router

router = Router(tags=["training"])
