"""Reading text files whose encoding is not known in advance.

County plans arrive as UTF-8 (with or without BOM), GBK/GB18030 (Windows "ANSI" on a
Chinese system), UTF-16 (Word's "Unicode text", with or without BOM) and, rarely, Big5.
The encoding is *detected*, never assumed:

1. an empty file, a known binary format (PNG, PDF, ZIP/.docx, .doc …) or control bytes
   → ``InputError`` saying what the file looks like;
2. a byte-order mark decides (UTF-8, UTF-16 LE/BE, UTF-32);
3. NUL bytes all on odd (or all on even) positions → BOM-less UTF-16 LE (or BE);
4. strict UTF-8; then strict GBK, then strict GB18030 — each accepted only if the text is
   *plausible Chinese* (see ``plausibility``), because GBK decodes almost any byte pairs;
5. the hard cases (Big5, BOM-less UTF-16 without ASCII) go to charset-normalizer, whose
   answer is accepted only for a CJK-capable encoding and a plausible result;
6. otherwise ``InputError("无法识别文件编码…")`` with advice to save the file as UTF-8.

The text returned has line breaks normalised to ``\\n`` and no BOM.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import InputError

SAVE_AS_UTF8 = "请用记事本或 WPS 打开该文件，“另存为”时选择 UTF-8 编码，然后重试"

# --------------------------------------------------------------------------- signatures

_BOMS: list[tuple[bytes, str, str]] = [
    # (BOM, codec that decodes the whole file including the BOM, name reported)
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
]

# magic numbers of binary formats people rename or pick by mistake
_MAGIC: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF87a", "GIF 图片"),
    (b"GIF89a", "GIF 图片"),
    (b"%PDF-", "PDF 文件"),
    (b"PK\x03\x04", "ZIP 压缩包（.docx/.xlsx 等 Office 文件也是这种格式）"),
    (b"PK\x05\x06", "ZIP 压缩包"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Office 文件（.doc/.xls/.wps）或加密的 Office 文件"),
    (b"Rar!\x1a\x07", "RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩文件"),
    (b"\x7fELF", "可执行程序"),
    (b"II*\x00", "TIFF 图片"),
    (b"MM\x00*", "TIFF 图片"),
    (b"{\\rtf", "RTF 富文本文件"),
]

_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")
_BAD_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd\ud800-\udfff]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_NON_SPACE = re.compile(r"\S")
# characters expected in Chinese (or plain ASCII) text; anything else counts as "odd"
_EXPECTED = re.compile(
    "["
    "\t\n\r\f\v\x20-\x7e\xa0-\xff"
    "\u0370-\u03ff"  # Greek (α, β in technical text)
    "\u2000-\u27bf"  # punctuation, currency, letterlike, numbers, arrows, maths, ①, ■, ★
    "\u2e80-\u2fdf"  # CJK radicals
    "\u3000-\u303f"  # CJK symbols and punctuation
    "\u3100-\u312f"  # bopomofo
    "\u3200-\u33ff"  # enclosed CJK, CJK compatibility (㈠, ㎡)
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # ideographs
    "\ufe10-\ufe1f\ufe30-\ufe6f\uff00-\uffef\ufeff"  # forms, full-width
    "\U00020000-\U0003134f"  # ideograph extensions B–H
    "\U0001f300-\U0001faff"  # emoji
    "]"
)
_SAMPLE = 200_000  # characters examined by the plausibility test
_CJK_CAPABLE = {
    "utf_8",
    "utf_16",
    "utf_16_le",
    "utf_16_be",
    "utf_32",
    "utf_32_le",
    "utf_32_be",
    "gb2312",
    "gbk",
    "gb18030",
    "big5",
    "big5hkscs",
    "cp950",
    "cp936",
    "hz",
}


@lru_cache(maxsize=1)
def common_hanzi() -> frozenset[str]:
    """The ~8,900 everyday characters: GB2312 (simplified) ∪ Big5 level 1 (traditional)."""
    chars: set[str] = set()
    for b1 in range(0xB0, 0xF8):
        for b2 in range(0xA1, 0xFF):
            try:
                chars.add(bytes((b1, b2)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    for b1 in range(0xA4, 0xC7):
        for b2 in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            try:
                chars.add(bytes((b1, b2)).decode("big5"))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


@dataclass(frozen=True)
class Plausibility:
    """How much a decoded text looks like (Chinese) text."""

    bad: int  # control characters, U+FFFD, lone surrogates
    odd: int  # characters not expected in Chinese text (kana, Cyrillic, private use …)
    han: int  # ideographs
    common: int  # of which everyday characters
    chars: int  # non-space characters examined

    @property
    def odd_ratio(self) -> float:
        return self.odd / self.chars if self.chars else 0.0

    @property
    def common_ratio(self) -> float:
        return self.common / self.han if self.han else 1.0

    def is_text(self) -> bool:
        """No control characters and hardly any odd ones."""
        return self.bad == 0 and self.odd_ratio <= 0.02

    def is_chinese(self, *, strong: bool = False) -> bool:
        """Text whose ideographs are mostly everyday ones (mojibake is full of rare ones).

        ``strong`` (used for guesses with little evidence) also asks that ideographs make
        up a good part of the text.
        """
        if not self.is_text():
            return False
        if strong:
            return self.han >= 4 and self.han >= 0.3 * self.chars and self.common_ratio >= 0.9
        # everyday text scores ~0.99; Big5 read as GB18030 about 0.5, with kana among it
        return self.han == 0 or self.common_ratio >= (0.75 if self.han >= 50 else 0.6)


def plausibility(text: str) -> Plausibility:
    """Measure ``text`` (its first ``_SAMPLE`` characters, and the whole for control chars)."""
    sample = text[:_SAMPLE]
    han = _HAN.findall(sample)
    common = common_hanzi()
    non_space = len(_NON_SPACE.findall(sample))
    odd = len(sample) - len(_EXPECTED.findall(sample))
    return Plausibility(
        bad=len(_BAD_CHARS.findall(text)),
        odd=odd,
        han=len(han),
        common=sum(1 for ch in han if ch in common),
        chars=non_space,
    )


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR to LF; drop a BOM and a DOS end-of-file mark."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.rstrip("\x1a")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[:2] == b"MZ" and b"\x00" in data[:64]:
        return "Windows 可执行程序"
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "图片或音视频文件"
    return None


def _utf16_by_nuls(data: bytes) -> list[str]:
    """UTF-16 codecs to try, most likely first, when NUL bytes suggest BOM-less UTF-16.

    ASCII characters put their NUL byte on odd positions in UTF-16 LE (even in BE); a few
    ideographs (一 is U+4E00) put one on the other parity, so the decoding decides.
    """
    if len(data) < 2 or len(data) % 2:
        return []
    sample = data[:_SAMPLE]
    odd_nuls = sample[1::2].count(0)
    even_nuls = sample[0::2].count(0)
    if odd_nuls + even_nuls == 0:
        return []
    if odd_nuls >= even_nuls:
        return ["utf-16-le", "utf-16-be"]
    return ["utf-16-be", "utf-16-le"]


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _where(source: str) -> str:
    return f"{source}: " if source else ""


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's best CJK-capable, plausible answer, if any."""
    from charset_normalizer import from_bytes

    try:
        matches = list(from_bytes(data[:2_000_000]))
    except (LookupError, UnicodeError, ValueError, TypeError):  # pragma: no cover - defensive
        return None
    for match in matches[:5]:
        name = codecs.lookup(match.encoding).name.replace("-", "_")
        if name not in _CJK_CAPABLE:
            continue
        text = _strict(data, match.encoding)
        if text is None:
            continue
        text = clean_text(text)
        strong = name not in ("big5", "big5hkscs", "cp950")
        if plausibility(text).is_chinese(strong=strong) and _HAN.search(text[:_SAMPLE]):
            return text, codecs.lookup(match.encoding).name
    return None


