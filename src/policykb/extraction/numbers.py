"""Numbers in Chinese policy text: Arabic, Chinese and mixed numerals.

Policy documents write quantities in several ways, often in the same sentence:

* Arabic numerals, with decimals or thousands separators: ``3000``, ``76.9``, ``2,000``;
* Arabic numerals with a Chinese multiplier: ``4.2万``, ``35亿``, ``2000万`` — and, in text
  extracted from PDF, with spaces around the digits: ``1.2 万``;
* Chinese numerals: ``三千``, ``一千二百四十九``, ``两``, ``百`` (as in ``百名``), ``二〇二二``;
* approximations and ratios: ``近百`` (about a hundred), ``五成`` (fifty per cent),
  ``五成五`` (fifty-five per cent: a digit after 成 counts tenths of a 成).

``parse_number`` turns one such string into a float; ``find_numbers`` finds them in running
text with their spans.  Neither raises on any ``str``.

Chinese numerals are converted with the ``cn2an`` library (``normal`` mode), which knows the
positional rules (``一千零五``, ``十万八千``, ``二〇二二``, ``两百``) better than a hand-written
parser would.  It rejects a few forms that policy text uses all the time — a bare unit
character (``百``, ``千``, ``百万``) and approximation affixes (``近``, ``余``) — and it
signals failure by raising ``ValueError`` (or worse on odd input), so every call goes through
``_cn_to_number``, which normalises those forms first and turns any exception into ``None``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import cn2an

__all__ = [
    "ARABIC_NUMBER",
    "CHINESE_NUMBER",
    "MULTIPLIERS",
    "NUMBER_PATTERN",
    "NUMBER_RE",
    "NumberMatch",
    "find_numbers",
    "parse_number",
]

# Horizontal white space that PDF extraction leaves between digits and characters
# ("3 月底", "1.2 万"); never a line break.
SP = r"[ \t\u3000\xa0]*"

#: Arabic numerals, ASCII or full-width, with optional thousands separators and decimals.
#: ``2,000`` is one number; ``56,57`` is not (groups after a comma must have three digits).
ARABIC_NUMBER = r"(?:[0-9０-９]{1,3}(?:,[0-9０-９]{3})+|[0-9０-９]+)(?:[.．][0-9０-９]+)?"

#: Chinese multipliers that may follow an Arabic numeral (``4.2万``, ``35亿``, ``2千万``).
#: 千 before 瓦/米/克 is part of a unit (千瓦, 千米, 千克), 百 before 分 is 百分点/百分比.
MULTIPLIERS: dict[str, float] = {
    "万亿": 1e12,
    "千万": 1e7,
    "百万": 1e6,
    "亿": 1e8,
    "万": 1e4,
    "千": 1e3,
    "百": 1e2,
}
_MULTIPLIER = rf"(?:{SP}(?:万亿|千万|百万|亿|万|千(?![瓦米克])|百(?![分])))"

#: Chinese numerals.  A number must start with a digit or with 十/百/千 — a lone 万 or 亿 is
#: nearly always a word (万企兴万村, 亿万) rather than a quantity.
CHINESE_DIGITS = "〇零一二两三四五六七八九"
CHINESE_NUMBER = r"[〇零一二两三四五六七八九十百千][〇零一二两三四五六七八九十百千万亿]*"

#: "A number" as a regex fragment, without groups, for use inside larger patterns.
NUMBER_PATTERN = rf"(?:{ARABIC_NUMBER}{_MULTIPLIER}?|{CHINESE_NUMBER})"
NUMBER_RE = re.compile(NUMBER_PATTERN)

# Affixes that make a number approximate; the value is the number itself.
_APPROX_PREFIXES = ("将近", "大约", "近", "约", "逾", "超")
_APPROX_SUFFIXES = ("左右", "余", "多", "来")

_ARABIC_FULL_RE = re.compile(rf"^({ARABIC_NUMBER})((?:万亿|千万|百万|亿|万|千|百)*)$")
_CHINESE_FULL_RE = re.compile(rf"^{CHINESE_NUMBER}$")
_SPACE_RE = re.compile(r"\s+")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_CN_DIGIT_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
# 五成五: a whole number of 成 (tenths) and one Chinese digit of per cent
_CHENG_TENTHS_RE = re.compile(r"^([0-9]+|[〇零一二两三四五六七八九十]+)成([一二三四五六七八九])$")
_CN_SMALL_UNIT = {"十": 10, "百": 100, "千": 1000}
_CN_BIG_UNIT = {"万": 10_000, "亿": 100_000_000}


@dataclass(frozen=True)
class NumberMatch:
    """A number found in text: its span, its verbatim text and its value."""

    start: int
    end: int
    text: str
    value: float


def parse_number(text: str) -> float | None:
    """Parse one number written in Arabic, Chinese or mixed form; ``None`` if it is not one.

    ``"4.2万"`` → 42000, ``"1.2 万"`` → 12000, ``"35亿"`` → 3.5e9, ``"三千"`` → 3000,
    ``"百"`` → 100, ``"近百"`` → 100, ``"两"`` → 2, ``"五成"`` → 50 (a percentage),
    ``"五成五"`` → 55, ``"54%"`` → 54, ``"2,000"`` → 2000.  Never raises.
    """
    try:
        value = _parse(text)
    except Exception:  # defensive: parsing must never break extraction
        return None
    if value is None or not math.isfinite(value):
        return None
    return value


def find_numbers(text: str, *, chinese: bool = True) -> list[NumberMatch]:
    """Every number in ``text`` with its span, in order (Chinese numerals only if ``chinese``).

    Chinese numerals inside words (统一, 一批) are numbers too as far as this helper is
    concerned; deciding whether a number is a quantity is the callers' business.
    """
    out: list[NumberMatch] = []
    try:
        for m in NUMBER_RE.finditer(text):
            raw = m.group(0)
            if not chinese and not raw[0].isdigit():
                continue
            value = parse_number(raw)
            if value is not None:
                out.append(NumberMatch(m.start(), m.end(), raw, value))
    except Exception:  # pragma: no cover - defensive
        return out
    return out


# --------------------------------------------------------------------------- internals


def _parse(text: str) -> float | None:
    if not isinstance(text, str):
        return None
    s = _SPACE_RE.sub("", text).translate(_FULLWIDTH)
    if not s:
        return None
    for prefix in _APPROX_PREFIXES:
        if s.startswith(prefix) and len(s) > len(prefix):
            s = s[len(prefix) :]
            break
    scale = 1.0
    tenths = _CHENG_TENTHS_RE.match(s)
    if tenths:  # 五成五 = 55 %, 九成二 = 92 %
        whole = _parse_plain(tenths.group(1))
        return None if whole is None else whole * 10 + _CN_DIGIT_VALUE[tenths.group(2)]
    if s.endswith("%") and len(s) > 1:
        s = s[:-1]
    elif s.endswith("成") and len(s) > 1:  # 五成 = 50 %
        s, scale = s[:-1], 10.0
    for suffix in _APPROX_SUFFIXES:
        if s.endswith(suffix) and len(s) > len(suffix):
            s = s[: -len(suffix)]
            break
    value = _parse_plain(s)
    return None if value is None else value * scale


def _parse_plain(s: str) -> float | None:
    m = _ARABIC_FULL_RE.match(s)
    if m:
        value = float(m.group(1).replace(",", ""))
        rest = m.group(2)
        while rest:
            for word, factor in MULTIPLIERS.items():
                if rest.startswith(word):
                    value *= factor
                    rest = rest[len(word) :]
                    break
            else:  # pragma: no cover - the regex only admits multiplier words
                return None
        return value
    if _CHINESE_FULL_RE.match(s):
        return _cn_to_number(s)
    return None


def _cn_to_number(s: str) -> float | None:
    """Chinese numeral → number, by cn2an first and a small fallback parser second."""
    # cn2an rejects a numeral that starts with a unit character (百, 千, 百万, 千人以上's 千):
    # in speech and policy text a leading 百/千 means 一百/一千.
    normalised = "一" + s if s[0] in "百千" else s
    try:
        result = cn2an.cn2an(normalised, "normal")
        return float(result)
    except Exception:
        return _fallback_cn(normalised)


def _fallback_cn(s: str) -> float | None:
    """A plain positional parser for what cn2an refuses (e.g. 万万); ``None`` if malformed."""
    total = 0
    section = 0  # value below the current 万/亿
    digit: int | None = None
    for ch in s:
        if ch in _CN_DIGIT_VALUE:
            if digit is not None:  # two digits in a row: read as a digit string (二〇二二)
                return _digit_string(s)
            digit = _CN_DIGIT_VALUE[ch]
        elif ch in _CN_SMALL_UNIT:
            section += (1 if digit is None else digit) * _CN_SMALL_UNIT[ch]
            digit = None
        elif ch in _CN_BIG_UNIT:
            section += digit or 0
            digit = None
            total = (total + (section or 1)) * _CN_BIG_UNIT[ch]
            section = 0
        else:
            return None
    return float(total + section + (digit or 0))


def _digit_string(s: str) -> float | None:
    if all(ch in _CN_DIGIT_VALUE for ch in s):
        return float("".join(str(_CN_DIGIT_VALUE[ch]) for ch in s))
    return None
