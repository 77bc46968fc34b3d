"""Helpers for the browser tests of the HTML pages (tests/test_html_browser.py)."""
