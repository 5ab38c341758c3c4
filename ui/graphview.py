"""Offline interactive network view: networkx graph → one self-contained HTML page (inline SVG + JS, no CDN)."""
from __future__ import annotations

import html
import json

import networkx as nx

from graph.export import OTHER_COLOUR, TYPE_COLOURS, colour  # noqa: F401 - one palette for the page and Gephi
from graph.vocab import ID

MAX_NODES = 250   # beyond this an SVG force view is unreadable and slow; the page asks to narrow the subset

TYPE_NAMES_ZH = {
    "Place": "地点", "Region": "区域", "Project": "项目", "Goal": "目标", "Target": "指标",
    "Agency": "机构", "Document": "文件", "Section": "章节", "Fact": "事实",
}


def node_type(data: dict) -> str:
    return str(data.get("type") or data.get("kind") or "Other")


def node_label(node: str, data: dict) -> str:
    return str(data.get("label") or data.get("name") or node)


ASPECT = 1.6   # width / height of the drawing; one SVG unit is about one pixel in a typical wide page


def layout(graph: nx.Graph, width: float = 992.0, height: float = 620.0) -> dict[str, tuple[float, float]]:
    """Deterministic positions: a seeded spring layout of the linked nodes, unlinked nodes in rows below."""
    nodes = sorted(graph.nodes, key=str)
    # Sorting makes the layout independent of insertion order, so the same subset always looks the same.
    linked = nx.Graph()
    linked.add_edges_from(sorted((min(u, v), max(u, v)) for u, v in graph.edges() if u != v))
    isolated = [n for n in nodes if n not in linked]
    per_row = max(1, int(width // 200))
    rows = -(-len(isolated) // per_row)
    band = min(height * 0.4, rows * 34.0 + 30.0) if rows else 0.0   # height given to the unlinked nodes
    left, right, my = 30.0, 230.0, 40.0      # room for labels (drawn to the right of a node) and the top row
    pos: dict[str, tuple[float, float]] = {}
    if linked.number_of_nodes():
        raw = nx.spring_layout(linked, seed=7, k=4.0 / linked.number_of_nodes() ** 0.5, iterations=200)
        xs = _spread([p[0] for p in raw.values()])
        ys = _spread([p[1] for p in raw.values()])
        inner_h = height - 2 * my - band
        pos = {n: (left + x * (width - left - right), my + y * inner_h) for n, x, y in zip(raw, xs, ys)}
    top = height - my / 2 - band if linked.number_of_nodes() else my
    for i, n in enumerate(isolated):
        pos[n] = (left + (i % per_row) * (width - left) / per_row, top + (i // per_row) * 34.0)
    return pos


def _spread(values: list[float]) -> list[float]:
    """Coordinates in [0, 1], half by position and half by rank.

    Hubs pull a force layout into a dense core with a few far-out leaves; blending in the rank spreads
    the core evenly over the frame while keeping the layout's neighbourhoods.
    """
    lo, span = min(values), (max(values) - min(values)) or 1.0
    order = sorted(range(len(values)), key=values.__getitem__)
    rank = [0.0] * len(values)
    for r, i in enumerate(order):
        rank[i] = r / max(1, len(values) - 1)
    return [0.5 * (v - lo) / span + 0.5 * rk for v, rk in zip(values, rank)]


def layered_layout(graph: nx.Graph, width: float, height: float) -> dict[str, tuple[float, float]]:
    """Rows by each node's integer `layer` attribute (0 at the top), nodes spread evenly within a row."""
    layers: dict[int, list[str]] = {}
    for n in sorted(graph.nodes, key=str):
        layers.setdefault(int(graph.nodes[n].get("layer", 0)), []).append(n)
    order = sorted(layers)
    pos = {}
    for row, layer in enumerate(order):
        y = 40.0 + (height - 80.0) * (row / max(1, len(order) - 1) if len(order) > 1 else 0.5)
        members = layers[layer]
        for i, n in enumerate(members):
            pos[n] = (width * (i + 0.5) / len(members) - 60.0, y)
    return pos


def legend(graph: nx.Graph) -> list[tuple[str, str, int]]:
    """(type, colour, count) for each entity type present, most frequent first."""
    counts: dict[str, int] = {}
    for _, data in graph.nodes(data=True):
        t = node_type(data)
        counts[t] = counts.get(t, 0) + 1
    return [(t, colour(t), n) for t, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def render_html(graph: nx.Graph, height: int = 620, entity_url: str = "", layered: bool = False) -> str:
    """A self-contained page: drag to pan, wheel to zoom, drag nodes, click a node to highlight its links.

    `entity_url`, when given, is a URL prefix (e.g. "./entity?id=") followed by the short entity id, opened in
    the parent page on double click. `layered` draws a tree by the nodes' `layer` attribute instead of a force layout.
    """
    width = round(height * ASPECT)
    pos = layered_layout(graph, width, height) if layered else layout(graph, width, height)
    index = {n: i for i, n in enumerate(sorted(graph.nodes))}
    nodes = []
    for n in sorted(graph.nodes):
        data = graph.nodes[n]
        x, y = pos[n]
        t = node_type(data)
        ref = n[len(str(ID)):] if n.startswith(str(ID)) else n   # the app's short entity id (entity?id=…)
        nodes.append({"id": n, "ref": ref, "label": node_label(n, data), "type": t,
                      "tl": f"{TYPE_NAMES_ZH.get(t, t)} {t}",
                      "x": round(x, 1), "y": round(y, 1),
                      "c": colour(t), "deg": graph.degree(n)})
    edges = []
    for u, v, data in sorted(graph.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
        edges.append({"s": index[u], "t": index[v],
                      "label": str(data.get("label") or data.get("relation") or "")})
    legend_html = "".join(
        f'<span class="lg"><i style="background:{c}"></i>{html.escape(TYPE_NAMES_ZH.get(t, t))} {html.escape(t)}'
        f' ({n})</span>' for t, c, n in legend(graph))
    # JSON inside <script>: escape "<" so that no label can close the script element.
    payload = json.dumps({"nodes": nodes, "edges": edges, "entityUrl": entity_url},
                         ensure_ascii=False).replace("<", "\\u003c")
    page = _PAGE.replace("__HEIGHT__", str(height)).replace("__VIEWBOX__", f"0 0 {width} {height}")
    return page.replace("__LEGEND__", legend_html).replace("__DATA__", payload)


_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<style>
body { margin: 0; font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; }
#legend { font-size: 14px; padding: 4px 6px; display: flex; flex-wrap: wrap; gap: 10px; }
.lg i { display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 4px; }
#hint { font-size: 12px; color: #666; padding: 0 6px 4px; }
svg { box-sizing: border-box; width: 100%; height: __HEIGHT__px; border: 1px solid #ddd; border-radius: 6px;
      cursor: grab; background: #fbfbfd; }
line { stroke: #b8c0cc; stroke-width: 1.2; }
line.hi { stroke: #333; stroke-width: 2.2; }
circle { stroke: #fff; stroke-width: 1.5; cursor: pointer; }
text { font-size: 15px; fill: #222; pointer-events: none; paint-order: stroke; stroke: #fbfbfd; stroke-width: 3px; }
g.dim { opacity: .18; }
line.dim { opacity: .12; }
</style></head><body>
<div id="legend">__LEGEND__</div>
<div id="hint">拖动画布平移，滚轮缩放，拖动节点调整位置，单击节点突出其关系，双击打开实体页。</div>
<svg id="g" viewBox="__VIEWBOX__" preserveAspectRatio="xMidYMid meet"><g id="vp"></g></svg>
<script>
const D = __DATA__;
const NS = "http://www.w3.org/2000/svg";
const svg = document.getElementById("g"), vp = document.getElementById("vp");

function el(tag, attrs, title) {
  const e = document.createElementNS(NS, tag);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  if (title) { const t = document.createElementNS(NS, "title"); t.textContent = title; e.appendChild(t); }
  return e;
}
const lines = D.edges.map(e => vp.appendChild(el("line", {}, e.label)));
const groups = D.nodes.map((n, i) => {
  const g = el("g", {"data-i": i});
  const r = Math.min(18, 8 + Math.sqrt(n.deg) * 2);
  g.appendChild(el("circle", {r: r, fill: n.c}, n.label + "\\n" + n.tl));
  const label = el("text", {x: r + 3, y: 5});
  label.textContent = n.label.length > 13 ? n.label.slice(0, 12) + "…" : n.label;
  g.appendChild(label);
  return vp.appendChild(g);
});

function draw() {
  D.nodes.forEach((n, i) => groups[i].setAttribute("transform", `translate(${n.x},${n.y})`));
  D.edges.forEach((e, k) => {
    const a = D.nodes[e.s], b = D.nodes[e.t];
    const ends = {x1: a.x, y1: a.y, x2: b.x, y2: b.y};
    for (const name in ends) lines[k].setAttribute(name, ends[name]);
  });
}
draw();

// Pan and zoom move the viewBox; dragging a node moves it in drawing units.
const vb = svg.viewBox.baseVal;
let view = {x: vb.x, y: vb.y, w: vb.width, h: vb.height}, drag = null, moved = false;
const setView = () => svg.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
const unitsPerPixel = () => Math.max(view.w / svg.clientWidth, view.h / svg.clientHeight);
function toSvg(ev) {
  const p = svg.createSVGPoint();
  p.x = ev.clientX; p.y = ev.clientY;
  return p.matrixTransform(svg.getScreenCTM().inverse());
}
svg.addEventListener("wheel", ev => {
  ev.preventDefault();
  const p = toSvg(ev), f = ev.deltaY > 0 ? 1.15 : 1 / 1.15;
  view = {x: p.x - (p.x - view.x) * f, y: p.y - (p.y - view.y) * f, w: view.w * f, h: view.h * f};
  setView();
}, {passive: false});
svg.addEventListener("mousedown", ev => {
  const g = ev.target.closest("g[data-i]");
  moved = false;
  drag = g ? {node: +g.dataset.i} : {x: ev.clientX, y: ev.clientY};
});
window.addEventListener("mousemove", ev => {
  if (!drag) return;
  moved = true;
  if (drag.node !== undefined) {
    const p = toSvg(ev);
    D.nodes[drag.node].x = p.x; D.nodes[drag.node].y = p.y;
    draw();
  } else {
    const k = unitsPerPixel();
    view.x -= (ev.clientX - drag.x) * k; view.y -= (ev.clientY - drag.y) * k;
    drag.x = ev.clientX; drag.y = ev.clientY;
    setView();
  }
});
window.addEventListener("mouseup", () => { drag = null; });

let selected = -1;
function highlight(i) {
  const near = new Set([i]);
  D.edges.forEach((e, k) => {
    const on = i >= 0 && (e.s === i || e.t === i);
    if (on) { near.add(e.s); near.add(e.t); }
    lines[k].classList.toggle("hi", on);
    lines[k].classList.toggle("dim", i >= 0 && !on);
  });
  groups.forEach((g, k) => g.classList.toggle("dim", i >= 0 && !near.has(k)));
}
svg.addEventListener("click", ev => {
  if (moved) return;
  const g = ev.target.closest("g[data-i]");
  selected = g && +g.dataset.i !== selected ? +g.dataset.i : -1;
  highlight(selected);
});
// The frame may not navigate the app (no allow-top-navigation), but the app's own document may follow a link.
function openInApp(url) {
  try {
    const doc = window.parent.document, a = doc.createElement("a");
    a.href = new URL(url, doc.baseURI).href;
    doc.body.appendChild(a);
    a.click();
    a.remove();
  } catch (e) {
    window.open(url, "_blank");
  }
}
svg.addEventListener("dblclick", ev => {
  const g = ev.target.closest("g[data-i]");
  if (g && D.entityUrl) openInApp(D.entityUrl + encodeURIComponent(D.nodes[+g.dataset.i].ref));
});
</script></body></html>
"""
