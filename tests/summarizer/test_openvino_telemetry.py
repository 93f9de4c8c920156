"""OpenVINO sends no telemetry (#23): importing it with no consent file in the home folder would
start Google Analytics events from its converter and from nncf; the OpenVINO backend opts out
without asking the user and without writing to their home."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.backends.openvino_backend import OpenVINOBackend

ROOT = Path(__file__).resolve().parents[2]
# Importing openvino imports its converter, which sends an "import" event at once; nncf (int8)
# and optimum-intel take the same ImportError fallback but cost seconds more to import.
PROBE = """
import sys
import summarizer.backends.openvino_backend  # what the app imports before optimum-intel
import openvino
import openvino.tools.ovc.telemetry_utils as ovc_telemetry
print(ovc_telemetry.tm.__name__,
      "openvino_telemetry" in sys.modules and sys.modules["openvino_telemetry"] is not None)
"""


@pytest.mark.skipif(
    OpenVINOBackend.unavailable_reason() is not None, reason="the openvino extra is not installed"
)
def test_openvino_is_loaded_with_its_telemetry_stubbed_and_the_home_untouched(tmp_path) -> None:
    home = tmp_path / "home"  # no consent file: the case where OpenVINO would send events
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "CI": "", "TF_BUILD": "", "JENKINS_URL": ""}
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    ovc, loaded = out.stdout.split()
    assert ovc == "openvino.tools.ovc.telemetry_stub"
    assert loaded == "False"
    assert list(home.iterdir()) == []
