"""What AMKG says of itself, once: title, description, creator, licence and how to cite it.

VoID, the home page's schema.org ``Dataset``, the FAIR Signposting ``Link`` headers and ``CITATION.cff`` all
say the same; the first three take it from here (a test keeps ``CITATION.cff`` in step).
"""

from __future__ import annotations

from amkg.rdf.namespaces import BASE

TITLE = "AMKG, the Advanced Manufacturing Knowledge Graph"
DESCRIPTION = (
    "Hubs, firms, technologies, policies and statistics of advanced manufacturing, drawn from five public "
    "reports (WEF, UNIDO, IfM, OECD); every statement sits in the named graph of the document that states it."
)
#: The data's licence; the code is MIT (LICENSE), the data CC BY 4.0 (LICENSE-DATA).
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
CREATOR = "AMKG contributors"
#: The persistent identifier to cite: the dataset's IRI.
CITE_AS = BASE


def citation(version: str, year: str) -> str:
    """How to cite a release of AMKG, in the form CITATION.cff gives."""
    shown = f" (version {version})" if version else ""
    return f"{CREATOR} ({year}). {TITLE}{shown} [Data set]. {CITE_AS}"
