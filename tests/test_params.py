"""Templates are functions: parameters are typed and checked against the parameters cell."""

from __future__ import annotations

import json

import papermill
import pytest

from kit.clients import load_client
from kit.params import ParameterError, build_parameters
from kit.pipeline import check_against_notebook
from tests.conftest import REPO


def test_parameters_match_the_template_signature(root):
    client = load_client("lin-hardware", root)
    params = build_parameters("goals", client)
    assert set(params) == set(papermill.inspect_notebook(str(REPO / "templates/goals.ipynb")))
    assert params["period"] == "2026-11-01"
    assert params["goals"]["goals"][1]["baseline"] == 4200
    json.dumps(params)  # JSON-ready for papermill


def test_unknown_and_missing_keys_are_named(root):
    client = load_client("lin-hardware", root)
    params = build_parameters("goals", client)
    params["budget"] = {}
    del params["goals"]
    problems = check_against_notebook(root / "templates/goals.ipynb", params, "lin-hardware")
    assert problems == [
        "客戶 lin-hardware、範本 goals：參數「budget」不在範本的 parameters 儲存格中",
        "客戶 lin-hardware、範本 goals：範本需要參數「goals」，但 kit 沒有提供",
    ]


def test_mistyped_value_is_one_message(root):
    client = load_client("lin-hardware", root)
    with pytest.raises(ParameterError) as exc:
        build_parameters("goals", client, period="2026-13")
    assert exc.value.problems == [
        "客戶 lin-hardware、範本 goals：參數「period」應為年月，例如 2026-11，收到「2026-13」"]
