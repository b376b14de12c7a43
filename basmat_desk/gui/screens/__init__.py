"""The screens of the main window; each gets its context injected when it is built."""
