"""Model folders: metadata.json (read first) + model.joblib. Folders are immutable once written."""
import hashlib
import json
import platform
from datetime import UTC, datetime
from importlib.metadata import version as package_version
from pathlib import Path

import joblib

from classifier.model import Model

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "model"
FORMAT_VERSION = 1
MODEL_FILE = "model.joblib"
METADATA_FILE = "metadata.json"
# A folder of model folders names the current one in this file.
CURRENT_FILE = "CURRENT"


class ModelNotFound(FileNotFoundError):
    pass


class ModelIncompatible(RuntimeError):
    pass


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def environment_versions() -> dict:
    return {"python": platform.python_version(), "scikit-learn": package_version("scikit-learn"),
            "underthesea": package_version("underthesea"), "numpy": package_version("numpy")}


def save_model(model: Model, folder: Path, metadata: dict) -> Path:
    """Write a new model folder. Refuses to overwrite: a saved model never changes."""
    folder = Path(folder)
    if (folder / METADATA_FILE).exists():
        raise FileExistsError(f"{folder} already holds a model; model folders are immutable")
    folder.mkdir(parents=True, exist_ok=True)
    model_path = folder / MODEL_FILE
    joblib.dump({"features": model.features, "classifiers": model.classifiers}, model_path, compress=3)
    model_hash = _sha256(model_path)
    created = datetime.now(UTC)
    full = {
        "format_version": FORMAT_VERSION,
        "version": f"{created:%Y%m%d-%H%M%S}-{model_hash[:8]}",
        "created_at": created.isoformat(timespec="seconds"),
        "model_file": MODEL_FILE,
        "model_sha256": model_hash,
        "labels": {name: [str(c) for c in clf.classes_] for name, clf in model.classifiers.items()},
        "versions": environment_versions(),
        **metadata,
    }
    (folder / METADATA_FILE).write_text(json.dumps(full, ensure_ascii=False, indent=2), encoding="utf-8")
    model.metadata = full
    return folder


def resolve(path: Path) -> Path:
    """A model folder, or a folder of models whose CURRENT file names one."""
    if (path / CURRENT_FILE).exists():
        return path / (path / CURRENT_FILE).read_text().strip()
    return path


def read_metadata(path: Path) -> dict:
    meta_path = resolve(Path(path)) / METADATA_FILE
    if not meta_path.exists():
        raise ModelNotFound(f"no model at {meta_path.parent}")
    return json.loads(meta_path.read_text(encoding="utf-8"))


def load_model(model_dir=None) -> Model:
    """Load a model we built: metadata first, then versions and file hash, then the file."""
    folder = resolve(Path(model_dir) if model_dir else DEFAULT_MODEL_DIR)
    metadata = read_metadata(folder)
    if metadata.get("format_version") != FORMAT_VERSION:
        raise ModelIncompatible(f"model format {metadata.get('format_version')} is not {FORMAT_VERSION}")
    trained_with = metadata.get("versions", {}).get("scikit-learn")
    if trained_with != package_version("scikit-learn"):
        raise ModelIncompatible(
            f"model trained with scikit-learn {trained_with}, this is {package_version('scikit-learn')}: "
            "retrain it (make model)")
    model_path = folder / metadata["model_file"]
    if _sha256(model_path) != metadata["model_sha256"]:
        raise ModelIncompatible(f"{model_path} does not match the hash in its metadata")
    payload = joblib.load(model_path)
    return Model(payload["features"], payload["classifiers"], metadata)
