"""The app's one workspace per process, opened from the settings the entry point stored in the session."""
from __future__ import annotations

import threading
from dataclasses import fields

import streamlit as st

from ui.settings import Settings
from ui.workspace import Workspace

SETTINGS_KEY = "policykg_settings"


def settings_key(settings: Settings) -> tuple[tuple[str, str], ...]:
    return tuple((f.name, str(getattr(settings, f.name))) for f in fields(Settings))


@st.cache_resource(show_spinner="正在打开工作区…")
def open_workspace(key: tuple[tuple[str, str], ...]) -> Workspace:
    """The workspace, read-only: the UI never holds the graph store's write lock (uploads open a writer)."""
    # Keyed by the settings' values (not the object) so one process can serve several workspaces, e.g. in tests.
    ws = Workspace(Settings().with_overrides(**dict(key)), read_only=True)
    # Load the slow pieces while the first page renders, so the first question is answered quickly.
    threading.Thread(target=warm_up, args=(ws,), name="policykg-warm-up", daemon=True).start()
    return ws


def warm_up(ws: Workspace) -> None:
    for piece in ("gazetteer", "segmenter", "embedder", "index"):
        try:
            getattr(ws, piece)
        except Exception:   # noqa: BLE001 - the page that needs the piece reports the problem to the user
            return


def reopen() -> None:
    """Forget the open workspace (after an upload changed it); the next page run opens it afresh."""
    open_workspace.clear()


def workspace() -> Workspace:
    """The workspace of the settings `ui/app.py` put in the session (defaults when run on its own)."""
    settings = st.session_state.get(SETTINGS_KEY) or Settings()
    return open_workspace(settings_key(settings))
