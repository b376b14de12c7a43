"""Who may do what: the role → permission table, as data."""

from __future__ import annotations

from enum import StrEnum

from basmat_desk.domain.enums import Role


class Permission(StrEnum):
    VIEW_DASHBOARD = "view_dashboard"
    MANAGE_USERS = "manage_users"
    EDIT_SETTINGS = "edit_settings"
    VIEW_AUDIT = "view_audit"

    @property
    def label(self) -> str:
        return PERMISSION_LABELS[self]


PERMISSION_LABELS: dict[Permission, str] = {
    Permission.VIEW_DASHBOARD: "عرض لوحة اليوم",
    Permission.MANAGE_USERS: "إدارة المستخدمين",
    Permission.EDIT_SETTINGS: "تعديل الإعدادات",
    Permission.VIEW_AUDIT: "الاطلاع على سجل التدقيق",
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.RECEPTIONIST: frozenset({Permission.VIEW_DASHBOARD}),
    Role.RESEARCHER: frozenset({Permission.VIEW_DASHBOARD}),
    Role.SUPERVISOR: frozenset({Permission.VIEW_DASHBOARD, Permission.VIEW_AUDIT}),
    Role.ADMIN: frozenset(Permission),
}


def allows(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]
