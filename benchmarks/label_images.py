"""Render ingredient lists as label photos, clean or degraded, for the OCR benchmark.

Used by benchmarks/bench_ocr.py and by scripts/make_ocr_fixtures.py (which made the
images under tests/fixtures/images/). Needs Pillow, numpy and the Debian fonts
fonts-dejavu-core and fonts-liberation; the test suite does not import this module.

A clean render is dark text on a light label, one font, straight. A degraded render
adds, each drawn at random per image: a slight rotation and perspective, a curved
bottle (the lines bow and the edges squeeze, as on a cylinder), blur, low contrast,
uneven light, a photo-like background around the label, and JPEG compression.
"""

import io
import math
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image
from PIL import ImageDraw
from PIL import ImageFilter
from PIL import ImageFont

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation"))
FONT_FILES = (
    "DejaVuSans.ttf",
    "DejaVuSansCondensed.ttf",
    "DejaVuSerif.ttf",
    "LiberationSans-Regular.ttf",
    "LiberationSansNarrow-Regular.ttf",
    "LiberationSerif-Regular.ttf",
    "LiberationSans-Bold.ttf",
)
HEADINGS = ("INGREDIENTS:", "Ingredients:", "INGREDIENTS/INGRÉDIENTS:", "INCI:")
PRODUCT_LINES = (
    ("Hydrating Serum", "30 ml / 1 fl oz"),
    ("Daily Face Cream", "50 ml e"),
    ("Renewal Night Mask", "Made in France"),
)


def fonts() -> list[Path]:
    found = []
    for name in FONT_FILES:
        for folder in FONT_DIRS:
            if (folder / name).exists():
                found.append(folder / name)
                break
    if not found:
        raise SystemExit("no fonts: apt-get install fonts-dejavu-core fonts-liberation")
    return found


