"""Vietnamese text as people really type it: normalisation, diacritics folding, segmentation."""
import re
import unicodedata
from functools import lru_cache

# Old-style tone placement ("hoà", "thuỷ") and new-style ("hòa", "thủy") are the same word.
# Only open syllables ending in oa, oe, uy differ between the two; we use the new style.
_TONE_SHIFTS = [
    (re.compile(r"(?<![qQ])([oO])([àáảãạ])(?!\w)"), "àáảãạ", "òóỏõọ", "ÒÓỎÕỌ", "a"),
    (re.compile(r"(?<![qQ])([oO])([ÀÁẢÃẠ])(?!\w)"), "ÀÁẢÃẠ", "òóỏõọ", "ÒÓỎÕỌ", "A"),
    (re.compile(r"(?<![qQ])([oO])([èéẻẽẹ])(?!\w)"), "èéẻẽẹ", "òóỏõọ", "ÒÓỎÕỌ", "e"),
    (re.compile(r"(?<![qQ])([oO])([ÈÉẺẼẸ])(?!\w)"), "ÈÉẺẼẸ", "òóỏõọ", "ÒÓỎÕỌ", "E"),
    (re.compile(r"(?<![qQ])([uU])([ỳýỷỹỵ])(?!\w)"), "ỳýỷỹỵ", "ùúủũụ", "ÙÚỦŨỤ", "y"),
    (re.compile(r"(?<![qQ])([uU])([ỲÝỶỸỴ])(?!\w)"), "ỲÝỶỸỴ", "ùúủũụ", "ÙÚỦŨỤ", "Y"),
]

_WHITESPACE = re.compile(r"\s+")


def _shift_tone(pattern, toned, lower_targets, upper_targets, bare):
    def replace(match):
        first, second = match.group(1), match.group(2)
        tone = toned.index(second)
        targets = upper_targets if first.isupper() else lower_targets
        return targets[tone] + bare
    return lambda text: pattern.sub(replace, text)


_SHIFTERS = [_shift_tone(*spec) for spec in _TONE_SHIFTS]


def unify_tones(text: str) -> str:
    """NFC and one tone-placement style; the length and layout of an NFC text do not change."""
    text = unicodedata.normalize("NFC", text)
    for shift in _SHIFTERS:
        text = shift(text)
    return text


def normalise(text: str) -> str:
    """NFC, one tone-placement style, single spaces. Keeps case and diacritics."""
    return _WHITESPACE.sub(" ", unify_tones(text)).strip()


def fold(text: str) -> str:
    """Lower case without diacritics: 'Bồi thường' -> 'boi thuong'. Used for search and features."""
    text = normalise(text).lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _word_tokenize():
    # Imported lazily: underthesea takes a moment to import and the web app may never need it.
    from underthesea import word_tokenize
    return word_tokenize


def segment(text: str) -> str:
    """Word segmentation with underthesea (offline): 'bồi thường' -> 'bồi_thường'."""
    return _word_tokenize()(text, format="text")


# Short forms people type on phones, folded (no diacritics), mapped to their folded words.
ABBREVIATIONS = {
    "ko": "khong", "k": "khong", "kg": "khong", "kh": "khong", "hok": "khong", "hong": "khong",
    "khg": "khong", "hem": "khong", "dc": "duoc", "dk": "duoc", "đc": "duoc", "mn": "moi nguoi",
    "mng": "moi nguoi", "mk": "minh", "j": "gi", "vs": "voi", "ntn": "nhu the nao", "r": "roi",
    "z": "vay", "v": "vay", "cx": "cung", "cg": "cung", "ng": "nguoi", "ngta": "nguoi ta",
    "nc": "nuoc", "bh": "bao gio", "bjo": "bao gio", "h": "gio", "tr": "trieu", "t": "toi",
    "sdt": "so dien thoai", "đt": "dien thoai", "dt": "dien thoai", "tp": "thanh pho",
    "ubnd": "uy ban nhan dan", "hđnd": "hoi dong nhan dan", "hdnd": "hoi dong nhan dan",
    "ct": "chu tich", "cb": "can bo", "cq": "co quan", "bhyt": "bao hiem y te",
    "bhxh": "bao hiem xa hoi", "gpmb": "giai phong mat bang", "qsdd": "quyen su dung dat",
    "vk": "vo", "ck": "chong", "ae": "anh em", "bn": "bao nhieu", "lm": "lam", "ns": "noi",
    "trc": "truoc", "ms": "moi", "thik": "thich", "wa": "qua", "ik": "di", "lun": "luon",
}

# Digits and letters apart: "5tr" is "5" + "tr" (triệu).
_TOKEN = re.compile(r"\d+|[^\W\d_]+", re.UNICODE)


def folded_tokens(text: str) -> list[tuple[str, int, int]]:
    """Folded syllables with their span in the NFC form of the text.

    Short forms are expanded ("ko" -> "khong"), each expansion keeping the original span,
    so an explanation can always point back at words the person actually typed.
    """
    text = unify_tones(text)
    tokens = []
    for match in _TOKEN.finditer(text):
        folded = fold(match.group(0))
        for word in ABBREVIATIONS.get(folded, folded).split():
            tokens.append((word, match.start(), match.end()))
    return tokens
