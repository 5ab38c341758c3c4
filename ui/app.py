"""Streamlit entry point: `policykg ui` runs `streamlit run ui/app.py -- --setting name=value …`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import streamlit as st

from ingest.errors import PolicyKGError
from ui.settings import Settings, load_settings
from ui.views import nav, state


def settings_from_args(argv: list[str]) -> Settings:
    """`--setting name=value` pairs from `policykg ui` (all of them), else policykg.toml + POLICYKG_* variables."""
    # allow_abbrev=False: under AppTest or `streamlit run` without `--`, foreign flags must not match ours.
    parser = argparse.ArgumentParser(prog="policykg-app", allow_abbrev=False)
    parser.add_argument("--setting", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--config", type=Path, default=None)
    args, _ = parser.parse_known_args(argv)
    if args.setting:
        return Settings().with_overrides(**dict(s.split("=", 1) for s in args.setting))
    return load_settings(args.config)


def main() -> None:
    st.set_page_config(page_title="PolicyKG 政策知识图谱", page_icon=":material/hub:", layout="wide")
    try:
        st.session_state[state.SETTINGS_KEY] = settings_from_args(sys.argv[1:])
    except PolicyKGError as exc:
        st.error(f"配置错误 Configuration error: {exc}")
        st.stop()
    with st.sidebar:
        st.markdown("### PolicyKG 政策知识图谱")
        st.caption(f"工作区 workspace: `{st.session_state[state.SETTINGS_KEY].workspace}`")
    page = st.navigation(nav.all_pages())
    try:
        page.run()
    except PolicyKGError as exc:   # a user-facing problem (unbuilt workspace, bad query): one line, no traceback
        st.error(str(exc))


if __name__ == "__main__":   # streamlit runs this file as __main__; importing it runs nothing
    main()
