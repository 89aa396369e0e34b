"""API of the dues module: reports."""

from ninja import Router

router = Router(tags=["dues"])
