"""Done-when of the foundation: `produce` on every corpus novel completes, every Fountain file parses
(screenplain) with dialogue recognised as dialogue, and every JSON artifact validates against the
JSON Schema committed under docs/schemas."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest
from screenplain.parsers import fountain as screenplain_fountain
from screenplain.types import Dialog, Slug

from microdrama.cli.produce import produce

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"

NOVELS = sorted(p.name for p in CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
SCHEMAS = {
    p.name.removesuffix(".schema.json"): json.loads(p.read_text(encoding="utf-8"))
    for p in (REPO / "docs" / "schemas").glob("*.schema.json")
}


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("corpus")


@pytest.mark.slow
@pytest.mark.parametrize("novel", NOVELS or ["(no corpus)"])
def test_produce_every_corpus_novel(novel: str, projects: Path) -> None:
    if not NOVELS:
        pytest.skip("../shared/corpus is not beside the checkout (CI always has it)")
    project = projects / Path(novel).stem
    produce(CORPUS / novel, project, {})

    fountains = sorted((project / "script").glob("ep[0-9][0-9][0-9].fountain"))
    assert fountains, "no episode scripts"
    dialogue_lines = 0
    for path in [*fountains, project / "script/series.fountain"]:
        screenplay = screenplain_fountain.parse(io.StringIO(path.read_text(encoding="utf-8")))
        paragraphs = screenplay.paragraphs if hasattr(screenplay, "paragraphs") else list(screenplay)
        assert any(isinstance(p, Slug) for p in paragraphs), f"{path.name}: no scene heading recognised"
        dialogue_lines += sum(isinstance(p, Dialog) for p in paragraphs)
    assert dialogue_lines > 0, "no dialogue recognised as dialogue in any episode"

    for path in sorted(project.rglob("*.json")):
        if ".microdrama" in path.relative_to(project).parts:
            continue
        doc = json.loads(path.read_text(encoding="utf-8"))
        name = doc["schema"].rpartition(".")[0]
        jsonschema.validate(doc, SCHEMAS[name])
    for name in ("series.pdf", "series.fdx", "series.html"):
        assert (project / "script" / name).stat().st_size > 0
