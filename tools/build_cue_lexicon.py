"""Rebuilds quoteattr/data/cues.tsv from the two shippable French cue lists.

    python tools/build_cue_lexicon.py CURATED.tsv GGT_INFINITIVES.txt > quoteattr/data/cues.tsv

Sources: core_news_reporting_cues_curated.tsv (written for this project, free to use) and the
quote-verb infinitives of the Gender Gap Tracker / Radar de Parité (MIT, © 2018-2023 Maite
Taboada; notice in quoteattr/data/LICENSE.GenderGapTracker.MIT.txt). Frames and weights are
ours: see the FRAMES and WEIGHTS tables below and docs/rules.md.
"""

from __future__ import annotations

import csv
import sys

# Frames each category allows: que (X a dit que P), incise (« P », a-t-il dit), colon
# (X a dit : « P »), inf (X a déclaré avoir…).
FRAMES = {
    "assertion_neutre": "que,incise,colon",
    "certitude_engagement": "que,incise,colon",
    "concession_aveu": "que,incise,colon",
    "contestation_reponse": "que,incise,colon",
    "question_demande": "que,incise,colon",
    "opinion_jugement": "que,incise,colon",
    "locution_verbale": "que,incise,colon",
    "pronominal": "que,incise,colon",
    "cue_non_verbal": "source",
}
# How sure a cue makes us that speech is reported (pensée vs parole, see the lexicon README).
WEIGHTS = {
    "assertion_neutre": 0.9,
    "certitude_engagement": 0.85,
    "concession_aveu": 0.85,
    "contestation_reponse": 0.85,
    "question_demande": 0.75,
    "locution_verbale": 0.85,
    "pronominal": 0.75,
    "opinion_jugement": 0.65,
    "cue_non_verbal": 0.8,
}
# Cues neither list has, added by quoteattr with the reason: « parlant d'un « effort de
# transparence » » reports words as surely as « évoquant »; « le Medef, pour qui P » gives the
# Medef's view as surely as « selon le Medef, P » (rules/pour_qui.py).
EXTRA = {
    "parler": ("assertion_neutre", "incise", 0.8),
    "pour qui": ("cue_non_verbal", "source", 0.75),
    # « De l'opinion de X, P » says what « De l'avis de X, P » says.
    "de l'opinion de": ("cue_non_verbal", "source", 0.8),
}
# Verbs that also report speech with an infinitive clause (« a déclaré avoir été agressée »).
INFINITIVE = {
    "dire",
    "déclarer",
    "affirmer",
    "assurer",
    "reconnaître",
    "nier",
    "admettre",
    "avouer",
    "raconter",
    "prétendre",
    "certifier",
    "jurer",
    "estimer",
    "expliquer",
    "confier",
    "témoigner",
    "démentir",
    "contester",
    "soutenir",
    "se dire",
    "indiquer",
    "annoncer",
}
# Cues whose content may be an infinitive after a preposition, with or without an object
# before it: « a promis de remettre le pouvoir » (de_inf), « appelle la population à prendre
# le bus » (a_inf), « a demandé au tribunal de prononcer la relaxe ». Frames named after the
# preposition; read by quoteattr/rules/prep_infinitive.py.
PREP_INFINITIVE = {
    "promettre": "de_inf",
    "demander": "de_inf,a_inf",
    "accuser": "de_inf",
    "proposer": "de_inf",
    "menacer": "de_inf",
    "exiger": "de_inf",
    "conseiller": "de_inf",
    "recommander": "de_inf",
    "suggérer": "de_inf",
    "reprocher": "de_inf",
    "jurer": "de_inf",
    "appeler": "a_inf",
    "exhorter": "a_inf",
    "s'engager": "a_inf",
    "réclamer": "de_inf",
}
# Request verbs neither list has, which report a demand only with that infinitive: « invite
# les riverains à limiter leurs déplacements », « a sommé le club de payer ».
REQUESTS = {
    "inviter": "a_inf",
    "inciter": "a_inf",
    "encourager": "a_inf",
    "enjoindre": "de_inf",
    "sommer": "de_inf",
    "ordonner": "de_inf",
    "supplier": "de_inf",
    "presser": "de_inf",
    "implorer": "de_inf",
    "conjurer": "de_inf",
}
# Pronominal cues whose content is the adjective or noun after them, with its complement:
# « s'est dit satisfait de l'accord », « se déclare prêt à négocier », « se dit victime d'un
# complot » (adj); « se montrer » only with an adjective of stance (attitude:
# data/attitude_adjectives.txt), since « le gardien s'est montré décisif » reports nothing.
# Read by quoteattr/rules/attitude.py; « se déclarer » is in neither list.
ADJECTIVE = {"se dire": "adj", "se montrer": "attitude", "se déclarer": "adj"}
# Verbs that report words only as a quoted predicate after « de »: « elle a traité son
# adversaire de « menteur » », « taxé de « laxisme » » (qualify). Read by
# quoteattr/detect/indirect.py (_quoted_object); « qualifier » has its que frames already.
QUALIFY = {"traiter": "qualify", "taxer": "qualify"}
# Often thought, not speech, in news (lexicon README): kept, but weighted down.
WEAK = {
    "croire",
    "penser",
    "juger",
    "poursuivre",
    "reconnaître",
    "montrer",
    "trouver",
    "continuer",
    "développer",
    "lire",
    "publier",
    "défendre",
    "lancer",
    "sourire",
    "souhaiter",
    "proposer",
    "conseiller",
    "maintenir",
    "prévenir",
    "considérer",
}
# GGT entries that are noise (the README says so: forms of avoir, `dancer`, typos) or not
# reporting verbs on their own in news.
GGT_SKIP = {
    "dancer",
    "demeurer",
    "savoir",
    "vouloir",
    "valoir",
    "entendre",
    "adresser",
    "re-connaître",
    "reconnaitre",
    "preciser",
    "prévoir",
    "divulger",
    "remémorer",
    "louanger",
    "illustrer",
    "exprimer",
    "informer",
    "soulever",
    "extasier",
    "désoler",
    "inquiéter",
    "plaindre",
    "réjouir",
    "justifier",
    "défendre",
}
GGT_EXTRA_FRAMES = {
    "gazouiller": "que,incise,colon",
    "prétexter": "que,incise,colon",
    "protester": "que,incise,colon",
    "trancher": "que,incise,colon",
    "révéler": "que,incise,colon",
    "décrire": "que,incise,colon",
    "attester": "que,incise,colon",
    "alléguer": "que,incise,colon",
    "informer": "que,incise,colon",
}


