"""The runner: computes each stage's key, skips what is up to date, runs the rest, writes atomically.

A stage's key is the sha256 of its version, the settings it reads, the engines it uses and the hashes
of its input files. The key and the hashes of the outputs written are recorded in
``.microdrama/lock.json`` after every stage (and every unit of a fanned-out stage), so a run killed
at any moment resumes where it stopped. Outputs are also kept in a content-addressed store with a run
cache (key -> outputs), so going back to earlier settings restores outputs instead of recomputing.

Files a user edited by hand (an output whose hash no longer matches the lock) are kept: stages that
read them re-run; if the stage that wrote them must re-run, the edited copy is saved under
``.microdrama/edits/`` first and a warning names it.
"""

from __future__ import annotations

import fnmatch
import hashlib
import importlib
import json
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from microdrama.engines.text.fingerprint import engine_key
from microdrama.errors import ArtifactError, PipelineError
from microdrama.model.lock import Lock, StageRecord
from microdrama.pipeline.executors import Executor, SerialExecutor
from microdrama.pipeline.review import review_block
from microdrama.pipeline.stages import NOVEL, STAGES, Stage
from microdrama.pipeline.store import BlobStore, atomic_write, sha256_bytes, sha256_file
from microdrama.project import Outputs, StageContext
from microdrama.settings import SETTINGS_FILE, Settings
from microdrama.text import speech_rate

STATE_DIR = ".microdrama"
UNIT_DIGITS = 3


class Reporter(Protocol):
    """Receives progress events (the CLI draws progress bars from them; tests record them)."""

    def stage_started(self, name: str, total: int, reason: str) -> None:
        """A stage (or the units of a fanned-out stage) starts; ``total`` units of work."""

    def advance(self, name: str, done: int, total: int) -> None:
        """``done`` of ``total`` units of the running stage are finished."""

    def stage_finished(self, name: str, outcome: str, seconds: float) -> None:
        """``outcome`` is 'ran', 'restored' or 'skipped'."""

    def warn(self, message: str) -> None:
        """Something the user should know (hand edits backed up, stale files removed…)."""


class SilentReporter:
    """A reporter that ignores everything."""

    def stage_started(self, name: str, total: int, reason: str) -> None:
        """See :meth:`Reporter.stage_started`."""

    def advance(self, name: str, done: int, total: int) -> None:
        """See :meth:`Reporter.advance`."""

    def stage_finished(self, name: str, outcome: str, seconds: float) -> None:
        """See :meth:`Reporter.stage_finished`."""

    def warn(self, message: str) -> None:
        """See :meth:`Reporter.warn`."""


@dataclass
class StageOutcome:
    """What happened to one stage (or unit) in a run."""

    name: str
    outcome: str
    reason: str = ""
    seconds: float = 0.0


@dataclass
class RunSummary:
    """Everything a run did, in order."""

    outcomes: list[StageOutcome] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def ran(self) -> list[str]:
        """Names of the stages/units that did work (ran or restored from the run cache)."""
        return [o.name for o in self.outcomes if o.outcome in ("ran", "restored")]


def resolve(func: str | Callable[..., Outputs]) -> Callable[..., Outputs]:
    """The stage function: ``module:function`` is imported lazily (keeps ``--help`` fast)."""
    if callable(func):
        return func
    module, _, name = func.partition(":")
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


def call_stage(func: str | Callable[..., Outputs], ctx: StageContext) -> Outputs:
    """Run a stage function with every line timed as the project's speech engine says it
    (``engines.speech``: the speech-rate model's row, :func:`microdrama.text.speech_rate.using`)."""
    with speech_rate.using(ctx.settings.engines.speech):
        return resolve(func)(ctx)


