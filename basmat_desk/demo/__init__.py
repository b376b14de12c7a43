"""Demo databases full of synthetic data, for training, screenshots and load tests.

Not a service: a tool that builds a whole database through the services (the rows go in with
`services.bulk`, the demo's device settings with `services.settings`).
"""

from basmat_desk.demo.generator import (
    MAX_BENEFICIARIES,
    MAX_DAYS,
    DemoSummary,
    contact_count,
    generate_demo,
)
from basmat_desk.domain.demo import DEMO_PASSWORD, DEMO_SUPERVISOR

__all__ = [
    "DEMO_PASSWORD",
    "DEMO_SUPERVISOR",
    "MAX_BENEFICIARIES",
    "MAX_DAYS",
    "DemoSummary",
    "contact_count",
    "generate_demo",
]
