"""API of the dues module: authorisations."""

from ninja import Router

router = Router(tags=["dues"])
