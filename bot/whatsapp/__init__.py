"""The WhatsApp channel: the Cloud API webhook (inbound) and the Graph API adapter (outbound)."""
