"""The web portal: web chat, the officers' and DM's dashboard, and the mounted API routers."""
