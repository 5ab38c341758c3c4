"""The app's one workspace per process, opened from the settings the entry point stored in the session."""
from __future__ import annotations

from dataclasses import fields

import streamlit as st

from ui.settings import Settings
from ui.workspace import Workspace

SETTINGS_KEY = "policykg_settings"


def settings_key(settings: Settings) -> tuple[tuple[str, str], ...]:
    return tuple((f.name, str(getattr(settings, f.name))) for f in fields(Settings))


@st.cache_resource(show_spinner="正在打开工作区…")
def open_workspace(key: tuple[tuple[str, str], ...]) -> Workspace:
    # Keyed by the settings' values (not the object) so one process can serve several workspaces, e.g. in tests.
    return Workspace(Settings().with_overrides(**dict(key)))


def workspace() -> Workspace:
    """The workspace of the settings `ui/app.py` put in the session (defaults when run on its own)."""
    settings = st.session_state.get(SETTINGS_KEY) or Settings()
    return open_workspace(settings_key(settings))
