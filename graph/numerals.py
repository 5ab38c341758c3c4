"""Numbers written in Arabic or Chinese numerals (1.5, 一千二百, 二〇二五, 三百万) to floats, through cn2an."""
from __future__ import annotations

import functools
import logging
import re
import unicodedata

# cn2an reads 〇 but not the look-alikes ○ (white circle) and 零's variants printed in old documents.
_LOOK_ALIKES = str.maketrans({"○": "〇", "Ｏ": "〇", "O": "〇"})


def parse_number(text: str) -> float | None:
    """Arabic or Chinese numerals to a float; None when `text` is no number."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        pass
    return _chinese(simplified(text.translate(_LOOK_ALIKES)))   # 四點二, 一萬三千: traditional numerals too


@functools.lru_cache(maxsize=4096)
def _chinese(text: str) -> float | None:
    import cn2an

    # cn2an logs a warning for some inputs it then reads anyway; the value is what matters here.
    logging.getLogger("cn2an").setLevel(logging.ERROR)
    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def parse_int(text: str) -> int | None:
    """An integer in Arabic or Chinese numerals (十四 → 14), None when it is none."""
    value = parse_number(text)
    return int(value) if value is not None and value == int(value) else None


_YEAR_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")
_CHINESE_YEAR = re.compile(r"(?<![零〇○一二三四五六七八九十百千万])[〇○零一二三四五六七八九]{4}(?=年)")


@functools.lru_cache(maxsize=1)
def _t2s():
    try:
        import opencc
    except ImportError:   # optional: without it traditional text is read as it is
        return None
    return opencc.OpenCC("t2s")


@functools.lru_cache(maxsize=1)
def _traditional() -> re.Pattern | None:
    """The characters OpenCC changes on their own (國, 萬, 點 …), read once from the CJK block: a text
    with none of them is left as it is without a conversion."""
    converter = _t2s()
    if converter is None:
        return None
    block = "".join(map(chr, range(0x4E00, 0xA000)))
    changed = "".join(ch for ch in block if converter.convert(ch) != ch)
    return re.compile(f"[{re.escape(changed)}]") if changed else None


def simplified(text: str) -> str:
    """`text` in simplified characters (一九五四年預計…將達二萬五千五百公里 → 预计…将达二万五千五百公里),
    unchanged when OpenCC is absent or the conversion would move an offset."""
    converter = _t2s()
    if converter is None or text.isascii():
        return text
    traditional = _traditional()
    if traditional is None or not traditional.search(text):
        return text
    out = converter.convert(text)
    return out if len(out) == len(text) else text


def arabic_years(text: str) -> str:
    """Years written digit by digit in Chinese (一九六二年) as Arabic digits (1962年), the text's length kept,
    so that offsets into the result are offsets into `text`."""
    if "年" not in text:
        return text
    return _CHINESE_YEAR.sub(lambda m: m.group(0).translate(_YEAR_DIGITS), text)
