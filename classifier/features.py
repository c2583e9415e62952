"""scikit-learn transformers for Vietnamese text. Stable import paths: saved models refer to them."""
from sklearn.base import BaseEstimator, TransformerMixin

from classifier.text import fold, folded_tokens, normalise, segment


class FoldedSyllables(BaseEstimator, TransformerMixin):
    """Text -> folded syllables with short forms expanded: the same with or without diacritics."""

    def fit(self, texts, y=None):
        return self

    def transform(self, texts):
        return [" ".join(token for token, _, _ in folded_tokens(text)) for text in texts]


class SegmentedWords(BaseEstimator, TransformerMixin):
    """Text -> underthesea words ("bồi_thường"), folded: compound words as single features."""

    def fit(self, texts, y=None):
        return self

    def transform(self, texts):
        return [fold(segment(normalise(text))) for text in texts]
