"""The registry of constructions: each way French reports speech is one registered :class:`Rule`.

A rule declares what it finds (its ``name``, the quotation ``type`` it yields, its base
``confidence``), how it weighs against the others when two quotations share content
(``priority``), how attribution finds its speaker (``speaker_from``), and a cheap ``trigger``
that says which sentences can hold it (fast mode parses only those, and their neighbours).
Its ``find`` function reads one :class:`Context` (the doc, its text, the paired quotation
marks, the sentence units, the cue lexicon) and returns :class:`~.found.Found` records whose
``rule`` is its name.

Rules are registered in the ``catalogue`` registry :data:`RULES`; every module of the
:mod:`quoteattr.rules` package is imported on first use, so a new construction is one new
module there (see ``docs/rules.md``, "How to add a construction").

>>> rule = rule_named("direct:incise")
>>> rule.type, rule.confidence, rule.speaker_from
('direct', 0.95, 'mention')
>>> rule_named("direct:standalone").speaker_from
'neighbour'
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Literal

import catalogue

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .cues import CueLexicon
    from .found import Found
    from .marks import Quoted

#: Where the speaker of a rule's quotation comes from: the ``mention`` detection found; a cue
#: in the sentence before or after (``neighbour``, a passage standing alone); or the speaker
#: of the quotation before, whose words go on (``previous``; kept only when the next
#: quotation has the same speaker).
SpeakerFrom = Literal["mention", "neighbour", "previous"]

#: Quotation types and their rank when two quotations share most of their content.
TYPE_RANK = {"direct": 3.0, "mixed": 2.0, "indirect": 1.0}

#: A trigger reads one sentence unit's text (no parse) and says whether the rule may fire in it.
Trigger = Callable[[str], bool]


@dataclass(frozen=True)
class Context:
    """What every rule reads: one parsed doc and what detection computed from its text.

    ``text`` is the text detection reads (in fast mode the original, not the blanked copy the
    model parsed); ``quoted`` the paired quotation marks; ``units`` the sentence units (never
    cutting a quotation); ``found`` the quotations the other rules kept, for the rules that
    read them (``Rule.after_others``).
    """

    doc: Doc
    text: str
    quoted: list[Quoted]
    units: list[tuple[int, int]]
    lexicon: CueLexicon
    found: list[Found] = field(default_factory=list)


@dataclass(frozen=True)
class Rule:
    """One construction.

    ``find`` may be shared by several rules (one walk over the doc yielding the quotations of
    a family of constructions, each tagged with its rule's name); it is called once per
    detection however many rules share it. ``priority`` is added to the rank of the
    quotation's type (:data:`TYPE_RANK`) and a tenth of its confidence when two quotations
    share content: the higher one is kept. ``trigger`` is None when the rule cannot say
    cheaply where it fires: fast mode then parses every sentence. ``reach`` is what the rule
    reads around a sentence its trigger fires on, which fast mode parses too: ``sentence``
    (the sentence and the one before it, where a pronoun's or a description's source is named),
    ``neighbours`` (the sentences before and after) or ``paragraph``. ``after_others``
    rules run once the other rules' overlaps are resolved, and read ``Context.found``.
    """

    name: str
    type: str
    confidence: float
    find: Callable[[Context], Sequence[Found]]
    speaker_from: SpeakerFrom = "mention"
    priority: float = 0.0
    trigger: Trigger | None = None
    reach: Literal["sentence", "neighbours", "paragraph"] = "sentence"
    after_others: bool = False
    doc: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if self.type not in TYPE_RANK:
            raise ValueError(f"rule {self.name}: unknown quotation type {self.type!r}")
        if not 0.0 < self.confidence <= 1.0:
            raise ValueError(f"rule {self.name}: confidence {self.confidence} not in (0, 1]")


#: The registry of rules, by name (``catalogue``, as spaCy registers its functions).
RULES = catalogue.create("quoteattr", "rules", entry_points=False)


def register(rule: Rule) -> Rule:
    """Adds ``rule`` to :data:`RULES` (a second rule of the same name is an error)."""
    if _registered(rule.name):
        raise ValueError(f"a rule named {rule.name!r} is already registered")
    RULES.register(rule.name, func=rule)
    all_rules.cache_clear()
    _by_name.cache_clear()
    return rule


def unregister(name: str) -> None:
    """Removes the rule ``name`` (tests that register a rule of their own clean up with it)."""
    catalogue.REGISTRY.pop((*RULES.namespace, name), None)
    all_rules.cache_clear()
    _by_name.cache_clear()


def _registered(name: str) -> bool:
    return (*RULES.namespace, name) in catalogue.REGISTRY


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every registered rule, in registration order (the order their ``find`` runs in)."""
    _load_rule_modules()
    return tuple(RULES.get_all().values())


def rule_named(name: str) -> Rule:
    """The registered rule ``name``; a detector tagging a quotation with an unregistered
    rule is a bug, reported as such."""
    rule = _by_name().get(name)
    if rule is None:
        raise UnknownRule(f"no rule named {name!r} is registered (see quoteattr.rules)")
    return rule


class UnknownRule(LookupError):
    """A quotation tagged with a rule nobody registered (not a ``KeyError``, which spaCy
    would report as a component left uninitialised)."""


@cache
def _by_name() -> dict[str, Rule]:
    return {rule.name: rule for rule in all_rules()}


@cache
def _load_rule_modules() -> None:
    """Imports every module of :mod:`quoteattr.rules`, which registers the rules: the
    package first imports the built-in families in the order detection has always run them
    (it breaks ties between equal quotations), then the other modules come by name."""
    package = importlib.import_module("quoteattr.rules")
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        importlib.import_module(f"{package.__name__}.{info.name}")
