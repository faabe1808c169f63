"""Django's PostgreSQL backend with statements prepared once per connection and a lighter health check
(``base.DatabaseWrapper``); ENGINE ``portal.postgresql``."""
