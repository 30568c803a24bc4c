"""Views of the graph for people: a map of attacks, a timeline, an actor network, entity page sections.

Every view is drawn from the results of SPARQL queries kept in ``queries/views-*.rq`` (so a
researcher can run the same queries), by one dependency-free script (``static/views.js``) that
draws SVG and saves it as SVG or PNG. ``kg serve`` mounts the pages (:mod:`kg.views.routes`) and
the page fetches the results from ``/sparql``; ``kg report`` (:mod:`kg.views.report`) runs the queries
itself and writes one self-contained HTML file with the same views.
"""

from __future__ import annotations

from kg.views.queries import VIEW_QUERIES, bind_entity, query_text, view_results
from kg.views.report import write_report

__all__ = ["VIEW_QUERIES", "bind_entity", "query_text", "view_results", "write_report"]
