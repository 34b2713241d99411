"""The build command's options for where it runs: this machine, or a Dask cluster."""
from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from .errors import GraphbuildError

SCHEDULER_ENV_VAR = "DASK_SCHEDULER_ADDRESS"  # as graphbuild.cluster, which imports spaCy: not for --help


class ExecutorName(str, Enum):
    local = "local"
    dask = "dask"


ExecutorOption = Annotated[ExecutorName, typer.Option(
    "--executor", help="Where documents are read, parsed and extracted: local (this machine, --workers "
    "processes) or dask (the workers of a Dask cluster; resolution and the graph stay here).")]
Scheduler = Annotated[Optional[str], typer.Option(
    envvar=SCHEDULER_ENV_VAR, help="With --executor dask: the scheduler's address, e.g. tcp://10.0.0.5:8786; "
    "default: a cluster of --workers processes (default: one per core) started on this machine for the run.")]
ShipTexts = Annotated[bool, typer.Option(
    "--ship-texts", help="With --executor dask: read the texts here and send them with the tasks, for "
    "workers that cannot see the files at the same paths.")]


def executor_for(ctx: typer.Context, name: ExecutorName, scheduler: str | None, ship_texts: bool, workers: int):
    """The executor the options ask for (None: this machine); :class:`GraphbuildError` for options that do
    not fit together."""
    def given(option: str) -> bool:  # on the command line, not from a default (or, for --scheduler, the environment)
        source = ctx.get_parameter_source(option)
        return source is not None and source.name == "COMMANDLINE"

    if name is ExecutorName.local:
        for option, wrong in (("--scheduler", given("scheduler")), ("--ship-texts", ship_texts)):
            if wrong:
                raise GraphbuildError(f"{option} needs --executor dask")
        return None  # a scheduler address from the environment is for Dask builds only
    workers_given = given("workers")
    if workers_given and scheduler:
        raise GraphbuildError("--workers sizes a cluster started on this machine; a scheduler's cluster has its "
                              "own workers")
    from .cluster import DaskExecutor

    return DaskExecutor(scheduler, ship_texts=ship_texts, local_workers=workers if workers_given else None)
