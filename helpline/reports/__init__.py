"""Reports: the dashboard overview and the monthly performance review with its files."""
