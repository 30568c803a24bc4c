"""The extractor: the spaCy pipeline and the event and relation readers over it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from kg.extract.events import EventReader
from kg.extract.lexicon import load_lexicon, make_doc
from kg.extract.model import Extraction
from kg.extract.pipeline import build_nlp
from kg.extract.relations import RelationReader
from kg.ingest import Article


class Extractor:
    """Reads events, relations and counts from articles."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        lexicon = load_lexicon(lambda text: [t.text for t in nlp.make_doc(text)])
        self.events = EventReader(lexicon)
        self.relations = RelationReader(lexicon)

    def extract(self, article: Article) -> Extraction:
        return self._read(article, self.nlp(make_doc(self.nlp, article.text)))

    def extract_many(self, articles: Iterable[Article], *, batch_size: int = 32) -> Iterator[Extraction]:
        """Like extract, over a stream with spaCy's batching: one extraction per article, in order."""
        pairs = ((make_doc(self.nlp, a.text), a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield self._read(article, doc)

    def _read(self, article: Article, doc: object) -> Extraction:
        events, aggregates = self.events.read(doc, article)  # type: ignore[arg-type]
        relations = self.relations.read(doc)  # type: ignore[arg-type]
        return Extraction(events=events, relations=relations, aggregates=aggregates)


def load_extractor(model: str | None = None) -> Extractor:
    """The extractor with its spaCy pipeline (rule-based unless MODEL names an installed pipeline)."""
    return Extractor(build_nlp(model))
