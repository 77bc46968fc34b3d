"""Helpers for the browser tests of the HTML pages (tests/render/html/test_html_browser.py)."""
