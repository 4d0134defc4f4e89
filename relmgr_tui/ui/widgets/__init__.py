"""Widgets that get data from above and send messages up."""
