"""REST endpoints of the member registry."""

from ninja import Router

router = Router(tags=["members"])
