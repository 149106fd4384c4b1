"""Stylesheet and scripts of the HTML report and the live editor, inlined into each page."""