def stage_key(
    stage: Stage, params: dict[str, Any], engines: dict[str, str], inputs: dict[str, str], unit: str | None
) -> str:
    """sha256 of the canonical JSON of everything the stage's output depends on."""
    doc = {
        "stage": stage.name,
        "version": stage.version,
        "unit": unit,
        "params": params,
        "engines": engines,
        "inputs": inputs,
    }
    return hashlib.sha256(json.dumps(doc, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _fill(pattern: str, unit: str | None) -> str:
    return pattern.replace("{unit}", unit) if unit is not None else pattern


def _unit_work(args: tuple[Stage, str, str, str, dict[str, str]]) -> Outputs:
    """Run one unit of a fanned-out stage (in a worker process)."""
    stage, project, settings_json, unit, inputs = args
    ctx = StageContext(
        project=Path(project), settings=Settings.model_validate_json(settings_json), inputs=inputs, unit=unit
    )
    return call_stage(stage.func, ctx)


class Runner:
    """Runs the pipeline over one project directory."""

    def __init__(
        self,
        project: Path,
        settings: Settings,
        *,
        stages: tuple[Stage, ...] = STAGES,
        executor: Executor | None = None,
        reporter: Reporter | None = None,
    ) -> None:
        self.project = project
        self.settings = settings
        self.stages = stages
        self.executor = executor or SerialExecutor()
        self.reporter: Reporter = reporter or SilentReporter()
        self.state = project / STATE_DIR
        self.tmp = self.state / "tmp"
        self.store = BlobStore(self.state / "store", self.tmp)
        self.lock = self._read_lock()
        self.summary = RunSummary()
        self._settings_saved = False

    # -- state files -------------------------------------------------------------------------

    def _read_lock(self) -> Lock:
        path = self.state / "lock.json"
        if not path.exists():
            return Lock(stages={})
        try:
            return Lock.load(path)
        except ArtifactError as exc:
            raise PipelineError(f"{exc}; delete it to rebuild the project from scratch") from exc

    def _write(self, relative: str, data: bytes) -> None:
        self._ensure_project()
        atomic_write(self.project / relative, data, tmp_dir=self.tmp)

    def _save_lock(self) -> None:
        self._write(f"{STATE_DIR}/lock.json", self.lock.to_bytes())

    def _ensure_project(self) -> None:
        """Create the project lazily, so a run that fails before any output leaves nothing behind."""
        if self._settings_saved:
            return
        self._settings_saved = True
        self.tmp.mkdir(parents=True, exist_ok=True)
        settings_path = self.project / SETTINGS_FILE
        data = self.settings.to_toml()
        if not settings_path.exists() or settings_path.read_bytes() != data:
            atomic_write(settings_path, data, tmp_dir=self.tmp)

    def _clean_tmp(self) -> None:
        if self.tmp.is_dir():
            shutil.rmtree(self.tmp, ignore_errors=True)

    # -- inputs and keys ---------------------------------------------------------------------

    def _match(self, pattern: str) -> list[str]:
        if pattern == NOVEL:
            return [NOVEL]
        if not any(ch in pattern for ch in "*?["):
            return [pattern] if (self.project / pattern).is_file() else []
        if any(ch in Path(pattern).parent.as_posix() for ch in "*?["):  # wildcards in folders too
            found = (p for p in self.project.glob(pattern) if p.is_file())
            return sorted(p.relative_to(self.project).as_posix() for p in found)
        base = self.project / Path(pattern).parent
        if not base.is_dir():
            return []
        prefix = Path(pattern).parent.as_posix()
        names = sorted(
            p.name for p in base.iterdir() if p.is_file() and fnmatch.fnmatchcase(p.name, Path(pattern).name)
        )
        return [f"{prefix}/{n}" if prefix != "." else n for n in names]

    def _hash_inputs(self, stage: Stage, unit: str | None) -> dict[str, str]:
        hashes: dict[str, str] = {}
        for pattern in stage.inputs:
            for rel in self._match(_fill(pattern, unit)):
                if rel == NOVEL:
                    novel = StageContext(self.project, self.settings).novel_path()
                    if not novel.is_file():
                        raise PipelineError(f"the novel file {novel} does not exist (settings: project.novel)")
                    hashes[NOVEL] = sha256_file(novel)
                else:
                    hashes[rel] = sha256_file(self.project / rel)
        return hashes

    def _params(self, stage: Stage) -> tuple[dict[str, Any], dict[str, str]]:
        params = {k: self.settings.get(k) for k in stage.settings}
        engines = {k: engine_key(k, str(self.settings.get(k)), self.settings, stage.name) for k in stage.engines}
        return params, engines

    def _units(self, stage: Stage) -> list[str]:
        assert stage.fan_out is not None
        glob = stage.fan_out.replace("{unit}", "[0-9]" * UNIT_DIGITS)
        regex = re.compile(re.escape(stage.fan_out).replace(re.escape("{unit}"), f"([0-9]{{{UNIT_DIGITS}}})") + "$")
        units = []
        for rel in self._match(glob):
            found = regex.search(rel)
            if found:
                units.append(found.group(1))
        return units

    # -- deciding ------------------------------------------------------------------------------

    def _why_stale(
        self,
        name: str,
        stage: Stage,
        record: StageRecord | None,
        key: str,
        params: dict[str, Any],
        engines: dict[str, str],
        inputs: dict[str, str],
    ) -> str | None:
        """None when up to date, else the reason, cheapest check first (as DVC logs it)."""
        if record is None:
            return "never ran"
        if record.key == key:
            missing = [p for p in record.outputs if not (self.project / p).is_file()]
            return f"output {missing[0]} is missing" if missing else None
        if record.version != stage.version:
            return f"stage version {record.version} -> {stage.version}"
        for k, v in params.items():
            if record.params.get(k) != v:
                return f"setting {k} changed ({record.params.get(k)!r} -> {v!r})"
        for k, v in engines.items():
            if record.engines.get(k) != v:
                return f"engine {k} changed"
        for path in sorted(set(inputs) | set(record.inputs)):
            if path not in record.inputs:
                return f"input {path} appeared"
            if path not in inputs:
                return f"input {path} disappeared"
            if inputs[path] != record.inputs[path]:
                return f"input {path} changed"
        return "key changed"

    # -- writing -------------------------------------------------------------------------------

    def _backup_if_edited(self, rel: str, record: StageRecord | None, data: bytes | None = None) -> None:
        path = self.project / rel
        if record is None or rel not in record.outputs or not path.is_file():
            return
        current = sha256_file(path)
        if current in (record.outputs[rel], record.pending.get(rel)):
            return
        if data is not None and sha256_bytes(data) == current:
            return  # the stage kept the hand edit itself (the writers' room does): nothing is lost
        backup = f"{STATE_DIR}/edits/{rel}.{current[:12]}"
        self._write(backup, path.read_bytes())
        self._warn(f"{rel} was edited by hand and is being regenerated; your version is kept at {backup}")

    def _commit(
        self,
        name: str,
        stage: Stage,
        key: str,
        params: dict[str, Any],
        engines: dict[str, str],
        inputs: dict[str, str],
        outputs: Outputs,
    ) -> None:
        record = self.lock.stages.get(name)
        unit = name.partition("/")[2] or None
        for rel in outputs:
            if not any(fnmatch.fnmatchcase(rel, _fill(p, unit)) for p in stage.outputs):
                raise PipelineError(f"stage {stage.name} returned {rel}, which it does not declare as an output")
        hashes = {rel: sha256_bytes(data) for rel, data in sorted(outputs.items())}
        # Say what is about to be written before writing it: after a crash, files matching
        # ``pending`` are ours, not hand edits.
        prior = record.outputs if record else {}
        self.lock.stages[name] = StageRecord(
            key=record.key if record else "",
            version=record.version if record else stage.version,
            params=record.params if record else {},
            engines=record.engines if record else {},
            inputs=record.inputs if record else {},
            outputs=prior,
            pending=hashes,
        )
        self._save_lock()
        for rel, data in sorted(outputs.items()):
            self._backup_if_edited(rel, record, data)
            self.store.put(data)
            self._write(rel, data)
        for rel in sorted(set(prior) - set(outputs)):
            self._backup_if_edited(rel, record)
            (self.project / rel).unlink(missing_ok=True)
        self._write(f"{STATE_DIR}/runs/{key}.json", json.dumps(hashes, sort_keys=True).encode())
        self.lock.stages[name] = StageRecord(
            key=key, version=stage.version, params=params, engines=engines, inputs=inputs, outputs=hashes
        )
        self._save_lock()

    def _from_run_cache(self, key: str) -> Outputs | None:
        path = self.state / "runs" / f"{key}.json"
        if not path.is_file():
            return None
        try:
            hashes: dict[str, str] = json.loads(path.read_text())
        except (OSError, json.JSONDecodeError):
            return None
        outputs: Outputs = {}
        for rel, oid in hashes.items():
            data = self.store.get(oid)
            if data is None:
                return None
            outputs[rel] = data
        return outputs

    def _warn(self, message: str) -> None:
        self.summary.warnings.append(message)
        self.reporter.warn(message)

    # -- running ---------------------------------------------------------------------------------

    def run(self, until: str | None = None, *, force: bool = False) -> RunSummary:
        """Bring every stage up to ``until`` (inclusive; all when None) up to date.

        Args:
            until: last stage to run.
            force: re-run stages even when they are up to date.

        Returns:
            What ran, what was restored from the run cache, what was skipped.
        """
        names = [s.name for s in self.stages]
        if until is not None and until not in names:
            raise PipelineError(f"no stage named {until!r}; stages: {', '.join(names)}")
        self._clean_tmp()
        if (self.project / SETTINGS_FILE).exists() or self.lock.stages:
            self._ensure_project()
        for stage in self.stages:
            if stage.enabled_by and not self.settings.get(stage.enabled_by):
                self.summary.outcomes.append(StageOutcome(stage.name, "skipped", f"off ({stage.enabled_by} is empty)"))
                self.reporter.stage_finished(stage.name, "skipped", 0.0)
                if stage.name == until:
                    break
                continue
            if self._blocked_by_review(stage):
                break
            if stage.fan_out:
                self._run_fanned(stage, force)
            else:
                self._run_single(stage, force)
            if stage.name == until:
                break
        self._clean_tmp()
        return self.summary

    def _blocked_by_review(self, stage: Stage) -> bool:
        """Stop before a stage using a paid image/voice engine until the scripts are approved."""
        message = review_block(self.project, self.settings, stage)
        if message is None:
            return False
        self._warn(message)
        self.summary.outcomes.append(StageOutcome(stage.name, "blocked", message))
        return True

    def _run_single(self, stage: Stage, force: bool) -> None:
        started = time.perf_counter()
        inputs = self._hash_inputs(stage, None)
        params, engines = self._params(stage)
        key = stage_key(stage, params, engines, inputs, None)
        record = self.lock.stages.get(stage.name)
        reason = "forced" if force else self._why_stale(stage.name, stage, record, key, params, engines, inputs)
        if reason is None:
            self.summary.outcomes.append(StageOutcome(stage.name, "skipped"))
            self.reporter.stage_finished(stage.name, "skipped", 0.0)
            return
        self.reporter.stage_started(stage.name, 1, reason)
        outputs = None if force else self._from_run_cache(key)
        outcome = "restored"
        if outputs is None:
            outcome = "ran"
            ctx = StageContext(
                project=self.project,
                settings=self.settings,
                inputs=inputs,
                executor=self.executor,
                progress=lambda done, total: self.reporter.advance(stage.name, done, total),
            )
            outputs = call_stage(stage.func, ctx)
        self._commit(stage.name, stage, key, params, engines, inputs, outputs)
        seconds = time.perf_counter() - started
        self.summary.outcomes.append(StageOutcome(stage.name, outcome, reason, seconds))
        self.reporter.stage_finished(stage.name, outcome, seconds)

    def _run_fanned(self, stage: Stage, force: bool) -> None:
        started = time.perf_counter()
        params, engines = self._params(stage)
        units = self._units(stage)
        # Units whose source file is gone: drop their outputs and records.
        prefix = f"{stage.name}/"
        for name in sorted(n for n in self.lock.stages if n.startswith(prefix)):
            if name[len(prefix) :] not in units:
                gone = self.lock.stages.pop(name)
                for rel in gone.outputs:
                    (self.project / rel).unlink(missing_ok=True)
                self._save_lock()
        todo: list[tuple[str, str, dict[str, str], str]] = []
        for unit in units:
            name = f"{prefix}{unit}"
            inputs = self._hash_inputs(stage, unit)
            key = stage_key(stage, params, engines, inputs, unit)
            reason = (
                "forced"
                if force
                else self._why_stale(name, stage, self.lock.stages.get(name), key, params, engines, inputs)
            )
            if reason is None:
                self.summary.outcomes.append(StageOutcome(name, "skipped"))
                continue
            cached = None if force else self._from_run_cache(key)
            if cached is not None:
                self._commit(name, stage, key, params, engines, inputs, cached)
                self.summary.outcomes.append(StageOutcome(name, "restored", reason))
                continue
            todo.append((unit, key, inputs, reason))
        if not todo:
            self.reporter.stage_finished(stage.name, "skipped", time.perf_counter() - started)
            return
        self.reporter.stage_started(stage.name, len(todo), f"{len(todo)} of {len(units)}: {todo[0][3]}")
        settings_json = self.settings.model_dump_json()
        work = [(stage, str(self.project), settings_json, unit, inputs) for unit, _, inputs, _ in todo]
        done = 0

        def finished(i: int, outputs: Outputs) -> None:
            nonlocal done
            unit, key, inputs, reason = todo[i]
            self._commit(f"{prefix}{unit}", stage, key, params, engines, inputs, outputs)
            self.summary.outcomes.append(StageOutcome(f"{prefix}{unit}", "ran", reason))
            done += 1
            self.reporter.advance(stage.name, done, len(todo))

        self.executor.map(_unit_work, work, on_done=finished, keep=False)
        self.reporter.stage_finished(stage.name, "ran", time.perf_counter() - started)


def _sample(pattern: str) -> str:
    """A file name the pattern matches: the unit and classes become digits, wildcards letters."""
    return re.sub(r"\[[^]]*\]", "0", pattern.replace("{unit}", "0" * UNIT_DIGITS)).replace("*", "x").replace("?", "x")


def _overlaps(read: str, written: str) -> bool:
    """Whether an input pattern of one stage can name a file an output pattern of another writes."""
    read_glob = read.replace("{unit}", "[0-9]" * UNIT_DIGITS)
    written_glob = written.replace("{unit}", "[0-9]" * UNIT_DIGITS)
    return (
        read_glob == written_glob
        or fnmatch.fnmatchcase(_sample(read), written_glob)
        or fnmatch.fnmatchcase(_sample(written), read_glob)
    )


def _stale_upstream(stage: Stage, stale: dict[str, tuple[str, ...]]) -> str | None:
    """The first stale stage that writes a file this stage reads (it re-runs first and may change it)."""
    for name, outputs in stale.items():
        if any(_overlaps(read, written) for read in stage.inputs for written in outputs):
            return name
    return None


def stage_status(project: Path, settings: Settings, stages: tuple[Stage, ...] = STAGES) -> list[tuple[str, str]]:
    """Each stage's state without running anything: ('ingest', 'up to date' | 'stale: reason').

    A stage whose own inputs are unchanged but which reads what a stale stage writes is reported
    stale too ("upstream X is stale"): once X re-runs, its new outputs will make this one re-run.
    """
    runner = Runner(project, settings, stages=stages)
    rows: list[tuple[str, str]] = []
    stale_stages: dict[str, tuple[str, ...]] = {}
    for stage in stages:
        if stage.enabled_by and not settings.get(stage.enabled_by):
            rows.append((stage.name, f"off ({stage.enabled_by} is empty)"))
            continue
        params, engines = runner._params(stage)
        try:
            if stage.fan_out:
                units = runner._units(stage)
                stale = []
                for unit in units:
                    name = f"{stage.name}/{unit}"
                    inputs = runner._hash_inputs(stage, unit)
                    key = stage_key(stage, params, engines, inputs, unit)
                    if runner._why_stale(name, stage, runner.lock.stages.get(name), key, params, engines, inputs):
                        stale.append(unit)
                state = (
                    f"stale: {len(stale)} of {len(units)} units"
                    if stale
                    else ("up to date" if units else "nothing to do yet")
                )
            else:
                inputs = runner._hash_inputs(stage, None)
                key = stage_key(stage, params, engines, inputs, None)
                reason = runner._why_stale(
                    stage.name, stage, runner.lock.stages.get(stage.name), key, params, engines, inputs
                )
                state = f"stale: {reason}" if reason else "up to date"
        except PipelineError as exc:
            state = f"blocked: {exc}"
        upstream = _stale_upstream(stage, stale_stages)
        if upstream and state in ("up to date", "nothing to do yet"):
            state = f"stale: upstream {upstream} is stale"
        if state.startswith("stale"):
            stale_stages[stage.name] = stage.outputs
        rows.append((stage.name, state))
    return rows
