"""Find and read the lines of text in a picture: RapidOCR on ONNX Runtime.

The engine was chosen by measuring (docs/ocr.md): it installs from PyPI alone (no
root, no apt), and its models (PP-OCRv6 small detection and recognition) ship inside
the rapidocr wheel. They are named here by path, so the engine's download code is
never reached: a missing file is an error, not a download.

It runs on one thread (a worker serves one request per core) with the direction
classifier off: a label photo is upright once its EXIF orientation is applied. The
detector runs once; the lines are then read in small batches, and the time cap is
checked before each batch, so a picture full of text stops within one batch of the
cap. The detector's own pass is not interrupted; MAX_SIDE in skincheck.ocr.image
bounds it (about a second on one core).

What it does not do: choose which lines are the list, or fix what it read
(skincheck.ocr.text does both). It is loaded on first use, once per process.
"""

import ctypes
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image

from skincheck.ocr.errors import BadImageError

#: The models of the rapidocr wheel (3.10.0), relative to its package folder.
_MODELS = {"Det": "models/PP-OCRv6_det_small.onnx", "Rec": "models/PP-OCRv6_rec_small.onnx"}
#: Lines read per call of the recogniser. Wider batches save little on one core and
#: raised the worker's peak memory (six long lines: 600 MB; two: 350 MB).
_BATCH = 2
#: Lines the recogniser scored below this are dropped (RapidOCR's own default, 0.5).
MIN_SCORE = 0.5

TOO_SLOW = (
    "Reading this picture took too long, so skincheck stopped. Send a photo of the "
    "ingredient list alone, or paste the list as text."
)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text as read, with its box (four corners, pixels, clockwise from
    the top left) and the recogniser's confidence (0-1)."""

    text: str
    box: tuple[tuple[float, float], ...]
    score: float


@lru_cache(maxsize=1)
def _engine():
    # Imported here: rapidocr pulls in OpenCV and ONNX Runtime (~0.5 s, ~60 MB), which
    # a process that never reads a photo should not pay.
    import rapidocr

    folder = Path(rapidocr.__file__).parent
    paths = {task: folder / name for task, name in _MODELS.items()}
    missing = [str(path) for path in paths.values() if not path.is_file()]
    if missing:
        raise RuntimeError(f"the rapidocr wheel lacks its models: {', '.join(missing)}")
    params = {
        "Global.use_cls": False,
        "Global.log_level": "error",
        "EngineConfig.onnxruntime.intra_op_num_threads": 1,
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        # Scale the longer side to at most 736 px for detection. The default (shorter
        # side at least 736) blew a wide label up to 3,000 px and took 3.5 s; at 960 px
        # the detector's own buffers took a worker that had read a 12-megapixel photo
        # to a peak of 469 MB, at 736 px to 374 MB (benchmarks/ocr_worker_memory.py),
        # reading the same 20 benchmark labels as well. The lines are still read from
        # the picture at full size (up to MAX_SIDE).
        "Det.limit_type": "max",
        "Det.limit_side_len": 736,
        "Det.model_path": str(paths["Det"]),
        "Rec.model_path": str(paths["Rec"]),
        "Rec.rec_batch_num": _BATCH,
    }
    return rapidocr.RapidOCR(params=params)


_load_lock = threading.Lock()


def _glibc():
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc: its allocator's settings do not apply
        return None


_LIBC = _glibc()
#: mallopt's M_MMAP_THRESHOLD: blocks of at least this many bytes get their own
#: mapping, returned to the system when freed. glibc raises the threshold by itself
#: (up to 32 MB) after large blocks are freed, after which the detector's buffers
#: stayed in the heap: reading a 12-megapixel photo and the test photos four times
#: over took a worker's peak to 400 MB; with the threshold fixed at 1 MB, to 338 MB
#: (benchmarks/ocr_worker_memory.py). Set once, when the engine loads.
_M_MMAP_THRESHOLD = -3
_MMAP_FROM = 1 << 20


def _give_back() -> None:
    """Hand freed heap memory back to the system after a pass (glibc's malloc_trim)."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def prepare() -> None:
    """Load the models now (at worker start), not during the first request."""
    with _load_lock:
        engine = _engine()
        if engine.text_det is not None and engine.text_rec is not None:
            return
        # The sessions are made without ONNX Runtime's memory pattern: with it, each
        # run after the first allocates one block for all of a shape's buffers at once,
        # and three readings of a phone photo took the worker's peak from 378 to 423 MB.
        # rapidocr (pinned at 3.10.0) has no setting for it, so its session options are
        # amended while the two models load, under this lock.
        from rapidocr.inference_engine.onnxruntime import main as ort_session

        original = ort_session.OrtInferSession._init_sess_opts

        def options(cfg):
            made = original(cfg)
            made.enable_mem_pattern = False
            return made

        ort_session.OrtInferSession._init_sess_opts = staticmethod(options)
        if _LIBC is not None:
            _LIBC.mallopt(_M_MMAP_THRESHOLD, _MMAP_FROM)
        try:
            engine._load_det_model()
            engine._load_rec_model()
        finally:
            ort_session.OrtInferSession._init_sess_opts = staticmethod(original)


def read_lines(image: Image.Image, deadline: float) -> list[Line]:
    """The lines of text in ``image``, in the detector's order (top to bottom).

    ``deadline`` is a time.thread_time() value (ONNX Runtime, on one thread, computes
    in the calling thread); past it BadImageError("too_slow") is raised between steps.
    """
    # numpy here, with the engine, not at the top: skincheck.ocr is imported by every web
    # worker at start, and numpy alone took about 0.2 s and 15 MB of a worker that may
    # never read a photo (benchmarks/bench_core.py, cold start).
    import numpy as np

    _check(deadline)
    prepare()
    engine = _engine()
    pixels = np.asarray(image.convert("RGB"))
    resized, record = engine.preprocess_img(pixels)
    _check(deadline)
    from rapidocr.main import RapidOCRError
    from rapidocr.utils.process_img import map_boxes_to_original

    try:
        crops, found = engine.detect_and_crop(resized, record)
    except RapidOCRError:  # the detector found no text at all
        return []
    finally:
        _give_back()
    texts: list[str] = []
    scores: list[float] = []
    for start in range(0, len(crops), _BATCH):
        _check(deadline)
        result = engine.recognize_txt(crops[start : start + _BATCH])
        texts.extend(result.txts)
        scores.extend(float(score) for score in result.scores)
    boxes = map_boxes_to_original(found.boxes, record, pixels.shape[0], pixels.shape[1])
    _give_back()
    return [
        Line(text.strip(), tuple((float(x), float(y)) for x, y in box), score)
        for text, box, score in zip(texts, boxes, scores, strict=True)
        if score >= MIN_SCORE and text.strip()
    ]


def _check(deadline: float) -> None:
    if time.thread_time() > deadline:
        raise BadImageError(TOO_SLOW, "too_slow")
