"""The trained model: shared features, one classifier per label, and explanations."""
import unicodedata
from dataclasses import dataclass, field

import numpy as np

from classifier.pipeline import WORD_BLOCKS, linear_model_of, vectorizers
from classifier.text import folded_tokens

TOP_REASONS = 3


@dataclass
class Prediction:
    labels: dict[str, str]
    confidences: dict[str, float]
    reasons: dict[str, list[str]] = field(default_factory=dict)


class Model:
    """What registry.load_model returns: predict(texts) -> [Prediction]."""

    def __init__(self, features, classifiers: dict, metadata: dict | None = None):
        self.features = features
        self.classifiers = classifiers
        self.metadata = metadata or {}
        self._word_terms = None

    @property
    def version(self) -> str:
        return self.metadata.get("version", "unsaved")

    @property
    def label_names(self) -> list[str]:
        return list(self.classifiers)

    def predict(self, texts: list[str], explain: bool = True) -> list[Prediction]:
        matrix = self.features.transform(texts)
        results = [Prediction({}, {}, {}) for _ in texts]
        for name, classifier in self.classifiers.items():
            probabilities = classifier.predict_proba(matrix)
            best = probabilities.argmax(axis=1)
            for row, prediction in enumerate(results):
                prediction.labels[name] = str(classifier.classes_[best[row]])
                prediction.confidences[name] = round(float(probabilities[row, best[row]]), 4)
                if explain:
                    prediction.reasons[name] = self._reasons(matrix[row], texts[row], classifier, best[row])
        return results

    # ---- explanations --------------------------------------------------------------

    def _terms(self) -> dict[int, list[str]]:
        """Feature index -> folded syllables, for the blocks whose features are words."""
        if self._word_terms is None:
            terms, offset = {}, 0
            for name, vectorizer in vectorizers(self.features):
                vocabulary = vectorizer.vocabulary_
                if name in WORD_BLOCKS:
                    for term, index in vocabulary.items():
                        terms[offset + index] = term.replace("_", " ").split()
                offset += len(vocabulary)
            self._word_terms = terms
        return self._word_terms

    def _reasons(self, row, text: str, classifier, class_index: int) -> list[str]:
        """The few words of the text whose weights pushed this decision most."""
        linear = linear_model_of(classifier)
        coef = linear.coef_
        weights = coef[class_index] if coef.shape[0] > 1 else (coef[0] if class_index == 1 else -coef[0])
        row = row.tocsr()
        contributions = row.data * np.asarray(weights)[row.indices]
        terms = self._terms()
        tokens = folded_tokens(text)
        folded = [token for token, _, _ in tokens]
        by_span: dict[tuple[int, int], float] = {}
        for index, value in zip(row.indices, contributions, strict=True):
            if value <= 0 or index not in terms:
                continue
            span = _find_span(folded, tokens, terms[index])
            if span:
                by_span[span] = by_span.get(span, 0.0) + float(value)
        chosen: list[tuple[int, int]] = []
        for span, _ in sorted(by_span.items(), key=lambda item: -item[1]):
            if any(span[0] < end and start < span[1] for start, end in chosen):
                continue
            chosen.append(span)
            if len(chosen) == TOP_REASONS:
                break
        typed = unicodedata.normalize("NFC", text)  # the spans index this form
        return [typed[start:end] for start, end in chosen]


def _find_span(folded: list[str], tokens, term: list[str]) -> tuple[int, int] | None:
    size = len(term)
    for i in range(len(folded) - size + 1):
        if folded[i:i + size] == term:
            return tokens[i][1], tokens[i + size - 1][2]
    return None
