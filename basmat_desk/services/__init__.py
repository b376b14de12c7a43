"""Use cases: the only layer that opens transactions, checks permissions and writes audit."""
