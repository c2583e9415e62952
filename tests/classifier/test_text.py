"""Vietnamese as people type it: tone placement, diacritics, short forms."""
from classifier.text import fold, folded_tokens, normalise, segment


def test_old_and_new_tone_placement_are_one_spelling():
    assert normalise("Hoà Bình thuỷ lợi") == normalise("Hòa Bình thủy lợi") == "Hòa Bình thủy lợi"
    assert normalise("quý khoẻ") == "quý khỏe"  # "qu" is a consonant: quý keeps its mark


def test_decomposed_unicode_is_composed():
    decomposed = "Bo\u0302\u0300i thu\u031bo\u031b\u0300ng"
    assert normalise(decomposed) == "Bồi thường"


def test_fold_removes_diacritics_and_case():
    assert fold("Bồi THƯỜNG Đất đai") == "boi thuong dat dai"


def test_short_forms_expand_and_point_back_to_what_was_typed():
    text = "mn ơi ko đc đền bù 5tr"
    tokens = folded_tokens(text)
    words = [t for t, _, _ in tokens]
    assert words[:2] == ["moi", "nguoi"] and "khong" in words and "duoc" in words
    assert "5" in words and "trieu" in words
    for _, start, end in tokens:
        assert text[start:end] in text.split() or text[start:end] in ("5", "tr")


def test_segmentation_joins_compound_words():
    assert "bồi_thường" in segment("giá bồi thường đất")