@dataclass(frozen=True)
class Render:
    """One rendered label: the encoded image and how it was made."""

    data: bytes
    kind: str  # "clean" or "degraded"
    description: str


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, hyphenate: bool) -> list[str]:
    """Greedy word wrap at ``width`` pixels; with ``hyphenate``, long words that would
    leave a ragged line are broken with a hyphen, as on narrow labels."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if draw.textlength(trial, font=font) <= width:
            line = trial
            continue
        if hyphenate and len(word) >= 8 and line:
            # Break the word after at least 4 letters, leaving at least 4.
            for cut in range(len(word) - 4, 3, -1):
                head = f"{line} {word[:cut]}-"
                if word[cut - 4 : cut].isalpha() and word[cut : cut + 4].isalpha() and (
                    draw.textlength(head, font=font) <= width
                ):
                    lines.append(head)
                    word = word[cut:]
                    break
            else:
                lines.append(line)
            line = word
            continue
        if line:
            lines.append(line)
        line = word
    if line:
        lines.append(line)
    return lines


def _label(text: str, rng: random.Random, font_path: Path, degraded: bool) -> Image.Image:
    size = rng.choice((20, 22, 24, 26, 28)) if not degraded else rng.choice((22, 24, 26, 30))
    font = ImageFont.truetype(str(font_path), size)
    bold = ImageFont.truetype(str(font_path), size + 4)
    column_chars = rng.choice((28, 36, 48, 60))
    probe = ImageDraw.Draw(Image.new("L", (10, 10)))
    width = int(probe.textlength("x" * column_chars, font=font))
    heading = rng.choice(HEADINGS)
    hyphenate = rng.random() < 0.5
    lines = _wrap(probe, f"{heading} {text}", font, width, hyphenate)
    product, footer = rng.choice(PRODUCT_LINES)
    line_h = int(size * 1.35)
    margin = size
    height = margin * 2 + line_h * (len(lines) + 4)
    paper = rng.randint(235, 255)
    ink = rng.randint(0, 40)
    if degraded and rng.random() < 0.4:  # low contrast: grey ink on a grey label
        paper, ink = rng.randint(190, 215), rng.randint(95, 120)
    image = Image.new("L", (width + 2 * margin, height), paper)
    draw = ImageDraw.Draw(image)
    draw.text((margin, margin), product, font=bold, fill=ink)
    y = margin + line_h * 2
    for line in lines:
        draw.text((margin, y), line, font=font, fill=ink)
        y += line_h
    draw.text((margin, y + line_h), footer, font=font, fill=ink)
    return image


def _cylinder(image: Image.Image, strength: float) -> Image.Image:
    """Wrap the label round a bottle: the lines bow and the sides squeeze."""
    array = np.asarray(image)
    h, w = array.shape[:2]
    xs = np.linspace(-1.0, 1.0, w)
    # Where each output column samples the flat label: arcsin squeezes the edges.
    angle = strength * math.pi / 2
    source_x = (np.arcsin(np.clip(xs * math.sin(angle), -1, 1)) / angle + 1) / 2 * (w - 1)
    sag = (1 - np.cos(xs * angle)) * h * 0.04
    out = np.empty_like(array)
    fill = int(np.median(array[:, 0]))
    ys = np.arange(h)
    for col in range(w):
        src_col = array[:, round(source_x[col])]
        shift = round(sag[col])
        src_rows = ys - shift
        valid = (src_rows >= 0) & (src_rows < h)
        column = np.full(h, fill, dtype=array.dtype)
        column[valid] = src_col[src_rows[valid]]
        out[:, col] = column
    return Image.fromarray(out)


def _perspective(image: Image.Image, rng: random.Random, amount: float) -> Image.Image:
    w, h = image.size
    d = amount * min(w, h)
    quad = (
        rng.uniform(0, d), rng.uniform(0, d),
        rng.uniform(0, d), h - rng.uniform(0, d),
        w - rng.uniform(0, d), h - rng.uniform(0, d),
        w - rng.uniform(0, d), rng.uniform(0, d),
    )  # fmt: skip
    return image.transform(image.size, Image.Transform.QUAD, quad, Image.Resampling.BICUBIC)


def _background(label: Image.Image, rng: random.Random) -> Image.Image:
    """Lay the label on a photo-like scene: a gradient, blotches and noise."""
    w, h = label.size
    pad_x, pad_y = int(w * rng.uniform(0.1, 0.3)), int(h * rng.uniform(0.1, 0.3))
    W, H = w + 2 * pad_x, h + 2 * pad_y
    grid_y, grid_x = np.mgrid[0:H, 0:W]
    base = rng.uniform(60, 160)
    scene = base + 50 * (grid_x / W) - 30 * (grid_y / H)
    np_rng = np.random.default_rng(rng.randrange(1 << 30))
    for _ in range(6):
        cx, cy, r = np_rng.uniform(0, W), np_rng.uniform(0, H), np_rng.uniform(20, W / 3)
        scene += np_rng.uniform(-40, 40) * np.exp(-((grid_x - cx) ** 2 + (grid_y - cy) ** 2) / r**2)
    scene += np_rng.normal(0, 8, scene.shape)
    photo = Image.fromarray(np.clip(scene, 0, 255).astype(np.uint8))
    photo.paste(label, (pad_x, pad_y))
    return photo


def _light(image: Image.Image, rng: random.Random) -> Image.Image:
    """Uneven light: one side brighter, plus sensor noise."""
    array = np.asarray(image).astype(np.float32)
    _h, w = array.shape
    ramp = np.linspace(rng.uniform(-35, 0), rng.uniform(0, 25), w)[None, :]
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 5, array.shape)
    return Image.fromarray(np.clip(array + ramp + noise, 0, 255).astype(np.uint8))


def render(text: str, seed: int, degraded: bool) -> Render:
    """Render ``text`` (an ingredient list) as a label image; the seed fixes every choice."""
    rng = random.Random(seed)
    font_path = rng.choice(fonts())
    image = _label(text, rng, font_path, degraded)
    steps = [font_path.stem]
    if degraded:
        if rng.random() < 0.5:
            strength = rng.uniform(0.4, 0.7)
            image = _cylinder(image, strength)
            steps.append(f"bottle {strength:.2f}")
        image = _background(image, rng)
        steps.append("background")
        if rng.random() < 0.6:
            amount = rng.uniform(0.01, 0.04)
            image = _perspective(image, rng, amount)
            steps.append(f"perspective {amount:.2f}")
        angle = rng.uniform(-4, 4)
        image = image.rotate(angle, Image.Resampling.BICUBIC, expand=True, fillcolor=90)
        steps.append(f"rotate {angle:.1f}")
        image = _light(image, rng)
        radius = rng.uniform(0.4, 1.3)
        image = image.filter(ImageFilter.GaussianBlur(radius))
        steps.append(f"blur {radius:.1f}")
        quality = rng.randint(30, 70)
        steps.append(f"jpeg q{quality}")
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, "JPEG", quality=quality)
        return Render(buffer.getvalue(), "degraded", ", ".join(steps))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return Render(buffer.getvalue(), "clean", ", ".join(steps))
