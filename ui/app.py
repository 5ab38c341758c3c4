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


def page_icon():
    """The tab icon, drawn here: a Material or emoji icon makes the browser fetch it from a font or emoji host."""
    from PIL import Image, ImageDraw

    icon = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    draw = ImageDraw.Draw(icon)
    hubs = ((32, 14), (12, 48), (52, 48))
    for a in hubs:
        draw.line([a, (32, 34)], fill=(87, 101, 116, 255), width=5)
    draw.ellipse((22, 24, 42, 44), fill=(238, 82, 83, 255))
    for (x, y), colour in zip(hubs, ((46, 134, 222, 255), (16, 172, 132, 255), (255, 159, 67, 255))):
        draw.ellipse((x - 9, y - 9, x + 9, y + 9), fill=colour)
    return icon


def main() -> None:
    st.set_page_config(page_title="PolicyKG 政策知识图谱", page_icon=page_icon(), layout="wide")
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
