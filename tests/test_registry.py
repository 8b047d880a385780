"""The rule registry: every construction is one registered rule, and detection runs them all."""

from __future__ import annotations

import dataclasses

import pytest

import quoteattr
from quoteattr.detect.found import Found
from quoteattr.detect.rules import TYPE_RANK, Context, Rule, all_rules, register, rule_named
from quoteattr.detect.rules import unregister as _unregister

BUILTIN = {
    "direct:inner",
    "direct:incise",
    "direct:embedded",
    "direct:dash",
    "direct:colon",
    "direct:standalone",
    "direct:signed",
    "indirect:que",
    "indirect:inf",
    "indirect:participle",
    "indirect:incise",
    "indirect:quoted-object",
    "indirect:quoted-predicate",
    "source:leading",
    "source:trailing",
    "source:verdict",
    "source:named-after",
    "indirect:continued",
}


def test_every_builtin_construction_is_registered_once():
    names = [r.name for r in all_rules()]
    assert len(names) == len(set(names))
    assert set(names) >= BUILTIN
    for rule in all_rules():
        assert rule.type in TYPE_RANK and 0 < rule.confidence <= 1 and callable(rule.find)


def test_rules_declare_how_their_speaker_is_found():
    assert rule_named("direct:standalone").speaker_from == "neighbour"
    assert rule_named("indirect:continued").speaker_from == "previous"
    assert rule_named("indirect:continued").after_others
    assert rule_named("indirect:que").speaker_from == "mention"
    assert rule_named("source:leading").priority < rule_named("indirect:que").priority


def test_a_second_rule_of_the_same_name_is_refused():
    with pytest.raises(ValueError, match="already registered"):
        register(dataclasses.replace(rule_named("indirect:que")))


def test_a_rule_must_declare_a_known_type_and_a_confidence():
    with pytest.raises(ValueError, match="type"):
        Rule("x:y", "quoted", 0.5, lambda ctx: [])
    with pytest.raises(ValueError, match="confidence"):
        Rule("x:y", "direct", 1.5, lambda ctx: [])


def test_detection_records_are_immutable():
    f = Found("direct", [(0, 4)], None, "", None, 0.6, "direct:standalone", (0, 5))
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.type = "mixed"  # type: ignore[misc]


@pytest.fixture
def registered():
    names: list[str] = []

    def add(rule: Rule) -> Rule:
        names.append(rule.name)
        return register(rule)

    yield add
    for name in names:
        _unregister(name)


def _whole_units(name: str, words: str):
    """A rule finding every sentence holding ``words``, attributed to nobody."""

    def find(ctx: Context) -> list[Found]:
        return [
            Found("indirect", [(a, b - 1)], None, "", None, 0.5, name, (a, b))
            for a, b in ctx.units
            if words in ctx.text[a:b]
        ]

    return find


def test_a_registered_rule_runs_in_extraction(registered):
    text = "Le chantier reprendra lundi, croit savoir la mairie de Nevers."
    before = quoteattr.extract(text)
    registered(Rule("test:chantier", "indirect", 0.5, _whole_units("test:chantier", "chantier")))
    after = quoteattr.extract(text)
    assert len(after) == len(before) + 1 or any(q.start == 0 for q in before)
    assert any(q.start == 0 and q.text.startswith("Le chantier") for q in after)


def test_priority_settles_two_quotations_sharing_content(registered):
    # An indirect quotation of the whole sentence (« que ») against a stronger test rule.
    text = "La préfète a affirmé que la route du col restera fermée tout l'hiver."
    [q] = quoteattr.extract(text)
    assert q.cue is not None and q.cue.lemma == "affirmer"
    registered(
        Rule("test:route", "indirect", 0.5, _whole_units("test:route", "route"), priority=5.0)
    )
    [q] = quoteattr.extract(text)
    assert q.cue is None and q.text.startswith("La préfète")


def test_a_quotation_of_an_unregistered_rule_is_an_error(registered):
    registered(Rule("test:stray", "indirect", 0.5, _whole_units("test:nobody", "route")))
    with pytest.raises(ValueError, match="test:nobody"):
        quoteattr.extract("La route du col restera fermée tout l'hiver, dit-on.")
