"""docs/simulator.md's "In your own CI" recipe is the script that `make simulator-recipe` runs.

The guide shows docs/simulator-ci/test-with-atlas-simulator.sh verbatim between markers, and its
minimal seed is docs/simulator-ci/seed.yml: a change to one without the other fails here, so what users
copy is what the project tests.
"""

import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
GUIDE = REPO / "docs" / "simulator.md"
RECIPE = REPO / "docs" / "simulator-ci"


def test_the_guide_shows_the_tested_script_verbatim():
    guide = GUIDE.read_text()
    block = re.search(
        r"<!-- BEGIN docs/simulator-ci/test-with-atlas-simulator.sh -->\n```bash\n(.*?)```\n"
        r"<!-- END docs/simulator-ci/test-with-atlas-simulator.sh -->",
        guide,
        re.S,
    )
    assert block, "the markers around the script are missing in docs/simulator.md"
    assert block.group(1) == (RECIPE / "test-with-atlas-simulator.sh").read_text()


def test_the_guide_shows_the_tested_seed():
    guide = GUIDE.read_text()
    section = guide[guide.index("## In your own CI") :]
    shown = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    shown = "\n".join(line[2:] for line in shown.splitlines())  # indented under a list item
    assert yaml.safe_load(shown) == yaml.safe_load((RECIPE / "seed.yml").read_text())
