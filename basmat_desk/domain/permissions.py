"""Who may do what: the role → permission table, as data."""

from __future__ import annotations

from enum import StrEnum

from basmat_desk.domain.enums import Role


class Permission(StrEnum):
    VIEW_DASHBOARD = "view_dashboard"
    VIEW_BENEFICIARIES = "view_beneficiaries"
    REGISTER_BENEFICIARIES = "register_beneficiaries"
    LOG_CONTACTS = "log_contacts"
    MANAGE_QUEUE = "manage_queue"
    MANAGE_USERS = "manage_users"
    EDIT_SETTINGS = "edit_settings"
    VIEW_AUDIT = "view_audit"
    RESOLVE_CONFLICTS = "resolve_conflicts"

    @property
    def label(self) -> str:
        return PERMISSION_LABELS[self]


PERMISSION_LABELS: dict[Permission, str] = {
    Permission.VIEW_DASHBOARD: "عرض لوحة اليوم",
    Permission.VIEW_BENEFICIARIES: "البحث في المستفيدين والاطلاع على ملفاتهم",
    Permission.REGISTER_BENEFICIARIES: "تسجيل المستفيدين وتعديل بياناتهم",
    Permission.LOG_CONTACTS: "تسجيل التواصل مع المستفيدين",
    Permission.MANAGE_QUEUE: "إدارة طابور الانتظار",
    Permission.MANAGE_USERS: "إدارة المستخدمين",
    Permission.EDIT_SETTINGS: "تعديل الإعدادات",
    Permission.VIEW_AUDIT: "الاطلاع على سجل التدقيق",
    Permission.RESOLVE_CONFLICTS: "مراجعة تعارضات المزامنة",
}

_FRONT_DESK = frozenset(
    {
        Permission.VIEW_DASHBOARD,
        Permission.VIEW_BENEFICIARIES,
        Permission.REGISTER_BENEFICIARIES,
        Permission.LOG_CONTACTS,
    }
)

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.RECEPTIONIST: _FRONT_DESK | {Permission.MANAGE_QUEUE},
    # The researcher receives referred applicants and answers their questions, but does not
    # run the counter's queue.
    Role.RESEARCHER: _FRONT_DESK,
    # Supervisors decide which value stands when two counters changed the same record.
    Role.SUPERVISOR: _FRONT_DESK
    | {Permission.MANAGE_QUEUE, Permission.VIEW_AUDIT, Permission.RESOLVE_CONFLICTS},
    Role.ADMIN: frozenset(Permission),
}


def allows(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]
