"""Memory of a web worker that reads photos: RSS after each step, and the peak.

    .venv/bin/python benchmarks/ocr_worker_memory.py

A worker as gunicorn runs it: skincheck.services.prepare_worker() (the Context with
the knowledge base, the CosIng inventory and the splitter's tables), then the OCR
engine (skincheck.ocr.prepare_engine), then one phone-sized photo read and analysed
through skincheck.services.analyse_image: a 12-megapixel JPEG (4000 x 3000) of a
label from tests/fixtures/images on a photo-like background; then that photo and the
four readable test photos, four rounds, for where the peak settles. Target (issue 14): the
worker stays under 400 MB. Figures, not asserts. Peak RSS is the kernel's
ru_maxrss; the photo is made in a child process so its making is not counted.
"""

import io
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_MB = 400


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phone_photo() -> bytes:
    import numpy as np
    from PIL import Image

    label = Image.open(ROOT / "tests" / "fixtures" / "images" / "serum-clean.png").convert("L")
    label = label.resize((label.width * 4, label.height * 4), Image.Resampling.BICUBIC)
    rng = np.random.default_rng(14)
    scene = rng.normal(120, 12, (3000, 4000)).clip(0, 255).astype("uint8")
    photo = Image.fromarray(scene)
    photo.paste(label, ((4000 - label.width) // 2, (3000 - label.height) // 2))
    buffer = io.BytesIO()
    photo.convert("RGB").save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def main() -> None:
    print(f"{'step':<52}{'RSS MB':>8}{'peak MB':>9}")
    print(f"{'python, nothing loaded':<52}{rss_mb():>8.0f}{peak_mb():>9.0f}")
    from skincheck import services

    services.prepare_worker()
    print(f"{'Context loaded (services.prepare_worker)':<52}{rss_mb():>8.0f}{peak_mb():>9.0f}")
    from skincheck.ocr import prepare_engine

    prepare_engine()
    print(f"{'+ OCR engine loaded (ocr.prepare_engine)':<52}{rss_mb():>8.0f}{peak_mb():>9.0f}")
    # Made in a child process: numpy's scene alone would raise this process's peak.
    data = subprocess.run(
        [sys.executable, __file__, "--make-photo"], capture_output=True, check=True
    ).stdout
    print(f"{'+ a 4000x3000 JPEG in memory (%.1f MB)' % (len(data) / 1e6):<52}"
          f"{rss_mb():>8.0f}{peak_mb():>9.0f}")
    analysis = services.analyse_image(data)
    found = [ev["printed"] for ev in analysis["ev_ingredients"]]
    print(f"{'+ that photo read and analysed':<52}{rss_mb():>8.0f}{peak_mb():>9.0f}")
    for _ in range(2):
        services.analyse_image(data)
    print(f"{'+ the same photo twice more':<52}{rss_mb():>8.0f}{peak_mb():>9.0f}")
    folder = ROOT / "tests" / "fixtures" / "images"
    readable = ["serum-clean.png", "recovery-degraded.jpg", "toner.webp", "cream.heic"]
    for _ in range(4):
        for name in readable:
            services.analyse_image((folder / name).read_bytes())
        services.analyse_image(data)
    print(f"{'+ 4 rounds of the 4 test photos and that photo':<52}"
          f"{rss_mb():>8.0f}{peak_mb():>9.0f}")
    peak = peak_mb()
    print(f"EV ingredients read: {found}")
    print(f"target: worker peak < {TARGET_MB} MB: " + ("met" if peak < TARGET_MB else "NOT met"))


if __name__ == "__main__":
    if sys.argv[1:] == ["--make-photo"]:
        sys.stdout.buffer.write(phone_photo())
    else:
        main()
