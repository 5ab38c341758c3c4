"""Read source files (.txt, .html, .pdf, .docx, .jsonl) into `Document` records."""
from __future__ import annotations

import functools
import hashlib
import io
import json
import logging
import unicodedata
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from ingest.errors import InputError
from ingest.records import Document

SUPPORTED = (".txt", ".html", ".htm", ".pdf", ".docx", ".jsonl")
_UTF8_BOM = b"\xef\xbb\xbf"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024   # the `max_file_mb` setting's default


@dataclass(frozen=True)
class ReadResult:
    """What one file yields: its documents, and the problems of lines that could not be read (collections)."""

    documents: tuple[Document, ...]
    problems: tuple[str, ...] = ()   # one-line messages, e.g. "line 3: not valid JSON (…)"
    skipped: tuple[str, ...] = ()    # sources of the unreadable lines ("name.jsonl#3"): their stored versions stay


def doc_id_for(source: str) -> str:
    """Stable id from the source name, so that a changed file keeps its id."""
    return "d" + hashlib.sha1(source.encode("utf-8")).hexdigest()[:12]


def read_documents(path: Path, source: str | None = None, max_bytes: int | None = DEFAULT_MAX_BYTES) -> list[Document]:
    """Decode one file into documents (one per line for .jsonl); `source` defaults to the file name.

    Any problem, including one bad line of a collection, raises `InputError`; `read_file` reads
    the good lines of a collection and reports the bad ones.
    """
    result = read_file(path, source, max_bytes)
    if result.problems:
        raise InputError(str(path), result.problems[0])
    return list(result.documents)


def read_file(path: Path, source: str | None = None, max_bytes: int | None = DEFAULT_MAX_BYTES) -> ReadResult:
    """Decode one file; a collection's unreadable lines are reported in `problems`, its good lines kept.

    Files above `max_bytes` are refused before they are read (None: no limit).
    """
    path = Path(path)
    source = source or path.name
    suffix = path.suffix.lower()
    if path.is_dir():
        raise InputError(str(path), "is a directory, not a document")
    if suffix not in SUPPORTED:
        raise InputError(str(path), f"unsupported file type {suffix or '(no extension)'!r} "
                                    f"(supported: {', '.join(SUPPORTED)})")
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise InputError(str(path), f"file is {size / 2**20:.1f} MB, above the {max_bytes / 2**20:g} MB limit "
                                        "(setting max_file_mb; split the file or raise the limit)")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read file ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(str(path), "file is empty")
    if suffix == ".jsonl":
        return _read_jsonl(path, source, data)
    reader = {".txt": _txt_text, ".html": _html_text, ".htm": _html_text,
              ".pdf": _pdf_text, ".docx": _docx_text}[suffix]
    text, title = reader(path, data)
    if not text.strip():
        raise InputError(str(path), "no text found in the document")
    fmt = "html" if suffix == ".htm" else suffix[1:]
    return ReadResult((Document(doc_id=doc_id_for(source), source=source, path=str(path), format=fmt, text=text,
                                content_hash=hashlib.sha256(data).hexdigest(), title_hint=title),))


def decode_text(path: Path, data: bytes) -> str:
    """Bytes → text: a UTF-8 BOM wins, otherwise charset-normalizer decides; binary data is refused."""
    if data.startswith(_UTF8_BOM):
        try:
            return _normalise_newlines(data[len(_UTF8_BOM):].decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise InputError(str(path), f"has a UTF-8 BOM but invalid UTF-8 at byte {exc.start + 3}") from None
    if b"\x00" in data:
        raise InputError(str(path), "looks binary (contains NUL bytes), not a text document")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    text = str(best) if best is not None else None
    if text is None or not _plausible_cjk(text):
        # Short GBK texts (a dozen characters) give charset-normalizer too little to go on, and it picks
        # Korean or Thai code pages; GB18030 (a superset of GBK) wins when it decodes to Chinese text.
        try:
            gb = data.decode("gb18030")
        except UnicodeDecodeError:
            gb = None
        if gb is not None and _plausible_cjk(gb):
            text = gb
    if text is None:
        raise InputError(str(path), "undecodable bytes: no text encoding fits (not UTF-8, GB18030, …)")
    return _normalise_newlines(text)


def _is_cjk(char: str) -> bool:
    cp = ord(char)
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x3000 <= cp <= 0x303F
            or 0xFF00 <= cp <= 0xFFEF or 0x2000 <= cp <= 0x206F)


def _plausible_cjk(text: str) -> bool:
    """Most non-ASCII characters are CJK ideographs or CJK punctuation, and there is at least one ideograph."""
    wide = [c for c in text if ord(c) > 0x7F and not c.isspace()]
    if not wide or not any(0x4E00 <= ord(c) <= 0x9FFF for c in wide):
        return False
    return sum(map(_is_cjk, wide)) >= 0.95 * len(wide)


def _normalise_newlines(text: str) -> str:
    # Universal newlines, as Python's text mode would read the file; offsets index this string.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _txt_text(path: Path, data: bytes) -> tuple[str, str | None]:
    return decode_text(path, data), None


def _quiet(logger: str) -> None:
    # Readers' own warnings ("EOF marker not found", "discarding data") would reach the CLI's stderr
    # beside our one-line error for the same file.
    logging.getLogger(logger).setLevel(logging.ERROR)


