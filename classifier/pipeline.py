"""Build the feature pipeline and the per-label classifiers from parameters."""
import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from classifier.features import FoldedSyllables, SegmentedWords

# Chosen by 4-fold cross-validation on data/train.jsonl (never on the held-out split): a
# linear SVM on word unigrams plus folded syllable and character n-grams scored 0.83-0.85
# topic macro-F1 against 0.81-0.84 for logistic regression or word bigrams (BENCHMARKS.md).
DEFAULT_PARAMS = {
    "word_ngrams": [1, 1],
    "syllable_ngrams": [1, 3],
    "char_ngrams": [2, 5],
    "min_df": 2,
    "max_features": 200_000,
    "linear": "svm",
    "C": 0.5,
    "class_weight": "balanced",
    "calibration": "sigmoid",
    "calibration_folds": 3,
}

# Feature blocks whose terms are words of the text (used for explanations).
WORD_BLOCKS = ("words", "syllables")


def build_features(params: dict) -> FeatureUnion:
    def tfidf(**kwargs):
        return TfidfVectorizer(sublinear_tf=True, lowercase=False, dtype=np.float32,
                               max_features=params["max_features"], **kwargs)

    return FeatureUnion([
        ("words", Pipeline([
            ("segment", SegmentedWords()),
            ("tfidf", tfidf(token_pattern=r"\S+", ngram_range=tuple(params["word_ngrams"]), min_df=1)),
        ])),
        # Folded once, then read both as syllable n-grams and as character n-grams.
        ("folded", Pipeline([
            ("fold", FoldedSyllables()),
            ("grams", FeatureUnion([
                ("syllables", tfidf(token_pattern=r"\S+", ngram_range=tuple(params["syllable_ngrams"]),
                                    min_df=1)),
                ("chars", tfidf(analyzer="char_wb", ngram_range=tuple(params["char_ngrams"]),
                                min_df=params["min_df"])),
            ])),
        ])),
    ])


def vectorizers(features: FeatureUnion):
    """(name, fitted TF-IDF vectorizer) in the order of the feature columns."""
    for name, block in features.transformer_list:
        last = block.steps[-1][1]
        if isinstance(last, FeatureUnion):
            yield from last.transformer_list
        else:
            yield name, last


def build_classifier(params: dict, n_samples: int):
    """A linear model; wrapped in calibration when there is enough data for its folds."""
    if params.get("linear", "logreg") == "svm":
        linear = LinearSVC(C=params["C"], class_weight=params["class_weight"])
    else:
        linear = LogisticRegression(C=params["C"], class_weight=params["class_weight"], max_iter=3000)
    folds = params["calibration_folds"]
    if params.get("calibration") and n_samples >= 10 * folds:
        # ensemble=False: one linear model fitted on all data (its weights explain the
        # decision) with a calibrator fitted on out-of-fold predictions.
        return CalibratedClassifierCV(linear, method=params["calibration"], cv=folds, ensemble=False)
    return linear


def linear_model_of(classifier):
    """The fitted linear model inside a (possibly calibrated) classifier."""
    if isinstance(classifier, CalibratedClassifierCV):
        return classifier.calibrated_classifiers_[0].estimator
    return classifier
