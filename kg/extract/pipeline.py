"""The spaCy pipeline: tokenizer, folded norms, sentences, and an entity ruler from the reference data.

Rule-based by default (``spacy.blank("en")``): no pretrained model is needed. ``model`` names an
installed pipeline to start from instead; the reference entities then overwrite its own.
"""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.errors import KgError
from kg.extract.lexicon import fold
from kg.extract.patterns import Pattern, entity_patterns


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


def _folded_doc(nlp: Language, text: str) -> Doc:
    """TEXT tokenized, with each token's NORM folded as kg_fold_norm folds an article's."""
    doc = nlp.make_doc(text)
    for token in doc:
        token.norm_ = fold(token.text)
    return doc


class Gazetteer:
    """Marks mentions of the reference entities as doc.ents, the longest match winning.

    Two phrase matchers, no token patterns: the folded one over NORM for multi-word names, the
    exact one over ORTH for one-word names and acronyms. (spaCy's entity ruler would run the one-word
    names as token patterns, which cost half the extraction time.)
    """

    def __init__(self, nlp: Language, patterns: list[Pattern]) -> None:
        self.folded = PhraseMatcher(nlp.vocab, attr="NORM")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.keys: dict[int, tuple[str, str]] = {}
        grouped: dict[tuple[str, str, str], list[str]] = {}
        for p in patterns:
            grouped.setdefault((p["match"], p["label"], p["id"]), []).append(p["pattern"])
        for (match, label, iri), texts in grouped.items():
            key = f"{label}|{iri}"
            self.keys[nlp.vocab.strings.add(key)] = (label, iri)
            if match == "exact":
                self.exact.add(key, [nlp.make_doc(text) for text in texts])
            else:
                self.folded.add(key, [_folded_doc(nlp, text) for text in texts])

    def __call__(self, doc: Doc) -> Doc:
        spans = [
            Span(doc, start, end, label=self.keys[key][0], span_id=self.keys[key][1])
            for matcher in (self.folded, self.exact)
            for key, start, end in matcher(doc)
        ]
        doc.ents = filter_spans(spans)
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
    patterns = list(entity_patterns(lambda text: [t.text for t in nlp.make_doc(text)]))
    nlp.add_pipe("kg_gazetteer", config={"patterns": patterns})
    return nlp


@Language.factory("kg_gazetteer", default_config={"patterns": []})
def make_gazetteer(nlp: Language, name: str, patterns: list[Pattern]) -> Gazetteer:
    return Gazetteer(nlp, patterns)
