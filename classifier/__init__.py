"""Vietnamese report classifier: a plain library, no Flask, no database.

load_model(folder=None) -> Model; Model.predict(texts) -> [Prediction(labels, confidences, reasons)].
"""
from classifier.model import Model, Prediction
from classifier.registry import ModelIncompatible, ModelNotFound, load_model

__all__ = ["Model", "ModelIncompatible", "ModelNotFound", "Prediction", "load_model"]
