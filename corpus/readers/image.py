"""Scanned pages sent as images (PNG, JPEG, TIFF): text by OCR, one page per TIFF frame."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from corpus.errors import DocumentError
from corpus.readers.base import Reader, ReadResult, join_pages, read_bytes
from corpus.readers.ocr import ocr_page, ocr_setup

# A multi-page TIFF longer than this is more likely an image stack than a scanned report.
MAX_FRAMES = 500


class ImageReader(Reader):
    """``.png``, ``.jpg``/``.jpeg``, ``.tif``/``.tiff``: every frame OCRed in Korean and French."""

    extensions = (".png", ".jpg", ".jpeg", ".tif", ".tiff")

    def read(self, path: Path) -> ReadResult:
        data = read_bytes(path)
        setup = ocr_setup(path)  # before decoding: without Tesseract there is nothing to do with the image
        frames = _frames(data, path)
        pages = [ocr_page(frame, setup) for frame in frames]
        text, starts = join_pages(pages)
        notes = [f"{len(frames)} pages read by OCR ({setup.languages})" if len(frames) > 1
                 else f"read by OCR ({setup.languages})"]
        empty = [str(number) for number, page in enumerate(pages, start=1) if not page]
        if len(frames) > 1 and empty:
            notes.append(f"no text found on pages {', '.join(empty)}")
        warning = (setup.warning(),) if setup.warning() else ()
        return ReadResult(text=text, notes=tuple(notes), pages=starts if len(frames) > 1 else (),
                          ocr_pages=len(frames), warnings=warning)


def _frames(data: bytes, path: Path) -> list:
    """The image's frames, decoded; a ``DocumentError`` for what Pillow cannot read."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            # A huge scan is a warning in Pillow and an error past twice its limit: both mean "too big".
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            frames = []
            for frame in ImageSequence.Iterator(image):
                if len(frames) >= MAX_FRAMES:
                    raise DocumentError(path, f"image has more than {MAX_FRAMES} frames: not a scanned document")
                frames.append(frame.copy())
    except DocumentError:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise DocumentError(path, "image too large to OCR (over Pillow's decompression limit)") from None
    except UnidentifiedImageError:
        raise DocumentError(path, "corrupt or unsupported image (Pillow cannot identify it)") from None
    except (OSError, ValueError, SyntaxError) as error:  # truncated files fail while decoding
        raise DocumentError(path, f"corrupt image ({type(error).__name__}: {error})") from None
    return frames
