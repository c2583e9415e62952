"""python -m classifier train | predict | evaluate (contract.md)."""
import argparse
import json
import sys
from pathlib import Path

from classifier.evaluate import evaluate_model, format_report
from classifier.registry import load_model, save_model
from classifier.train import data_hash, read_jsonl, train_model


def _train(args) -> int:
    records = read_jsonl(args.train)
    model = train_model(records, args.label)
    metadata = {"training_data_sha256": data_hash(records, args.label), "n_train": len(records),
                "training_file": Path(args.train).name, "params": model.metadata["params"]}
    if args.heldout:
        heldout = read_jsonl(args.heldout)
        metadata["metrics"] = {"heldout": evaluate_model(model, heldout)}
        metadata["n_heldout"] = len(heldout)
    folder = save_model(model, Path(args.out), metadata)
    print(f"model {model.version} written to {folder}")
    if args.heldout:
        print(format_report(metadata["metrics"]["heldout"]))
    return 0


def _predict(args) -> int:
    model = load_model(args.model)
    records = read_jsonl(args.input)
    predictions = model.predict([r["text"] for r in records])
    with open(args.output, "w", encoding="utf-8") as out:
        for record, prediction in zip(records, predictions, strict=True):
            row = dict(record)
            for label in model.label_names:
                row[label] = prediction.labels[label]
                row[f"{label}_confidence"] = prediction.confidences[label]
                row[f"{label}_reasons"] = prediction.reasons[label]
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(records)} records tagged with model {model.version}")
    return 0


def _evaluate(args) -> int:
    model = load_model(args.model)
    results = evaluate_model(model, read_jsonl(args.input))
    if not results:
        print("no record carries a label this model knows", file=sys.stderr)
        return 1
    print(json.dumps(results, ensure_ascii=False, indent=2) if args.json else format_report(results))
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m classifier")
    commands = parser.add_subparsers(dest="command", required=True)
    train = commands.add_parser("train", help="train one model per label field")
    train.add_argument("--train", required=True, help="JSON Lines with \"text\" and the label fields")
    train.add_argument("--label", required=True, action="append", help="a label field (repeatable)")
    train.add_argument("--out", required=True, help="a new model folder")
    train.add_argument("--heldout", help="JSON Lines to score the model on (metrics saved)")
    train.set_defaults(run=_train)
    predict = commands.add_parser("predict", help="tag every record of a JSON Lines file")
    predict.add_argument("--model", help="model folder (default: the shipped model)")
    predict.add_argument("--in", dest="input", required=True)
    predict.add_argument("--out", dest="output", required=True)
    predict.set_defaults(run=_predict)
    evaluate = commands.add_parser("evaluate", help="per-class and overall scores")
    evaluate.add_argument("--model", help="model folder (default: the shipped model)")
    evaluate.add_argument("--in", dest="input", required=True)
    evaluate.add_argument("--json", action="store_true", help="print JSON instead of tables")
    evaluate.set_defaults(run=_evaluate)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (ValueError, FileNotFoundError, FileExistsError, RuntimeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