def _html_text(path: Path, data: bytes) -> tuple[str, str | None]:
    try:
        import trafilatura
    except ImportError as exc:   # lxml 6 without lxml_html_clean, which trafilatura needs
        raise InputError(str(path), f"HTML cannot be read in this installation ({exc}); "
                                    "pip install lxml_html_clean") from None

    _quiet("trafilatura")

    from ingest.html_tables import prepare, tidy_rows

    html = decode_text(path, data)
    # Layout tables unwrapped and row spans repeated first (ingest/html_tables.py); each table row
    # then comes out as one line.
    tree = prepare(html)
    text = trafilatura.extract(tree if tree is not None else html, include_comments=False, include_tables=True,
                               favor_recall=True, config=_trafilatura_config())
    text = tidy_rows(text) if text else text
    if not text or not text.strip():
        raise InputError(str(path), "no main text found in the HTML page")
    meta = trafilatura.extract_metadata(html)
    title = meta.title.strip() if meta is not None and meta.title else None
    return _normalise_newlines(text), title or None


@functools.lru_cache(maxsize=1)
def _trafilatura_config():
    from trafilatura.settings import use_config

    config = use_config()
    # Below this many characters trafilatura distrusts its article and takes every block of the page
    # instead (menus included, a table one cell per line). Its default, 250, is set for alphabetic text;
    # a short Chinese notice with a table says in 100 characters what English says in 250.
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "100")
    return config


def _pdf_text(path: Path, data: bytes) -> tuple[str, str | None]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    _quiet("pypdf")
    try:
        reader = PdfReader(io.BytesIO(data))
        # An empty user password only restricts printing or copying: the text is readable.
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(str(path), "PDF is encrypted with a password (remove the password first)")
        pages = [_page_text(page) for page in reader.pages]
    except DependencyError as exc:   # AES needs the `cryptography` package
        raise InputError(str(path), f"PDF is encrypted and cannot be decrypted here ({exc})") from None
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf reports damaged files under many exception types
        raise InputError(str(path), f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    text = "\n".join(pages)
    if not text.strip():
        raise InputError(str(path), "PDF has no text layer (scanned pages need OCR first)")
    title = (reader.metadata.title if reader.metadata else None) or None
    return _normalise_newlines(normalise_radicals(text)), title


def _page_text(page) -> str:
    """pypdf's text of one page, with its ruled tables written row by row (see ingest/pdf_tables.py)."""
    from ingest.pdf_tables import PageRecorder, page_text

    recorder = PageRecorder()
    text = page.extract_text(visitor_text=recorder.text, visitor_operand_before=recorder.operand) or ""
    box = page.mediabox
    return page_text(recorder, text, (float(box.left), float(box.bottom), float(box.right), float(box.top)))


def _docx_text(path: Path, data: bytes) -> tuple[str, str | None]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, ValueError, KeyError) as exc:
        raise InputError(str(path), f"not a readable .docx file ({exc})") from None
    except Exception as exc:  # zipfile.BadZipFile and lxml errors surface under varied types
        raise InputError(str(path), f"not a readable .docx file ({type(exc).__name__})") from None
    text = "\n".join(_docx_blocks(document))
    title = document.core_properties.title or None
    return _normalise_newlines(text), title


def _docx_blocks(document) -> list[str]:
    """Paragraphs and table rows in document order; a row is one line, "cell | cell" (a cell merged
    across columns once, a cell merged down the rows in each of them, as python-docx reports them)."""
    from docx.table import Table

    from ingest.html_tables import CELL_SEPARATOR

    out = []
    for block in document.iter_inner_content():
        if not isinstance(block, Table):
            out.append(block.text)
            continue
        for row in block.rows:
            cells, previous = [], None
            for cell in row.cells:
                if previous is not None and cell._tc is previous:
                    continue
                previous = cell._tc
                text = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
                if text:
                    cells.append(text)
            if cells:
                out.append(CELL_SEPARATOR.join(cells))
    return out


def _read_jsonl(path: Path, source: str, data: bytes) -> ReadResult:
    text = decode_text(path, data)
    documents = []
    problems: list[str] = []
    skipped: list[str] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: not valid JSON ({exc.msg})")
            skipped.append(f"{source}#{number}")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("content"), str):
            problems.append(f"line {number}: expected an object with a string 'content'")
            skipped.append(f"{source}#{number}")
            continue
        if not record["content"].strip():
            problems.append(f"line {number}: 'content' is empty")
            skipped.append(f"{source}#{number}")
            continue
        line_source = f"{source}#{number}"
        title = record.get("title")
        documents.append(Document(
            doc_id=doc_id_for(line_source), source=line_source, path=str(path), format="jsonl",
            text=_normalise_newlines(record["content"]),
            content_hash=hashlib.sha256(line.encode("utf-8")).hexdigest(),
            title_hint=title.strip() if isinstance(title, str) and title.strip() else None))
    if not documents:
        raise InputError(str(path), problems[0] if len(problems) == 1 else "no documents in the collection"
                         + (f" ({len(problems)} bad lines, first: {problems[0]})" if problems else ""))
    return ReadResult(tuple(documents), tuple(problems), tuple(skipped))


def normalise_radicals(text: str) -> str:
    """Map CJK radical code points (U+2F00–2FD5, U+2E80–2EFF) to the ideographs they stand for."""
    return text.translate(_radical_table())


@functools.lru_cache(maxsize=1)
def _radical_table() -> dict[int, str]:
    """CJK radical code points → ordinary ideographs (PDF fonts often map glyphs to radicals)."""
    # Kangxi radicals (U+2F00–U+2FD5) have NFKC decompositions to the unified ideographs.
    table = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0x2F00, 0x2FD6)}
    # The supplement block has no decompositions; the table comes from Unicode's
    # EquivalentUnifiedIdeograph.txt (see the file header).
    resource = files("ingest") / "data" / "cjk_radicals_supplement.txt"
    for line in resource.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        points, target = line.split(";")
        first, _, last = points.partition("..")
        for cp in range(int(first, 16), int(last or first, 16) + 1):
            table[cp] = chr(int(target, 16))
    return table
