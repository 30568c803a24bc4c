"""The spaCy pipeline: tokenizer, folded norms, sentences, and an entity ruler from the reference data.

Rule-based by default (``spacy.blank("en")``): no pretrained model is needed. ``model`` names an
installed pipeline to start from instead; the reference entities then overwrite its own.
"""

from __future__ import annotations

from typing import cast

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc

from kg.errors import KgError
from kg.extract.lexicon import fold
from kg.extract.patterns import entity_patterns


@Language.component("kg_fold_norm")
def fold_norm(doc: Doc) -> Doc:
    """Set each token's NORM to its folded form, which the entity ruler matches on."""
    for token in doc:
        token.norm_ = fold(token.text)
    return doc


@Language.component("kg_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, datelines and list items have no final stop."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


def build_nlp(model: str | None = None) -> Language:
    """The extraction pipeline, with entity patterns generated from the reference data."""
    if model:
        try:
            nlp = spacy.load(model)
        except OSError as err:
            raise KgError(
                f"spaCy pipeline {model!r} is not installed; leave out --model to use the rule-based one"
            ) from err
    else:
        nlp = spacy.blank("en")
    nlp.add_pipe("kg_fold_norm", first=True)
    if not {"parser", "senter", "sentencizer"} & set(nlp.pipe_names):
        nlp.add_pipe("sentencizer")
    nlp.add_pipe("kg_line_breaks")
    ruler = cast(
        EntityRuler,
        nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "NORM", "overwrite_ents": True}),
    )
    ruler.add_patterns(list(entity_patterns(lambda text: [t.text for t in nlp.make_doc(text)])))
    return nlp
