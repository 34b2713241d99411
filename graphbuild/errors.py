"""One exception root for every error a user can cause; the CLI turns them into one-line messages."""
from __future__ import annotations


class GraphbuildError(Exception):
    """Base class: an error with a message fit to show a user on one line."""


class InputError(GraphbuildError):
    """A source path or document that cannot be read or holds nothing to build."""


class ModelError(GraphbuildError):
    """The spaCy pipeline is missing or unusable."""


class GraphFormatError(GraphbuildError):
    """A graph file that does not follow the export contract."""


class StoreError(GraphbuildError):
    """A graph database refused a connection, a login or a write."""


class QueryError(GraphbuildError):
    """A catalogue query that does not exist or failed to run."""


class OutputBusyError(GraphbuildError):
    """Another process is writing to the output folder."""


class ClusterError(GraphbuildError):
    """A Dask scheduler that cannot be reached, or a cluster that could not finish a build."""
