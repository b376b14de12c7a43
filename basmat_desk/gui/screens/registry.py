"""The screens of the main window, in navigation order: one line each.

Adding a screen is one module (a `Screen` subclass, its dialogs beside it) and one line here,
the way MusicBrainz Picard registers its option pages. The window shows the screens the
signed-in role may open (`permission`) and that make sense on this database (`available`);
a screen's module is imported only when the window builds it, so staff who never see a screen
never load it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from basmat_desk.domain.permissions import Permission
from basmat_desk.gui.screens.base import Screen, ScreenEnv


def _always(_env: ScreenEnv) -> bool:
    return True


def _syncs(env: ScreenEnv) -> bool:
    """Conflicts arise only on a database that syncs (or once did)."""
    return env.sync.enrolled or env.sync.has_conflicts


@dataclass(frozen=True, slots=True)
class ScreenEntry:
    key: str  # how code names the screen ("intake")
    label: str  # its navigation label and title
    permission: Permission  # the role must allow this to see the screen
    factory: str  # "module:Class" in this package, imported when the screen is built
    available: Callable[[ScreenEnv], bool] = _always

    def build(self, env: ScreenEnv) -> Screen:
        module, _, name = self.factory.partition(":")
        imported = importlib.import_module(f"{__package__}.{module}")
        screen_class: type[Screen] = getattr(imported, name)
        return screen_class(env, self.label)


_P = Permission

SCREENS: tuple[ScreenEntry, ...] = (
    ScreenEntry("intake", "الاستقبال", _P.VIEW_BENEFICIARIES, "intake:IntakeScreen"),
    ScreenEntry("dashboard", "لوحة اليوم", _P.VIEW_DASHBOARD, "dashboard:DashboardScreen"),
    ScreenEntry(
        "conflicts", "تعارضات المزامنة", _P.RESOLVE_CONFLICTS, "conflicts:ConflictsScreen", _syncs
    ),
    ScreenEntry("users", "المستخدمون", _P.MANAGE_USERS, "users:UsersScreen"),
    ScreenEntry("settings", "الإعدادات", _P.EDIT_SETTINGS, "settings:SettingsScreen"),
)
