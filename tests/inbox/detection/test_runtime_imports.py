"""The web and the worker never import the offline code: training, evaluation, retraining."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from inbox.detection import artifact

# What the web and the worker load: the app (and its checks), the API, the tasks, the analysis.
RUNTIME = """
import json, sys
import django
django.setup()
import inbox.api, inbox.apps, inbox.pipeline.tasks, inbox.views
import inbox.detection.analyzer, inbox.detection.scoring, inbox.detection.versions
from inbox.detection import artifact
artifact.load_scorer()
print(json.dumps(sorted(sys.modules)))
"""
# What unpickling the shipped artifact needs, and nothing else.
UNPICKLE = """
import json, sys
import joblib
joblib.load(sys.argv[1])
print(json.dumps(sorted(sys.modules)))
"""


def _modules_after(code: str, *args: str) -> set[str]:
    result = subprocess.run(  # noqa: S603 - the interpreter running the tests, our own code
        [sys.executable, "-c", code, *args],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def test_runtime_imports_no_offline_code_and_only_what_the_artifact_needs():
    runtime = _modules_after(RUNTIME)
    unpickle = _modules_after(UNPICKLE, str(Path(artifact.MODEL_PATH)))

    assert "inbox.detection.analyzer" in runtime
    assert not {name for name in runtime if name.startswith("inbox.detection.offline")}
    sklearn_runtime = {name for name in runtime if name.split(".")[0] == "sklearn"}
    assert sklearn_runtime
    assert sklearn_runtime <= unpickle, sorted(sklearn_runtime - unpickle)
