"""The pipeline: stage table, runner, lock, store, executors."""

from microdrama.pipeline.executors import Executor, LocalExecutor, SerialExecutor, make_executor
from microdrama.pipeline.runner import Reporter, Runner, RunSummary, SilentReporter, StageOutcome
from microdrama.pipeline.stages import STAGES, Stage, stage_named

__all__ = [
    "STAGES",
    "Executor",
    "LocalExecutor",
    "Reporter",
    "RunSummary",
    "Runner",
    "SerialExecutor",
    "SilentReporter",
    "Stage",
    "StageOutcome",
    "make_executor",
    "stage_named",
]