def decode_bytes(data: bytes, source: str = "") -> tuple[str, str]:
    """Decode the bytes of a text file: ``(text, encoding)``; ``InputError`` if impossible.

    ``encoding`` is a Python codec name that decodes ``data`` (e.g. ``utf-8``,
    ``utf-8-sig``, ``gbk``, ``gb18030``, ``utf-16``, ``utf-16-le``, ``big5``).  Stray
    control characters (Word's plain-text export leaves some) are removed; vertical tab
    and form feed become line breaks.
    """
    where = _where(source)
    if not data:
        raise InputError(f"{where}文件是空的", hint="请确认选择了正确的方案文件")
    kind = _binary_kind(data)
    if kind is not None:
        raise InputError(
            f"{where}这不是文本文件，看起来是{kind}",
            hint="请选择方案的 .docx、.txt 或 .md 文件；其他格式请先另存为 .docx 或 .txt",
        )

    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            text = _strict(data, codec)
            if text is None:
                label = name.upper()
                raise InputError(
                    f"{where}文件以 {label} 的字节顺序标记开头，但内容无法按 {label} 解码",
                    hint=SAVE_AS_UTF8,
                )
            text = clean_text(text)
            if not plausibility(text).is_text():
                raise _binary_error(where)
            return text, name

    for utf16 in _utf16_by_nuls(data):
        text = _strict(data, utf16)
        if text is not None:
            text = clean_text(text)
            measure = plausibility(text)
            if measure.is_text() and measure.is_chinese():
                return text, utf16
    sample = data[:_SAMPLE]
    controls = len(_CONTROL_BYTES.findall(sample))
    if b"\x00" in data or (controls > 3 and controls > 0.01 * len(sample)):
        # BOM-less UTF-16 of pure Chinese text has control bytes (民 is 11 6C) but no NUL
        guess = _utf16_strong(data)
        if guess is not None:
            return guess
        raise _binary_error(where)

    utf8 = _strict(data, "utf-8")
    if utf8 is not None:
        utf8 = clean_text(utf8)
        if plausibility(utf8).is_text():
            return utf8, "utf-8"

    for codec in ("gbk", "gb18030"):
        text = _strict(data, codec)
        if text is not None:
            text = clean_text(text)
            if plausibility(text).is_chinese():
                return text, codec
            break  # GB18030 decodes whatever GBK decodes, into the same characters
    if utf8 is not None:
        # valid UTF-8 of another script (Cyrillic, kana …): still UTF-8.  Only a short GBK
        # text can pass as UTF-8 (取 is C8 A1, also "ȡ"), and GBK was preferred above.
        return utf8, "utf-8"

    guess = _utf16_strong(data)  # BOM-less UTF-16 of pure Chinese text has no NUL bytes
    if guess is not None:
        return guess

    guess = _charset_normalizer_guess(data)
    if guess is not None:
        return guess

    raise InputError(_undecodable_message(data, where), hint=SAVE_AS_UTF8)


