"""Basmat Desk: the front-office application of Basmat Dental Care."""

__version__ = "0.1.0"
