"""How alike two reports are, for grouping them into matters (vụ việc). Plain functions, no database.

A report becomes the set of its content words: folded (lower case, no diacritics, so "sạt lở"
and "sat lo" are one word pair), short forms expanded ("ko" -> "khong"), and without the
function words and report boilerplate every report shares ("qua nắm bắt tại thôn", "đề
nghị", "bà con phản ánh"). Two reports' similarity is the Jaccard index of those sets.
bench/matter_pairs.py compared this with word bigrams and character n-grams on the labelled
pairs in data/matters/ and chose it (BENCHMARKS.md has the numbers).

Searching: prefix filtering. Words are put in one global order, rare words first (by how
many texts of the training corpus use them, COMMON_WORDS). If two word sets have Jaccard at
least t, the rarest word they share is among the first n - ceil(t * n) + 1 words of each (n
its size): so the index keeps only that prefix of each report, and a search looks up only
the prefix of the new report. The most common words, which make up most of the rows, are
left out of both without losing any pair above t.
"""
import math
import zlib

from classifier.text import folded_tokens
from opinion.services.common_words import COMMON_WORDS

# Folded function words and the boilerplate of reports: present in most reports of a commune,
# they say nothing about which matter a report is about.
STOPWORDS = frozenset(["va", "la", "cua", "co", "cho", "cac", "nhung", "mot", "duoc", "khong", "da", "dang", "se", "thi", "ma", "con", "nay", "do", "o", "tai", "tu", "den", "voi", "trong", "tren", "ve", "nhu", "de", "vi", "nen", "rat", "lam", "roi", "qua", "bi", "nhieu", "moi", "nguoi", "dan", "ba", "phan", "anh", "nghi", "xa", "thon", "ban", "nam", "bat", "ho", "gi", "ai", "ay", "kia", "vay", "nhe", "oi", "ca", "cung", "chua", "hien", "viec", "ra", "vao", "lai", "khi", "sau", "truoc", "nua", "thay", "noi", "hoi", "giup", "di", "minh", "ta"])


def features(text: str) -> frozenset[str]:
    """The content words of a text, folded."""
    return frozenset(word for word, _start, _end in folded_tokens(text or "") if word not in STOPWORDS)


def jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


def token_key(word: str) -> int:
    """A stable signed 32-bit key for a word (Python's hash() changes between processes)."""
    value = zlib.crc32(word.encode("utf-8"))
    return value - (1 << 32) if value >= (1 << 31) else value


def encode(words: frozenset[str]) -> str:
    """The feature set as stored with a report: space-separated, sorted."""
    return " ".join(sorted(words))


def decode(stored: str | None) -> frozenset[str]:
    return frozenset((stored or "").split())


_COMMONNESS = {word: rank for rank, word in enumerate(COMMON_WORDS, start=1)}


def ordered(words) -> list[str]:
    """The global order: words unknown to the corpus first, then from least to most common."""
    return sorted(words, key=lambda word: (_COMMONNESS.get(word, 0), word))


def prefix(words, threshold: float) -> list[str]:
    """The words a set with Jaccard >= threshold must share its rarest shared word among."""
    words = ordered(words)
    if not words:
        return []
    return words[:len(words) - math.ceil(threshold * len(words)) + 1]
