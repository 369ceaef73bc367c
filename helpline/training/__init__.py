"""Officer training: practice tickets, readiness of a district, the guided tour."""