def _utf16_strong(data: bytes) -> tuple[str, str] | None:
    """BOM-less UTF-16 judged on strong evidence: mostly everyday ideographs."""
    if len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        text = _strict(data, codec)
        if text is not None:
            text = clean_text(text)
            if plausibility(text).is_chinese(strong=True):
                return text, codec
    return None


_STRAY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """Normalise line breaks and drop stray control characters."""
    text = normalize_newlines(text)
    text = text.replace("\v", "\n").replace("\f", "\n")
    return _STRAY_CONTROLS.sub("", text)


def _binary_error(where: str) -> InputError:
    return InputError(
        f"{where}这不是文本文件：内容含有二进制数据",
        hint="请选择方案的 .docx、.txt 或 .md 文件",
    )


def _undecodable_message(data: bytes, where: str) -> str:
    """Say where a mostly-UTF-8 file goes wrong; otherwise list what was tried."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data.decode("utf-8", errors="replace").count("\ufffd")
        if bad <= max(8, len(data) // 200):
            line = data[: exc.start].count(b"\n") + 1
            return (
                f"{where}无法识别文件编码：文件大部分是 UTF-8，但第{line}行有无法解码的字节"
                "（可能混入了其他编码的文字）"
            )
    return f"{where}无法识别文件编码（不是 UTF-8、GBK、GB18030、UTF-16 或 Big5 编码的中文文本）"


def read_text_file(path: str | Path, *, max_bytes: int | None = None) -> tuple[str, str]:
    """Read a text file of unknown encoding: ``(text, encoding)``, newlines normalised.

    Every failure — missing file, directory, too large, empty, binary, undecodable — is an
    ``InputError`` with a Chinese message.
    """
    path = Path(path)
    data = read_bytes(path, max_bytes=max_bytes)
    return decode_bytes(data, str(path))


def human_size(n: int) -> str:
    """``532 字节`` / ``12.5 KB`` / ``20 MB`` (decimal units, as file managers show them)."""
    if n < 1000:
        return f"{n} 字节"
    value, unit = (n / 1000, "KB") if n < 1_000_000 else (n / 1_000_000, "MB")
    text = f"{value:.1f}".removesuffix(".0")
    return f"{text} {unit}"


def check_file(path: Path, *, max_bytes: int | None = None) -> int:
    """The size of a readable regular file; ``InputError`` otherwise."""
    try:
        if not path.exists():
            raise InputError(f"找不到文件：{path}", hint="请检查路径和文件名是否正确")
        if path.is_dir():
            raise InputError(
                f"{path} 是一个目录，不是文件",
                hint="请指定方案文件本身；检查多个方案时请逐个列出文件",
            )
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"{path}: 无法读取文件：{exc.strerror or exc}") from exc
    if max_bytes is not None and size > max_bytes:
        raise InputError(
            f"{path}: 文件过大（{human_size(size)}），超过上限 {human_size(max_bytes)}",
            hint="方案文件通常不超过几 MB；请删去图片等附件或只保留方案正文后重试",
        )
    return size


def read_bytes(path: Path, *, max_bytes: int | None = None) -> bytes:
    """The bytes of a file, after ``check_file``."""
    check_file(path, max_bytes=max_bytes)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: 无法读取文件：{exc.strerror or exc}") from exc
