"""Generated from ui/*.ui by build_forms."""
