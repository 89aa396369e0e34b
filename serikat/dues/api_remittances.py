"""API of the dues module: remittances."""

from ninja import Router

router = Router(tags=["dues"])
