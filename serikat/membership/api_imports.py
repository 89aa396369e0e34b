"""REST endpoints of member imports."""

from ninja import Router

router = Router(tags=["imports"])
