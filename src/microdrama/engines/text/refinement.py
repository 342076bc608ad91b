"""What a stage needs to refine its offline result with the text model: the engine, the refinement report.

The refiners themselves live in the stages they refine (``analyze/model_attribution.py``,
``adapt/refine.py``, ``write/refine.py``, ``subtitle/translate.py``). Stages call these only when
``engines.text`` is not ``offline``; the report file (``story/refine.json``, ``series/refine.json``,
``script/refine.json``) records per unit whether the model's output was used or the offline result kept.
"""

from __future__ import annotations

from microdrama.engines.text.chat import ChatEngine
from microdrama.engines.text.ledger import session
from microdrama.engines.text.prompts import STAGE_PROMPTS, load_prompt
from microdrama.engines.text.registry import open_text_engine
from microdrama.model.base import Provenance
from microdrama.model.usage import RefineReport, UnitOutcome
from microdrama.project import StageContext, paths

REPORTS = paths.refine_reports


def model_engine(ctx: StageContext) -> ChatEngine | None:
    """The text engine of the project, or None when it is ``offline``."""
    url = ctx.settings.engines.text
    if url == "offline":
        return None
    ledger = session(ctx.project, max_cost=ctx.settings.model.max_cost)
    engine = open_text_engine(
        url,
        project=ledger.cache_project or ctx.project,
        settings=ctx.settings.model,
        ledger=ledger,
        dry_run=ledger.dry_run,
        read_only_cache=ledger.dry_run,
    )
    assert isinstance(engine, ChatEngine)
    return engine


def report(stage: str, engine: ChatEngine, outcomes: list[UnitOutcome], parents: dict[str, str]) -> tuple[str, bytes]:
    """(path, bytes) of the stage's refinement report."""
    doc = RefineReport(
        stage=stage,
        engine=engine.id,
        model=engine.model,
        prompts={name: load_prompt(name).sha256 for name in STAGE_PROMPTS[stage]},
        units=outcomes,
        provenance=Provenance(stage=stage, engine=engine.id, model=engine.model, parents=parents),
    )
    return REPORTS[stage], doc.to_bytes()


def stamped(provenance: Provenance, engine: ChatEngine, prompt: str) -> Provenance:
    """``provenance`` marked as made by ``engine`` with the prompt ``prompt``."""
    return provenance.model_copy(
        update={"engine": engine.id, "model": engine.model, "prompt_sha256": load_prompt(prompt).sha256}
    )
