"""API of the dues module: rules."""

from ninja import Router

router = Router(tags=["dues"])