def main(curated: str, ggt: str) -> None:
    rows: dict[str, tuple[str, str, float, str]] = {}
    with open(curated, encoding="utf-8") as f:
        for rec in csv.DictReader(f, delimiter="\t"):
            cue, cat = rec["cue"].strip(), rec["category"].strip()
            frames = FRAMES[cat]
            if cue in INFINITIVE:
                frames += ",inf"
            weight = WEIGHTS[cat] - (0.2 if cue in WEAK else 0.0)
            rows[cue] = (cat, frames, round(weight, 2), "curated")
    with open(ggt, encoding="utf-8") as f:
        for line in f:
            cue = line.strip()
            if not cue or cue in GGT_SKIP or cue in rows:
                continue
            frames = GGT_EXTRA_FRAMES.get(cue, "que,incise,colon")
            rows[cue] = ("assertion_neutre", frames, 0.8, "ggt")
    for cue, (cat, frames, weight) in EXTRA.items():
        rows.setdefault(cue, (cat, frames, weight, "quoteattr"))
    for cue, frames in REQUESTS.items():
        rows.setdefault(cue, ("question_demande", frames, WEIGHTS["question_demande"], "quoteattr"))
    for cue, extra in PREP_INFINITIVE.items():
        cat, frames, weight, src = rows[cue]
        rows[cue] = (cat, f"{frames},{extra}", weight, src)
    for cue, frames in QUALIFY.items():
        rows.setdefault(cue, ("opinion_jugement", frames, WEIGHTS["opinion_jugement"], "quoteattr"))
    for cue, extra in ADJECTIVE.items():
        cat, frames, weight, src = rows.get(
            cue, ("pronominal", "", WEIGHTS["pronominal"], "quoteattr")
        )
        rows[cue] = (cat, f"{frames},{extra}" if frames else extra, weight, src)
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    print("# Reporting cues. Built by tools/build_cue_lexicon.py from the project's curated list")
    print("# and the Gender Gap Tracker quote verbs (MIT, see LICENSE.GenderGapTracker.MIT.txt).")
    print("# frames: que | incise | colon | inf | de_inf | a_inf | adj | attitude | qualify |")
    print("# source (selon X); see docs/rules.md.")
    print("# weight: how sure the cue makes us that speech is reported.")
    out.writerow(["cue", "category", "frames", "weight", "source"])
    for cue, (cat, frames, weight, src) in sorted(rows.items()):
        out.writerow([cue, cat, frames, weight, src])


if __name__ == "__main__":
    main(*sys.argv[1:3])
