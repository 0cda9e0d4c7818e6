"""One error hierarchy for the library; the CLI turns these into messages and exit codes."""
from __future__ import annotations


class DetenteError(Exception):
    """Base class of every error detente raises on purpose."""


class DataFileError(DetenteError):
    """A dictionary or lexicon file is malformed. The message names the file and the entry."""

    def __init__(self, path: str, where: str, problem: str):
        self.path, self.where, self.problem = path, where, problem
        super().__init__(f"{path}: {where}: {problem}")


class ModelNotFound(DetenteError):
    """No installed spaCy English pipeline could be loaded."""


class InputError(DetenteError):
    """An input (file, line, document) cannot be read or coded."""
