"""The web layer: the app factory and its wiring, request guards, forms, views,
the JSON API and what turns an analysis into pages. It calls skincheck.services and
the storage layer; nothing below imports it."""
