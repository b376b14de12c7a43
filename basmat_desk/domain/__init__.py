"""Pure rules of the front office: no I/O, no Qt."""
