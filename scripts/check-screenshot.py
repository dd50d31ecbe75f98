#!/usr/bin/env python3
"""Checks that a PNG screenshot is a valid, non-blank image (used by the report's Chromium test).

    scripts/check-screenshot.py FILE [--width W] [--height H] [--color RRGGBB ...]

Decodes the PNG with the standard library only (zlib, struct): 8-bit RGB or RGBA, not interlaced,
which is what headless Chromium writes. Prints one JSON object on stdout:
  {"width", "height", "distinct_colors", "dominant_share", "colors": {"RRGGBB": pixel count, ...}}
and exits 1, with the reason on stderr, when the file is not such a PNG, has another size than
--width/--height, or is blank (every pixel one colour).
"""
import argparse
import collections
import json
import struct
import sys
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def fail(message):
    print(f"check-screenshot: {message}", file=sys.stderr)
    sys.exit(1)


def read_chunks(data):
    if not data.startswith(SIGNATURE):
        fail("not a PNG file (bad signature)")
    offset = len(SIGNATURE)
    while offset + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        if len(body) != length:
            fail(f"truncated {kind.decode(errors='replace')} chunk")
        yield kind, body
        offset += 12 + length
        if kind == b"IEND":
            return
    fail("no IEND chunk: the file is truncated")


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def decode(path):
    """Returns (width, height, channels, rows), rows being unfiltered bytearrays."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        fail(f"cannot read {path}: {error}")
    header, compressed = None, bytearray()
    for kind, body in read_chunks(data):
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            compressed += body
    if header is None:
        fail("no IHDR chunk")
    width, height, depth, color_type, _, _, interlace = header
    channels = {2: 3, 6: 4}.get(color_type)
    if depth != 8 or channels is None or interlace != 0:
        fail(f"unsupported PNG: bit depth {depth}, colour type {color_type}, interlace {interlace} "
             "(expected 8-bit RGB or RGBA, not interlaced)")
    try:
        raw = zlib.decompress(bytes(compressed))
    except zlib.error as error:
        fail(f"image data does not decompress: {error}")
    stride = width * channels
    if len(raw) != height * (stride + 1):
        fail(f"image data has {len(raw)} bytes, expected {height * (stride + 1)}")
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, row = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for i in range(channels, stride):
                row[i] = (row[i] + row[i - channels]) & 0xFF
        elif kind == 2:
            row = bytearray((a + b) & 0xFF for a, b in zip(row, previous))
        elif kind == 3:
            for i in range(stride):
                left = row[i - channels] if i >= channels else 0
                row[i] = (row[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                left = row[i - channels] if i >= channels else 0
                upper_left = previous[i - channels] if i >= channels else 0
                row[i] = (row[i] + paeth(left, previous[i], upper_left)) & 0xFF
        elif kind != 0:
            fail(f"row {y} has unknown filter type {kind}")
        rows.append(row)
        previous = row
    return width, height, channels, rows


def main():
    parser = argparse.ArgumentParser(description="Check that a PNG screenshot is valid and not blank.")
    parser.add_argument("file")
    parser.add_argument("--width", type=int)
    parser.add_argument("--height", type=int)
    parser.add_argument("--color", action="append", default=[], help="RRGGBB whose pixels to count")
    arguments = parser.parse_args()

    width, height, channels, rows = decode(arguments.file)
    if arguments.width is not None and width != arguments.width:
        fail(f"width is {width}, expected {arguments.width}")
    if arguments.height is not None and height != arguments.height:
        fail(f"height is {height}, expected {arguments.height}")
    counts = collections.Counter()
    for row in rows:
        counts.update(zip(row[0::channels], row[1::channels], row[2::channels]))
    dominant = counts.most_common(1)[0][1]
    wanted = {}
    for color in arguments.color:
        text = color.lstrip("#").lower()
        if len(text) != 6:
            fail(f"--color {color}: expected RRGGBB")
        wanted[text] = counts.get(tuple(bytes.fromhex(text)), 0)
    print(json.dumps({
        "width": width,
        "height": height,
        "distinct_colors": len(counts),
        "dominant_share": dominant / (width * height),
        "colors": wanted,
    }, sort_keys=True))
    if len(counts) == 1:
        fail("blank: every pixel has the same colour")


if __name__ == "__main__":
    main()
