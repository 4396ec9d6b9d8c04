#!/usr/bin/env python3
"""Draws the three tab-bar icons (81x81 PNG, WeChat's size) without any image library.

Run once: python3 miniprogram/scripts/make-tab-icons.py — the PNGs are committed.
"""
import math, os, struct, zlib

S = 81
OUT = os.path.join(os.path.dirname(__file__), '..', 'src', 'assets', 'tab')


def png(path, pixels):
    raw = b''.join(b'\x00' + bytes(row) for row in pixels)
    def chunk(t, d):
        return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    data = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', S, S, 8, 6, 0, 0, 0)) \
        + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')
    with open(path, 'wb') as f:
        f.write(data)


def render(inside, rgb):
    rows = []
    for y in range(S):
        row = []
        for x in range(S):
            # 4x supersampling for smooth edges
            hits = sum(inside(x + (i + 0.5) / 4, y + (j + 0.5) / 4) for i in range(4) for j in range(4))
            row += [*rgb, round(255 * hits / 16)]
        rows.append(row)
    return rows


def seg_dist(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0, min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def home(x, y):
    roof = seg_dist(x, y, 14, 40, 40.5, 15) < 4 or seg_dist(x, y, 40.5, 15, 67, 40) < 4
    walls = (22 <= x <= 59 and 38 <= y <= 66) and not (23 + 6 <= x <= 58 - 6 and 38 <= y <= 60 - 0) or (22 <= x <= 59 and 60 <= y <= 66)
    door = 35 <= x <= 46 and 48 <= y <= 66
    return roof or walls or door


def records(x, y):
    box = (16 <= x <= 65 and 12 <= y <= 70) and not (22 <= x <= 59 and 18 <= y <= 64)
    lines = any(abs(y - ly) < 2.6 and 28 <= x <= 53 for ly in (29, 41, 53))
    return box or lines


def search(x, y):
    d = math.hypot(x - 35, y - 35)
    return 15 <= d <= 22 or seg_dist(x, y, 51, 51, 66, 66) < 5


os.makedirs(OUT, exist_ok=True)
for name, fn in (('home', home), ('records', records), ('search', search)):
    png(os.path.join(OUT, f'{name}.png'), render(fn, (0x5b, 0x6b, 0x80)))
    png(os.path.join(OUT, f'{name}-on.png'), render(fn, (0x12, 0x43, 0x6d)))
print('icons written to', os.path.normpath(OUT))
