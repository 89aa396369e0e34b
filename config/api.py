"""The REST API: /api/v1/. Routers live in each app's api.py and are mounted here."""

from ninja import NinjaAPI

api = NinjaAPI(title="Serikat API", version="1.0.0", urls_namespace="api")
