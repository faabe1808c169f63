"""Django's PostgreSQL backend with a lighter health check (``base.DatabaseWrapper``); ENGINE ``portal.postgresql``."""
