"""Facts about demo databases that start-up and the generator share."""

#: `basmat-desk --demo` signs in as this account.
DEMO_SUPERVISOR = "supervisor"
#: The one password of every demo account (documented: demo data is not secret).
DEMO_PASSWORD = "basmat-demo-2026"
