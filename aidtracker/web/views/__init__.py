"""Thin views: read through selectors and queries, write through services, render."""
