"""The project's error types: every user-facing failure is one of these, turned into one line by the CLI."""
from __future__ import annotations


class PolicyKGError(Exception):
    """Base class for errors a user can act on (bad input, missing workspace, bad query)."""


class InputError(PolicyKGError):
    """A document could not be read: unsupported type, empty, binary, undecodable."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class WorkspaceError(PolicyKGError):
    """The workspace is missing, incomplete or unreadable."""


class QueryError(PolicyKGError):
    """A query (SPARQL, search, question) was rejected."""


class ConfigError(PolicyKGError):
    """A setting has an invalid value or a backend is not installed."""
