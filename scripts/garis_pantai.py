"""Simplified outline of Indonesia for the map (`generator/data/indonesia.json`).

Source: Natural Earth 1:50m Admin 0 Countries (public domain) as TopoJSON in
the npm package world-atlas 2.0.2. Run once, by hand:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 scripts/garis_pantai.py package/countries-50m.json
"""

import json
import math
import sys
from pathlib import Path

topo = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
tr = topo["transform"]
sx, sy = tr["scale"]
tx, ty = tr["translate"]
arcs = []
for arc in topo["arcs"]:
    x = y = 0
    pts = []
    for dx, dy in arc:
        x += dx
        y += dy
        pts.append((x * sx + tx, y * sy + ty))
    arcs.append(pts)
geom = next(g for g in topo["objects"]["countries"]["geometries"] if g.get("id") == "360")
print(geom["properties"], geom["type"])


def ring(idx):
    out = []
    for i in idx:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(pts if not out else pts[1:])
    return out


polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
rings = [ring(p[0]) for p in polys]  # outer rings only


def dp(pts, eps):
    if len(pts) < 3:
        return pts
    (x1, y1), (x2, y2) = pts[0], pts[-1]
    dmax, idx = 0, 0
    for i in range(1, len(pts) - 1):
        x0, y0 = pts[i]
        num = abs((y2 - y1) * x0 - (x2 - x1) * y0 + x2 * y1 - y2 * x1)
        den = math.hypot(y2 - y1, x2 - x1) or 1e-12
        d = num / den if den > 1e-12 else math.hypot(x0 - x1, y0 - y1)
        if d > dmax:
            dmax, idx = d, i
    if dmax > eps:
        return dp(pts[: idx + 1], eps)[:-1] + dp(pts[idx:], eps)
    return [pts[0], pts[-1]]


def area(r):
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(r, r[1:] + r[:1], strict=True))) / 2


keep = []
for r in rings:
    if area(r) < 0.02:
        continue
    s = dp(r, 0.08)
    if len(s) >= 4:
        keep.append([[round(x, 2), round(y, 2)] for x, y in s])
print(len(rings), "rings ->", len(keep), sum(len(k) for k in keep), "points")
out = {
    "nama": "Indonesia",
    "sumber": "Natural Earth 1:50m Admin 0 Countries, versi 4.1.0, lewat paket npm world-atlas 2.0.2 (countries-50m.json, objek id 360)",
    "lisensi": "Natural Earth: domain publik (https://www.naturalearthdata.com/about/terms-of-use/); world-atlas: ISC",
    "penyederhanaan": "Hanya cincin luar pulau dengan luas >= 0,02 derajat persegi; Douglas-Peucker toleransi 0,08 derajat; koordinat dibulatkan 2 desimal (scripts/garis_pantai.py)",
    "poligon": keep,
}
Path("generator/data/indonesia.json").write_text(
    json.dumps(out, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
)
