"""The life of a ticket: filing, reading, officer actions, routing, permissions, the time sweep, the outbox."""
